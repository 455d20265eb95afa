/**
 * DynamoDB Streams consumer: after every state change in the history, the workflows the request
 * needs are (re)started if they are not running — the guarantee behind the API's fast path, for
 * handlers that crashed between their commit and their StartExecution; and a decided approval stage
 * resumes the workflow waiting on it (a decision whose SendTaskSuccess was lost is not stuck).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { getRequest } from '../adapters/store/requests';
import { outboxEventOf } from '../adapters/store/stream';
import { ensureWorkflows } from '../usecases/commit';
import { endedStage, reportStageOutcome } from '../usecases/decisions';
import { logger } from '../shared/logger';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const outbox = outboxEventOf(record);
    if (!outbox || outbox.event.type === 'comment') continue;
    try {
      const request = await getRequest(outbox.requestId);
      if (!request) continue;
      await ensureWorkflows(request);
      const ended = endedStage(request, outbox.event);
      if (ended) await reportStageOutcome(request, ended.stageIndex, ended.outcome);
    } catch (error) {
      logger.error('Workflow start failed; the batch resumes here', {
        error: error as Error,
        requestId: outbox.requestId,
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
