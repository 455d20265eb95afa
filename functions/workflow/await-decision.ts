/**
 * Called with the task token when the workflow starts waiting for a stage. The token is kept (hidden
 * from clients) for the decision that ends the stage; if that decision came first, the outcome is
 * reported straight away, so no order of events can leave the workflow waiting forever.
 */
import type { RequestRecord } from '../domain/requests/model';
import { saveStageToken } from '../adapters/store/approvals';
import { getRequest } from '../adapters/store/requests';
import { resumeTask } from '../adapters/workflow';
import { OUTCOME_ERRORS } from '../usecases/decisions';
import { TransientError } from '../usecases/mutate';
import { workflowTask } from './task';
import type { StageInput } from './start-stage';

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

export const handler = workflowTask('await-decision', async (input: StageInput & { token: string }) => {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const settled = settledOutcome(await getRequest(input.requestId), input);
    if (settled) return resumeTask(input.token, settled);
    if (await saveStageToken(input.requestId, input.round, input.stageIndex, input.token)) return;
  }
  throw new TransientError(`Stage ${input.stageIndex} of ${input.requestId} neither waits nor has ended`);
});
