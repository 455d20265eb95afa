/**
 * Committing a change to a request (the store keeps its indexes, the approvers' inbox among them, in
 * the same transaction), then starting or stopping the workflows it implies.
 */
import type { HistoryEvent, RequestRecord } from '../domain/requests/model';
import { isInQueue } from '../domain/requests/model';
import type { Calls, ChangeOptions, Clock, RateLimit, Workflows } from '../ports';

/** Committing starts and stops workflows; it never resumes one. */
type Starts = Pick<Workflows, 'start' | 'stop'>;
import { ENV, optionalEnv } from '../shared/env';

export const lifecycleName = (request: RequestRecord) =>
  request.round === 1 ? request.id : `${request.id}-r${request.round}`;

/**
 * The SLA timer (re)starts whenever the request's clock starts running again: on entering the queue,
 * on leaving `waiting_for_requester`, and on reopening. Older timers see they are superseded.
 */
export function withSlaTimer(before: RequestRecord | undefined, after: RequestRecord): RequestRecord {
  const running = (r: RequestRecord | undefined) => r?.status === 'in_progress' && r.sla.startedAt !== null;
  const started = running(after) && (!running(before) || after.slaTimer === null);
  return started ? { ...after, slaTimer: `${after.id}-sla-${after.lastSeq}` } : after;
}

const pendingStages = (request: RequestRecord) =>
  request.approvals.flatMap((s, i) => (s.status === 'pending' ? [i] : []));

const startLifecycle = (workflows: Starts, request: RequestRecord) =>
  workflows.start('lifecycle', lifecycleName(request), {
    requestId: request.id,
    round: request.round,
    stages: pendingStages(request),
  });

const startSlaTimer = (workflows: Starts, request: RequestRecord, timer: string) =>
  workflows.start('sla', timer, { requestId: request.id, timer });

/**
 * Makes sure the workflows a request's current state needs are running. Every start is idempotent
 * by execution name, so this runs both right after a commit (fast) and again from the history
 * stream (sure: a handler that crashed after its commit cannot leave a request without workflow).
 */
export async function ensureWorkflows(workflows: Starts, request: RequestRecord) {
  const needsLifecycle =
    request.status === 'pending_approval' || (isInQueue(request.status) && request.assigneeId === null);
  if (needsLifecycle) await startLifecycle(workflows, request);
  if (request.status === 'cancelled')
    await workflows.stop('lifecycle', lifecycleName(request), 'cancelled by the requester');
  if (request.slaTimer && isInQueue(request.status)) await startSlaTimer(workflows, request, request.slaTimer);
}

async function afterCommit(workflows: Starts, before: RequestRecord | undefined, after: RequestRecord) {
  // A new approval round (or a new request) starts its lifecycle workflow.
  const newRound = !before || after.round !== before.round;
  const routed = after.status === 'pending_approval' || (!before && isInQueue(after.status));
  if (newRound && routed) await startLifecycle(workflows, after);
  if (before?.status === 'pending_approval' && after.status === 'cancelled')
    await workflows.stop('lifecycle', lifecycleName(after), 'cancelled by the requester');
  if (after.slaTimer && after.slaTimer !== before?.slaTimer) await startSlaTimer(workflows, after, after.slaTimer);
}

/** Changes one person may make per minute (a flood of comments or submissions gets 429). */
const writesPerMinute = () => Number(optionalEnv(ENV.writesPerMinute) ?? 60);

export const rateLimitFor = (clock: Clock, userId: string): RateLimit => ({
  userId,
  perMinute: writesPerMinute(),
  at: clock.now().getTime(),
});

export async function commitNew(
  ports: Calls<'requests', 'insertRequest'> & Calls<'workflows', 'start' | 'stop'>,
  request: RequestRecord,
  first: HistoryEvent,
  options: ChangeOptions = {},
) {
  await ports.requests.insertRequest(request, first, options);
  await afterCommit(ports.workflows, undefined, request);
}

export async function commitUpdate(
  ports: Calls<'requests', 'commitChange'> & Calls<'workflows', 'start' | 'stop'>,
  before: RequestRecord,
  after: RequestRecord,
  events: HistoryEvent[],
  options: ChangeOptions = {},
) {
  await ports.requests.commitChange(before, after, events, options);
  await afterCommit(ports.workflows, before, after);
}
