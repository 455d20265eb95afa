/**
 * The end of every failure path in the state machines: the failure goes into the request's history
 * and into the logs as an alarmable metric.
 */
import { clock } from '../adapters/clock';
import { commitChange, getRequest } from '../adapters/store/requests';
import { stepFunctionStarts } from '../adapters/workflow';
import { recordWorkflowFailure, type WorkflowFailure } from '../usecases/record-failure';
import { logger } from '../shared/logger';
import { workflowTask } from './task';

const ports = { requests: { getRequest, commitChange }, workflows: stepFunctionStarts, clock };

export const handler = workflowTask('record-failure', async (input: WorkflowFailure) => {
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
    error: input.failure?.Error ?? 'Unknown',
  });
  await recordWorkflowFailure(ports, input);
  return {};
});
