/**
 * Committing a change to a request together with everything that must change with it in the same
 * transaction (approvers' inbox entries), then starting or stopping the workflows it implies.
 */
import type { HistoryEvent, RequestRecord } from '../domain/requests/model';
import { isInQueue } from '../domain/requests/model';
import type { IdempotencyRecord } from '../adapters/store/idempotency';
import { approvalTaskItem, approvalTaskKeyOf } from '../adapters/store/approvals';
import { commitChange, insertRequest, type RateLimit, type SideEffects } from '../adapters/store/requests';
import { clock } from '../adapters/clock';
import { startExecution, stopExecution } from '../adapters/workflow';
import { ENV, optionalEnv } from '../shared/env';

interface PendingEntry {
  key: string;
  round: number;
  stage: number;
  approverId: string;
}

/** Approvers of the current stage who still have to decide. */
function pendingEntries(request: RequestRecord | undefined): PendingEntry[] {
  if (!request || request.status !== 'pending_approval' || request.currentStage === null) return [];
  const stage = request.approvals[request.currentStage];
  if (!stage || stage.status !== 'pending') return [];
  return stage.approvers
    .filter((a) => !a.decision)
    .map((a) => ({
      key: `${request.round}/${request.currentStage}/${a.id}`,
      round: request.round,
      stage: request.currentStage as number,
      approverId: a.id,
    }));
}

/**
 * Inbox entries to write and remove so the index shows exactly the pending approvers of `after`, each
 * carrying `after` itself: every entry is rewritten with each change, so an inbox never shows an older
 * deadline or fewer approvers than the request (an escalation changes both).
 */
export function inboxChanges(before: RequestRecord | undefined, after: RequestRecord): SideEffects {
  const was = pendingEntries(before);
  const now = pendingEntries(after);
  const stageOf = (e: PendingEntry) => after.approvals[e.stage];
  return {
    // The sort key must not move with the rewrites: stages written before activatedAt use createdAt.
    puts: now.map((e) => approvalTaskItem(after, e.stage, e.approverId, stageOf(e)?.activatedAt ?? after.createdAt)),
    deletes: was
      .filter((w) => !now.some((e) => e.key === w.key))
      .map((w) => approvalTaskKeyOf(after.id, w.round, w.stage, w.approverId)),
  };
}

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

/** A new approval round (or a new request) starts its lifecycle workflow. */
async function startLifecycle(before: RequestRecord | undefined, after: RequestRecord) {
  const newRound = !before || after.round !== before.round;
  const routed = after.status === 'pending_approval' || (!before && isInQueue(after.status));
  if (!newRound || !routed) return;
  const stages = after.approvals.flatMap((s, i) => (s.status === 'pending' ? [i] : []));
  await startExecution('lifecycle', lifecycleName(after), { requestId: after.id, round: after.round, stages });
}

/**
 * Makes sure the workflows a request's current state needs are running. Every start is idempotent
 * by execution name, so this runs both right after a commit (fast) and again from the history
 * stream (sure: a handler that crashed after its commit cannot leave a request without workflow).
 */
export async function ensureWorkflows(request: RequestRecord) {
  const needsLifecycle =
    request.status === 'pending_approval' || (isInQueue(request.status) && request.assigneeId === null);
  if (needsLifecycle) {
    const stages = request.approvals.flatMap((s, i) => (s.status === 'pending' ? [i] : []));
    await startExecution('lifecycle', lifecycleName(request), { requestId: request.id, round: request.round, stages });
  }
  if (request.status === 'cancelled')
    await stopExecution('lifecycle', lifecycleName(request), 'cancelled by the requester');
  if (request.slaTimer && isInQueue(request.status))
    await startExecution('sla', request.slaTimer, { requestId: request.id, timer: request.slaTimer });
}

async function afterCommit(before: RequestRecord | undefined, after: RequestRecord) {
  await startLifecycle(before, after);
  if (before?.status === 'pending_approval' && after.status === 'cancelled')
    await stopExecution('lifecycle', lifecycleName(after), 'cancelled by the requester');
  if (after.slaTimer && after.slaTimer !== before?.slaTimer)
    await startExecution('sla', after.slaTimer, { requestId: after.id, timer: after.slaTimer });
}

/** Changes one person may make per minute (a flood of comments or submissions gets 429). */
const writesPerMinute = () => Number(optionalEnv(ENV.writesPerMinute) ?? 60);

export const rateLimitFor = (userId: string): RateLimit => ({
  userId,
  perMinute: writesPerMinute(),
  at: clock.now().getTime(),
});

export async function commitNew(
  request: RequestRecord,
  first: HistoryEvent,
  options: { idempotency?: IdempotencyRecord; rateLimit?: RateLimit } = {},
) {
  await insertRequest(request, first, { effects: inboxChanges(undefined, request), ...options });
  await afterCommit(undefined, request);
}

export async function commitUpdate(
  before: RequestRecord,
  after: RequestRecord,
  events: HistoryEvent[],
  options: { idempotency?: IdempotencyRecord; effects?: SideEffects; rateLimit?: RateLimit } = {},
) {
  const inbox = inboxChanges(before, after);
  await commitChange(before, after, events, {
    idempotency: options.idempotency,
    rateLimit: options.rateLimit,
    effects: {
      puts: [...(inbox.puts ?? []), ...(options.effects?.puts ?? [])],
      deletes: [...(inbox.deletes ?? []), ...(options.effects?.deletes ?? [])],
    },
  });
  await afterCommit(before, after);
}
