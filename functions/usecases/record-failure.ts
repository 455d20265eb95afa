/** A workflow that failed says so in its request's history, so nobody wonders why it stopped. */
import { SYSTEM_ACTOR } from '../domain/requests/model';
import { mutate, type MutatePorts } from './mutate';

export interface WorkflowFailure {
  requestId: string;
  workflow: string;
  failure?: { Error?: string; Cause?: string };
}

const MAX_CAUSE = 1000;

export async function recordWorkflowFailure(ports: MutatePorts, input: WorkflowFailure) {
  await mutate(ports, input.requestId, () => ({
    changes: {},
    events: [
      {
        at: ports.clock.now().toISOString(),
        ...SYSTEM_ACTOR,
        type: 'workflow_failed',
        internal: true,
        data: {
          workflow: input.workflow,
          error: input.failure?.Error ?? 'Unknown',
          cause: (input.failure?.Cause ?? '').slice(0, MAX_CAUSE),
        },
      },
    ],
    bumpsVersion: false,
  }));
}
