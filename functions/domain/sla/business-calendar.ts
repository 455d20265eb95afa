/**
 * Business-hours arithmetic for SLA deadlines. A working day is workdayStart..workdayEnd local time
 * minus its breaks (lunch), i.e. one or more working periods such as 09:00-13:00 and 14:00-18:00;
 * everything is real elapsed time (milliseconds between instants), so a DST switch inside a period
 * lengthens or shortens that day honestly. Deadlines are always recomputed
 * from (start, target, pause history) — nothing here remembers a previous answer but holiday caches.
 */
import type { Calendar } from '../catalog/schema';
import { addDays, fromLocal, isoWeekday, parseClock, parseLocalDate, toLocal } from './local-time';
import type { HolidayRegion } from './public-holidays';
import { assertKnownRegion, isPublicHoliday } from './public-holidays';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** More consecutive days without work than any real calendar has: the calendar is broken. */
const MAX_IDLE_DAYS = 400;

/** An interval during which the SLA clock stood still; `to: null` means it still does. */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** Epoch-millisecond interval; `end` is Infinity for a pause that is still open. */
interface Span {
  start: number;
  end: number;
}

function epochOf(instant: Date, what: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${what} is an invalid date`);
  return ms;
}

function hoursToMs(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`business hours must be finite and >= 0: ${hours}`);
  return Math.round(hours * HOUR_MS);
}

/** Sorted, merged, non-empty pause spans; overlapping or unordered history is tolerated. */
function normalisePauses(pauses: readonly Pause[]): Span[] {
  const spans = pauses
    .map((p) => ({ start: epochOf(p.from, 'pause.from'), end: p.to === null ? Infinity : epochOf(p.to, 'pause.to') }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The parts of `period` not covered by any pause. */
function subtractPauses(period: Span, pauses: readonly Span[]): Span[] {
  const pieces: Span[] = [];
  let cursor = period.start;
  for (const pause of pauses) {
    if (pause.end <= cursor) continue;
    if (pause.start >= period.end) break;
    if (pause.start > cursor) pieces.push({ start: cursor, end: pause.start });
    cursor = pause.end;
  }
  if (cursor < period.end) pieces.push({ start: cursor, end: period.end });
  return pieces;
}

/**
 * The working stretches of a day in local minutes after midnight: workdayStart..workdayEnd minus
 * the breaks. Throws on a break that is empty, sticks out of the day or overlaps another, and on
 * breaks that leave no working time at all (the calendar schema reports the same with zod issues).
 */
function workingSegments(calendar: Calendar, dayStart: number, dayEnd: number): Span[] {
  const breaks = (calendar.breaks ?? [])
    .map((b) => ({ start: parseClock(b.start), end: parseClock(b.end), label: `break ${b.start}-${b.end}` }))
    .sort((a, b) => a.start - b.start);
  const segments: Span[] = [];
  let cursor = dayStart;
  for (const b of breaks) {
    if (b.end <= b.start || b.start < dayStart || b.end > dayEnd) {
      throw new RangeError(
        `calendar ${calendar.id}: ${b.label} must start before it ends and lie within ${calendar.workdayStart}-${calendar.workdayEnd}`,
      );
    }
    if (b.start < cursor) throw new RangeError(`calendar ${calendar.id}: ${b.label} overlaps another break`);
    if (b.start > cursor) segments.push({ start: cursor, end: b.start });
    cursor = b.end;
  }
  if (cursor < dayEnd) segments.push({ start: cursor, end: dayEnd });
  if (segments.length === 0) throw new RangeError(`calendar ${calendar.id}: breaks leave no working time in the day`);
  return segments;
}

export class BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  private readonly startMinutes: number;
  private readonly endMinutes: number;
  /** Working periods of a day in local minutes (workday minus breaks), sorted, non-empty. */
  private readonly segments: readonly Span[];
  private readonly workdays: ReadonlySet<number>;
  private readonly overrides: ReadonlyMap<string, boolean>;
  private readonly holidays: HolidayRegion | undefined;

  constructor(calendar: Calendar) {
    this.id = calendar.id;
    this.timeZone = calendar.timeZone;
    toLocal(new Date(0), calendar.timeZone); // an unknown zone throws here, not mid-request
    this.startMinutes = parseClock(calendar.workdayStart);
    this.endMinutes = parseClock(calendar.workdayEnd);
    if (this.endMinutes <= this.startMinutes) {
      throw new RangeError(`calendar ${calendar.id}: workdayEnd must be after workdayStart (no overnight shifts)`);
    }
    this.segments = workingSegments(calendar, this.startMinutes, this.endMinutes);
    this.workdays = new Set(calendar.workdays);
    this.overrides = new Map((calendar.overrides ?? []).map((o) => [o.date, o.working]));
    if (calendar.holidays) assertKnownRegion(calendar.holidays);
    this.holidays = calendar.holidays;
  }

  /** Overrides win; otherwise a configured weekday that is not a public holiday. */
  isWorkingDay(localDate: string): boolean {
    parseLocalDate(localDate);
    const override = this.overrides.get(localDate);
    if (override !== undefined) return override;
    if (!this.workdays.has(isoWeekday(localDate))) return false;
    return !(this.holidays && isPublicHoliday(this.holidays, localDate));
  }

  /** Whether `at` lies in a working period, taken as half-open [start, end); breaks are not working time. */
  isWorkingTime(at: Date): boolean {
    const ms = epochOf(at, 'at');
    return this.periodsOn(toLocal(at, this.timeZone).date).some((p) => ms >= p.start && ms < p.end);
  }

  /**
   * The instant `hours` business hours after `start`. Counting starts at the next working period when
   * `start` is outside one (at night, or in a break); a deadline that uses up a period exactly lands
   * on its end (18:00, or 13:00 before a lunch break), not on the start of the next period.
   */
  addBusinessHours(start: Date, hours: number): Date {
    const due = this.walk(epochOf(start, 'start'), hoursToMs(hours), []);
    if (due === null) throw new Error('unreachable: without pauses the walk always ends');
    return new Date(due);
  }

  /** Business hours in [from, to], exact to the millisecond; 0 when `to` is not after `from`. */
  businessHoursBetween(from: Date, to: Date): number {
    return this.elapsedBusinessHours(from, to, []);
  }

  /**
   * The deadline for `hours` of un-paused business time from `start`: the walk skips paused time
   * inside working periods (pauses in nights and weekends cost nothing). Returns null when an open
   * pause stops the clock before the target is reached — a deadline already passed before the
   * pause began stays where it was.
   */
  dueAt(start: Date, hours: number, pauses: readonly Pause[]): Date | null {
    const due = this.walk(epochOf(start, 'start'), hoursToMs(hours), normalisePauses(pauses));
    return due === null ? null : new Date(due);
  }

  /** Un-paused business hours in [start, now]. */
  elapsedBusinessHours(start: Date, now: Date, pauses: readonly Pause[]): number {
    const from = epochOf(start, 'start');
    const until = epochOf(now, 'now');
    let elapsed = 0;
    if (until <= from) return 0;
    for (const piece of this.activePieces(from, normalisePauses(pauses))) {
      if (piece.start >= until) break;
      elapsed += Math.min(piece.end, until) - piece.start;
    }
    return elapsed / HOUR_MS;
  }

  /** Target minus elapsed un-paused business hours at `now`; negative once overdue. */
  remainingBusinessHours(start: Date, hours: number, pauses: readonly Pause[], now: Date): number {
    return hoursToMs(hours) / HOUR_MS - this.elapsedBusinessHours(start, now, pauses);
  }

  /** Epoch ms when `ms` of active time has accumulated, or null if an open pause ends the clock. */
  private walk(from: number, ms: number, pauses: readonly Span[]): number | null {
    let remaining = ms;
    for (const piece of this.activePieces(from, pauses)) {
      const length = piece.end - piece.start;
      if (remaining <= length) return piece.start + remaining;
      remaining -= length;
    }
    return null;
  }

  /** Working time from `from` on, minus pauses; finishes only when an open pause swallows the rest. */
  private *activePieces(from: number, pauses: readonly Span[]): Generator<Span> {
    const last = pauses[pauses.length - 1];
    const openFrom = last && last.end === Infinity ? last.start : Infinity;
    for (const period of this.workingPeriods(from)) {
      if (period.start >= openFrom) return;
      yield* subtractPauses(period, pauses);
    }
  }

  /** Working periods ending after `from` (the first clipped to start at `from`), one day per step. */
  private *workingPeriods(from: number): Generator<Span> {
    let date = toLocal(new Date(from), this.timeZone).date;
    for (let idle = 0; idle <= MAX_IDLE_DAYS; date = addDays(date, 1)) {
      const periods = this.periodsOn(date).filter((p) => p.end > from);
      idle = periods.length === 0 ? idle + 1 : 0;
      for (const period of periods) yield { start: Math.max(period.start, from), end: period.end };
    }
    throw new Error(
      `calendar ${this.id}: no working day within ${MAX_IDLE_DAYS} days of ${new Date(from).toISOString()}`,
    );
  }

  /**
   * The working periods of `date` as instants, in order. Costs what a day without breaks costs (two
   * time-zone look-ups) unless the UTC offset changes between workdayStart and workdayEnd: then each
   * break boundary is resolved on its own, and periods are clamped so that a wall time resolved
   * across a DST jump can neither invert a period nor make two of them overlap.
   */
  private periodsOn(date: string): Span[] {
    if (!this.isWorkingDay(date)) return [];
    const first = fromLocal(date, this.startMinutes, this.timeZone).getTime();
    const last = fromLocal(date, this.endMinutes, this.timeZone).getTime();
    const uniform = last - first === (this.endMinutes - this.startMinutes) * MINUTE_MS;
    const instant = (minutes: number): number => {
      if (minutes === this.startMinutes) return first;
      if (minutes === this.endMinutes) return last;
      if (uniform) return first + (minutes - this.startMinutes) * MINUTE_MS;
      return fromLocal(date, minutes, this.timeZone).getTime();
    };
    const periods: Span[] = [];
    let floor = first;
    for (const segment of this.segments) {
      const start = Math.max(instant(segment.start), floor);
      floor = Math.max(instant(segment.end), start);
      if (floor > start) periods.push({ start, end: floor });
    }
    return periods;
  }
}
