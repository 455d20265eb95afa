/**
 * Opens the wait for one approval stage: how long the approvers have (the stage's business-hours
 * deadline, as wall-clock seconds from now) before the wait times out into the escalation path.
 */
import { clock } from '../adapters/clock';
import { getRequest } from '../adapters/store/requests';
import { workflowTask } from './task';

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

export const handler = workflowTask('start-stage', async (input: StageInput) => {
  const request = await getRequest(input.requestId);
  const stage = request?.approvals[input.stageIndex];
  const open =
    request?.round === input.round && request.currentStage === input.stageIndex && stage?.status === 'pending';
  const left = open && stage.dueAt ? Math.ceil((Date.parse(stage.dueAt) - clock.now().getTime()) / 1000) : 0;
  const timeoutSeconds = open && stage.escalationExhaustedAt ? STUCK_SECONDS : Math.max(MIN_SECONDS, left);
  return { timeoutSeconds, heartbeatSeconds: timeoutSeconds - 1 };
});
