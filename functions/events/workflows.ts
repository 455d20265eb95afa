/**
 * DynamoDB Streams consumer: after every state change in the history, the workflows the request
 * needs are (re)started if they are not running — the guarantee behind the API's fast path, for
 * handlers that crashed between their commit and their StartExecution; and a decided approval stage
 * resumes the workflow waiting on it (a decision whose SendTaskSuccess was lost is not stuck).
 * Imported history starts nothing (functions/usecases/workflows.ts).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxEventOf } from '../adapters/store/stream';
import { followUpWorkflows } from '../usecases/workflows';
import { logger } from '../shared/logger';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const outbox = outboxEventOf(record);
    if (!outbox) continue;
    try {
      await followUpWorkflows(outbox);
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
