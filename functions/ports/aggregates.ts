/**
 * What the analytics need from the table, in domain terms: day aggregates that every history event
 * is counted into exactly once (the history consumer, the demo import), read back per period, and
 * the open work as it is now (the team queues and the approvers' inboxes). Each use case picks the
 * methods it calls, so a function that only reads (GET /analytics, the backlog gauges) bundles none
 * of the counting code, and the history consumer none of the reads.
 */
import type { Contribution, Fields, Scope } from '../domain/analytics/model';
import type { ApprovalStageState } from '../domain/requests/model';

/** One history event's additions to the aggregates, counted at most once. */
export interface AggregationUnit {
  requestId: string;
  seq: number;
  at: string;
  scopes: Scope[];
  contributions: Contribution[];
}

/** A history event by its request and place in the history. */
export interface EventRef {
  requestId: string;
  seq: number;
}

/** The days `from`..`to` (YYYY-MM-DD, inclusive) of one calendar month; `whole` if they are all of it. */
export interface MonthSpan {
  from: string;
  to: string;
  whole: boolean;
}

/** An open request in a team's queue: only what the backlog needs. */
export interface QueuedRequest {
  requesterId: string;
  createdAt: string;
  startedAt: string | null;
  breached: boolean;
}

/** An approver's inbox entry: only what the analytics need of the request copy it carries. */
export interface PendingApproval {
  requestId: string;
  requesterId: string;
  /** The version of the request copy the entry carries: several entries of one request, the newest wins. */
  version: number;
  /** The stage waited for, as that copy has it. */
  stage: ApprovalStageState | undefined;
}

export interface AggregateStore {
  /** Counts each unit at most once, ever; returns the units this call counted (not those counted before). */
  countOnce(units: readonly AggregationUnit[]): Promise<AggregationUnit[]>;
  /** Which of these events are counted already, as `requestId#seq`. */
  countedEvents(events: readonly EventRef[]): Promise<Set<string>>;
  /** Adds units without marking them counted: imported history only, which the one import counts once. */
  addImported(units: readonly AggregationUnit[]): Promise<void>;
  /** The scope's aggregates over the given months' days, summed by dimension id (`SVC#vacation`). */
  periodTotals(scope: Scope, months: readonly MonthSpan[]): Promise<Map<string, Fields>>;
  /** The open requests in a team's queue now. */
  teamQueue(team: string): Promise<QueuedRequest[]>;
  /** The approvals waiting for this approver now (entries of one request may repeat, see `version`). */
  pendingApprovals(approverId: string): Promise<PendingApproval[]>;
}
