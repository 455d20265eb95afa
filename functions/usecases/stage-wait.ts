/**
 * The lifecycle's wait for one approval stage: the hand-over of the wait's task token to the decision
 * that ends the stage.
 */
import type { RequestRecord } from '../domain/requests/model';
import type { Calls } from '../ports';
import { OUTCOME_ERRORS } from './decisions';
import { TransientError } from './mutate';
import type { StageInput } from './stage-timeout';

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
  ports: Calls<'requests', 'getRequest'> & Calls<'approvals', 'saveStageToken'> & Calls<'workflows', 'resume'>,
  input: StageInput & { token: string },
) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const settled = settledOutcome(await ports.requests.getRequest(input.requestId), input);
    if (settled) return ports.workflows.resume(input.token, settled);
    if (await ports.approvals.saveStageToken(input.requestId, input.round, input.stageIndex, input.token)) return;
  }
  throw new TransientError(`Stage ${input.stageIndex} of ${input.requestId} neither waits nor has ended`);
}
