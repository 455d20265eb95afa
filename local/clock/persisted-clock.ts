/**
 * A virtual clock whose offset survives restarts: after `POST /dev/clock` moved time forward, the
 * data written under that time (due dates, SLA timers) must not find itself in the future.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { VirtualClock, type VirtualClockOptions } from './virtual-clock';

/** The saved offset, or undefined for a fresh data folder. */
function readOffset(file: string): number | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    return typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs) ? saved.offsetMs : undefined;
  } catch {
    return undefined;
  }
}

function writeOffset(file: string, offsetMs: number) {
  // Advances are rare and small: a synchronous atomic write keeps the order obvious.
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ offsetMs }));
  renameSync(tmp, file);
}

/**
 * A VirtualClock; with a file, its offset is read from and written to it. `startAt` applies to a
 * fresh data folder only: a folder that has a clock keeps its time.
 */
export function openVirtualClock(
  options: { file?: string } & Omit<VirtualClockOptions, 'offsetMs'> = {},
): VirtualClock {
  const { file, startAt, ...rest } = options;
  if (!file) return new VirtualClock({ ...rest, startAt });
  const saved = readOffset(file);
  const clock = new VirtualClock({
    ...rest,
    ...(saved === undefined ? { startAt } : { offsetMs: saved }),
    onOffsetChange: (offsetMs) => {
      writeOffset(file, offsetMs);
      rest.onOffsetChange?.(offsetMs);
    },
  });
  if (saved === undefined) writeOffset(file, clock.offsetMs);
  return clock;
}
