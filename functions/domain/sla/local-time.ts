/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`, so DST is whatever the runtime's
 * tz database says. Local dates are 'YYYY-MM-DD' strings; local times are minutes after midnight.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local calendar date and the wall-clock minute of the day (fractions keep the seconds). */
export interface LocalDateTime {
  date: string;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is what a broken calendar deserves.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock at `epochMs`, expressed as if it were UTC (so the difference to `epochMs` is the offset). */
function wallClockAsUtc(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wholeSecond = Date.UTC(year, month - 1, day, hour, minute, second);
  return wholeSecond + (((epochMs % 1000) + 1000) % 1000);
}

function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockAsUtc(epochMs, timeZone) - epochMs;
}

/** Throws on anything but a real 'YYYY-MM-DD' date, so typos in callers surface at once. */
export function parseLocalDate(date: string): number {
  const match = DATE_RE.exec(date);
  const utc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  }
  return utc;
}

export function addDays(date: string, days: number): string {
  return new Date(parseLocalDate(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(parseLocalDate(date)).getUTCDay() + 6) % 7) + 1;
}

/** 'HH:MM' → minutes after midnight. */
export function parseClock(clock: string): number {
  const [hours = NaN, minutes = NaN] = clock.split(':').map(Number);
  if (!/^\d{2}:\d{2}$/.test(clock) || hours > 23 || minutes > 59) throw new RangeError(`not an HH:MM time: ${clock}`);
  return hours * 60 + minutes;
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const wall = new Date(wallClockAsUtc(instant.getTime(), timeZone));
  const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  return { date: wall.toISOString().slice(0, 10), minutes: (wall.getTime() - midnight) / 60_000 };
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` on `date`. Like Temporal's 'compatible'
 * disambiguation: a time skipped by a DST jump resolves to the same distance after the jump, and a
 * repeated time resolves to its first occurrence.
 */
export function fromLocal(date: string, minutes: number, timeZone: string): Date {
  const wall = parseLocalDate(date) + minutes * 60_000;
  // Offsets a day either side bracket the at most one transition near this wall time.
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const beforeValid = wallClockAsUtc(before, timeZone) === wall;
  const afterValid = wallClockAsUtc(after, timeZone) === wall;
  if (beforeValid && afterValid) return new Date(Math.min(before, after));
  if (afterValid) return new Date(after);
  // Valid with the earlier offset, or in a gap where the earlier offset pushes it past the jump.
  return new Date(before);
}
