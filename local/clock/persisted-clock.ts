/**
 * A virtual clock whose offset survives restarts: after `POST /dev/clock` moved time forward, the
 * data written under that time (due dates, SLA timers) must not find itself in the future.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { VirtualClock, type VirtualClockOptions } from './virtual-clock';

function readOffset(file: string): number {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    return typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs) ? saved.offsetMs : 0;
  } catch {
    return 0;
  }
}

function writeOffset(file: string, offsetMs: number) {
  // Advances are rare and small: a synchronous atomic write keeps the order obvious.
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ offsetMs }));
  renameSync(tmp, file);
}

/** A VirtualClock; with a file, its offset is read from and written to it. */
export function openVirtualClock(
  options: { file?: string } & Omit<VirtualClockOptions, 'offsetMs'> = {},
): VirtualClock {
  const { file, ...rest } = options;
  if (!file) return new VirtualClock(rest);
  return new VirtualClock({
    ...rest,
    offsetMs: readOffset(file),
    onOffsetChange: (offsetMs) => {
      writeOffset(file, offsetMs);
      rest.onOffsetChange?.(offsetMs);
    },
  });
}
