/**
 * The end of every failure path in the state machines: the failure goes into the request's history
 * (so nobody wonders why it stopped) and into the logs as an alarmable metric.
 */
import { clock } from '../adapters/clock';
import { mutate } from '../usecases/mutate';
import { logger } from '../shared/logger';
import { workflowTask } from './task';
import { SYSTEM_ACTOR } from '../domain/requests/model';

interface FailureInput {
  requestId: string;
  workflow: string;
  failure?: { Error?: string; Cause?: string };
}

const MAX_CAUSE = 1000;

export const handler = workflowTask('record-failure', async (input: FailureInput) => {
  const error = input.failure?.Error ?? 'Unknown';
  // Embedded metric format: CloudWatch turns this log line into the WorkflowFailures metric.
  logger.error('Workflow failed', {
    _aws: {
      Timestamp: clock.now().getTime(),
      CloudWatchMetrics: [
        {
          Namespace: 'BackofficePortal',
          Dimensions: [['Workflow']],
          Metrics: [{ Name: 'WorkflowFailures', Unit: 'Count' }],
        },
      ],
    },
    Workflow: input.workflow,
    WorkflowFailures: 1,
    requestId: input.requestId,
    error,
  });
  await mutate(input.requestId, () => ({
    changes: {},
    events: [
      {
        at: clock.nowIso(),
        ...SYSTEM_ACTOR,
        type: 'workflow_failed',
        internal: true,
        data: { workflow: input.workflow, error, cause: (input.failure?.Cause ?? '').slice(0, MAX_CAUSE) },
      },
    ],
    bumpsVersion: false,
  }));
  return {};
});
