/**
 * DynamoDB Streams consumer: every new history event (the outbox) becomes the e-mails it implies.
 * Records are handled in order; on a failure the rest of the batch is reported back
 * (ReportBatchItemFailures) so it is retried from there, and sends already made are not repeated.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxEventOf } from '../adapters/store/stream';
import { notifyAbout } from '../usecases/notify';
import { logger } from '../shared/logger';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const outbox = outboxEventOf(record);
    if (!outbox) continue;
    try {
      await notifyAbout(outbox.requestId, outbox.event);
    } catch (error) {
      logger.error('Notification failed; the batch resumes here', {
        error: error as Error,
        requestId: outbox.requestId,
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
