/**
 * DynamoDB Streams consumer: after every state change in the history, the workflows the request
 * needs are (re)started if they are not running — the guarantee behind the API's fast path, for
 * handlers that crashed between their commit and their StartExecution.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { getRequest } from '../adapters/store/requests';
import { outboxEventOf } from '../adapters/store/stream';
import { ensureWorkflows } from '../usecases/commit';
import { logger } from '../shared/logger';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const outbox = outboxEventOf(record);
    if (!outbox || outbox.event.type === 'comment') continue;
    try {
      const request = await getRequest(outbox.requestId);
      if (request) await ensureWorkflows(request);
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
