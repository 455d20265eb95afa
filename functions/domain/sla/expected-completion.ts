/**
 * When a request should be done before its SLA clock runs: its approval stages one after another,
 * each decided by its business-hours deadline, then the resolution target, on the service's calendar.
 * The route preview promises this date; the request page keeps it until the queue's own deadline exists.
 */
import type { ApprovalStageState, RequestStatus } from '../requests/model';
import type { BusinessCalendar } from './business-calendar';

export interface Schedule {
  /** Each stage's expected decision, in order. */
  stages: Date[];
  done: Date;
}

/** From `from`: each stage due `stageHours` after the previous one's decision, then the work within `resolutionHours`. */
export function schedule(
  calendar: BusinessCalendar,
  from: Date,
  stageHours: readonly number[],
  resolutionHours: number,
): Schedule {
  const stages: Date[] = [];
  let at = from;
  for (const hours of stageHours) {
    at = calendar.addBusinessHours(at, hours);
    stages.push(at);
  }
  return { stages, done: calendar.addBusinessHours(at, resolutionHours) };
}

/**
 * The expected completion of a request awaiting approval: the current stage's deadline (or now, once
 * it has passed: the decision may come any moment), the later pending stages, then the resolution
 * target. Null in any other status: then the SLA clock has its own deadline, or none yet (a returned
 * request waits for its requester).
 */
export function expectedCompletion(
  request: { status: RequestStatus; approvals: readonly ApprovalStageState[] },
  resolutionHours: number,
  calendar: BusinessCalendar,
  now: Date,
): string | null {
  if (request.status !== 'pending_approval') return null;
  const index = request.approvals.findIndex((s) => s.status === 'pending');
  const current = request.approvals[index];
  if (!current) return null;
  const due = current.dueAt ? new Date(current.dueAt) : calendar.addBusinessHours(now, current.dueHours);
  const later = request.approvals
    .slice(index + 1)
    .filter((s) => s.status === 'pending')
    .map((s) => s.dueHours);
  return schedule(calendar, due > now ? due : now, later, resolutionHours).done.toISOString();
}
