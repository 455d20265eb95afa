/**
 * What an approved absence request (vacation, sick leave) may record (F7): a leave, which every
 * routing decision reads while it lasts, and a delegation of the requester's approvals to their deputy.
 *
 * - Bounded to around today: a leave starts at most 30 days back and at most a year ahead, and lasts at
 *   most 120 days (the catalog's longest period). Within 30 days back a late sick note still counts;
 *   beyond a year ahead nothing is planned that routing needs now. A period wholly outside is not
 *   recorded (the request itself still goes on), one partly outside is clipped; one already over is
 *   not recorded either (routing reads only leaves that end today or later).
 * - Deduplicated: a leave overlapping or touching the person's recorded leaves is merged with them into
 *   one, so asking twice for the same fortnight leaves one record; and a person has at most
 *   MAX_LEAVES current or future leaves (further ones are not recorded).
 * - A delegation follows the same rules as `PUT /me/delegation`: a known person, never oneself, a
 *   period that has not ended. Otherwise none is recorded.
 */
import { addDays } from './sla/local-time';

/** How far back a leave may start, how far ahead, and how long it may be (days). */
export const ABSENCE_BOUNDS = { daysBack: 30, daysAhead: 365, maxDays: 120 } as const;
/** Current or future leaves one person may have recorded. */
export const MAX_LEAVES = 8;

export interface Period {
  from: string;
  until: string;
}

export interface AbsenceInput {
  /** The request's period field: `{ from, to }` (dates). */
  period: unknown;
  /** The request's deputy field: a person id, if any. */
  deputy: unknown;
  requesterId: string;
  /** The service calendar's today (YYYY-MM-DD). */
  today: string;
  /** The requester's recorded leaves that end today or later. */
  existing: readonly Period[];
  isPerson(id: string): boolean;
}

export interface AbsencePlan {
  /** The leave to record (merged with the ones it overlaps), if any. */
  leave?: Period;
  /** Recorded leaves (by their `from`) the merged one replaces. */
  replaces: string[];
  delegation?: Period & { delegateId: string };
  /** Why the leave or the delegation was not recorded as asked. */
  notes: ('invalid_period' | 'out_of_range' | 'clipped' | 'too_many_leaves' | 'deputy_refused')[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/** The asked period clipped to the bounds around `today`; undefined when nothing of it is left. */
export function boundPeriod(period: unknown, today: string): Period | undefined {
  const { from, to } = (period ?? {}) as { from?: unknown; to?: unknown };
  if (!isDate(from) || !isDate(to) || to < from) return undefined;
  const start = later(from, addDays(today, -ABSENCE_BOUNDS.daysBack));
  if (start > addDays(today, ABSENCE_BOUNDS.daysAhead)) return undefined;
  const until = earlier(to, addDays(start, ABSENCE_BOUNDS.maxDays - 1));
  return until < today || until < start ? undefined : { from: start, until };
}

const touch = (a: Period, b: Period) => a.from <= addDays(b.until, 1) && b.from <= addDays(a.until, 1);

/** `period` merged with every leave it overlaps or touches, directly or through another, and those leaves. */
function merge(period: Period, existing: readonly Period[]) {
  let merged = period;
  let rest = [...existing];
  const swallowed: Period[] = [];
  for (let grew = true; grew;) {
    const touching = rest.filter((leave) => touch(leave, merged));
    grew = touching.length > 0;
    for (const leave of touching)
      merged = { from: earlier(merged.from, leave.from), until: later(merged.until, leave.until) };
    swallowed.push(...touching);
    rest = rest.filter((leave) => !touching.includes(leave));
  }
  return { merged, swallowed };
}

/** Whether `delegateId` may decide `delegatorId`'s approvals: a known person, never oneself (as PUT /me/delegation). */
export const delegationAllowed = (
  delegatorId: string,
  delegateId: unknown,
  isPerson: (id: string) => boolean,
): delegateId is string => typeof delegateId === 'string' && delegateId !== delegatorId && isPerson(delegateId);

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

function isValidRange(period: unknown): period is { from: string; to: string } {
  const { from, to } = (period ?? {}) as { from?: unknown; to?: unknown };
  return isDate(from) && isDate(to) && from <= to;
}

/** The leave to record for `bounded` among the person's current leaves: merged, or none past the cap. */
function leaveOf(bounded: Period, current: readonly Period[]): Pick<AbsencePlan, 'leave' | 'replaces'> {
  const { merged, swallowed } = merge(bounded, current);
  if (swallowed.length === 0 && current.length >= MAX_LEAVES) return { replaces: [] };
  // The merged leave's own key is written, not deleted (one transaction touches an item once).
  return { leave: merged, replaces: swallowed.map((l) => l.from).filter((from) => from !== merged.from) };
}

export function planAbsence(input: AbsenceInput): AbsencePlan {
  const { period, today } = input;
  const bounded = boundPeriod(period, today);
  if (!isValidRange(period) || !bounded)
    return { replaces: [], notes: [isValidRange(period) ? 'out_of_range' : 'invalid_period'] };
  const notes: AbsencePlan['notes'] = [];
  if (bounded.from !== period.from || bounded.until !== period.to) notes.push('clipped');
  const leave = leaveOf(
    bounded,
    input.existing.filter((l) => l.until >= today),
  );
  if (!leave.leave) notes.push('too_many_leaves');
  const deputyOk = delegationAllowed(input.requesterId, input.deputy, input.isPerson);
  if (given(input.deputy) && !deputyOk) notes.push('deputy_refused');
  return {
    ...leave,
    ...(deputyOk ? { delegation: { delegateId: input.deputy as string, ...bounded } } : {}),
    notes,
  };
}
