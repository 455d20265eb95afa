/**
 * The lifecycle's wait for one approval stage: how long the approvers have before the wait times out
 * into escalation, and the hand-over of the wait's task token to the decision that ends the stage.
 */
import type { RequestRecord } from '../domain/requests/model';
import type { Needs } from '../ports';
import { OUTCOME_ERRORS } from './decisions';
import { TransientError } from './mutate';

export interface StageInput {
  requestId: string;
  round: number;
  stageIndex: number;
}

const MIN_SECONDS = 60;
/**
 * A stage nobody is left to escalate to just waits for its decision: its wait wakes up only this
 * rarely (to find nothing to do), not every minute past a deadline that no longer moves.
 */
const STUCK_SECONDS = 30 * 24 * 3600;

/** The stage's business-hours deadline as wall-clock seconds from now (at least a minute). */
export async function stageTimeout(ports: Needs<'requests' | 'clock'>, input: StageInput) {
  const request = await ports.requests.getRequest(input.requestId);
  const stage = request?.approvals[input.stageIndex];
  const open =
    request?.round === input.round && request.currentStage === input.stageIndex && stage?.status === 'pending';
  const left = open && stage.dueAt ? Math.ceil((Date.parse(stage.dueAt) - ports.clock.now().getTime()) / 1000) : 0;
  const timeoutSeconds = open && stage.escalationExhaustedAt ? STUCK_SECONDS : Math.max(MIN_SECONDS, left);
  return { timeoutSeconds, heartbeatSeconds: timeoutSeconds - 1 };
}

const ATTEMPTS = 3;

/** The stage's outcome if it is no longer waiting; undefined while it still is. */
function settledOutcome(request: RequestRecord | undefined, input: StageInput) {
  if (!request || request.round !== input.round || request.status === 'cancelled')
    return { error: 'Workflow.Superseded', cause: 'the request was cancelled or resubmitted' };
  const stage = request.approvals[input.stageIndex];
  if (stage?.status === 'pending' && request.status === 'pending_approval') return undefined;
  const outcome = stage?.status === 'rejected' || stage?.status === 'returned' ? stage.status : 'approved';
  const error = OUTCOME_ERRORS[outcome];
  return error ? { error, cause: outcome } : { output: { outcome } };
}

/**
 * Keeps the wait's task token (hidden from clients) for the decision that ends the stage; if that
 * decision came first, the outcome is reported straight away, so no order of events can leave the
 * workflow waiting forever.
 */
export async function awaitDecision(
  ports: Needs<'requests' | 'approvals' | 'workflows'>,
  input: StageInput & { token: string },
) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const settled = settledOutcome(await ports.requests.getRequest(input.requestId), input);
    if (settled) return ports.workflows.resume(input.token, settled);
    if (await ports.approvals.saveStageToken(input.requestId, input.round, input.stageIndex, input.token)) return;
  }
  throw new TransientError(`Stage ${input.stageIndex} of ${input.requestId} neither waits nor has ended`);
}
