/**
 * The lifecycle's wait for one approval stage opens: how long the approvers have before the wait
 * times out into escalation. Apart from deciding (no catalog, no commit): it runs on every stage.
 */
import type { Calls, Needs } from '../ports';

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
export async function stageTimeout(ports: Calls<'requests', 'getRequest'> & Needs<'clock'>, input: StageInput) {
  const request = await ports.requests.getRequest(input.requestId);
  const stage = request?.approvals[input.stageIndex];
  const open =
    request?.round === input.round && request.currentStage === input.stageIndex && stage?.status === 'pending';
  const left = open && stage.dueAt ? Math.ceil((Date.parse(stage.dueAt) - ports.clock.now().getTime()) / 1000) : 0;
  const timeoutSeconds = open && stage.escalationExhaustedAt ? STUCK_SECONDS : Math.max(MIN_SECONDS, left);
  return { timeoutSeconds, heartbeatSeconds: timeoutSeconds - 1 };
}
