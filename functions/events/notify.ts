/**
 * DynamoDB Streams consumer: every new history event (the outbox) becomes the e-mails it implies.
 * Records are handled in order; on a failure the rest of the batch is reported back
 * (ReportBatchItemFailures) so it is retried from there, and sends already made are not repeated.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { clock } from '../adapters/clock';
import { sesMailer } from '../adapters/mail';
import {
  claimNotice,
  getDigest,
  markNoticeSent,
  moveDigest,
  putMailToken,
  releaseNotice,
} from '../adapters/store/notifications';
import { getRequest, recentHistory } from '../adapters/store/requests';
import { outboxEventOf } from '../adapters/store/stream';
import { catalog } from '../usecases/catalog';
import { notifyAbout, type NotifyPorts } from '../usecases/notify';
import { ENV, requiredEnv } from '../shared/env';
import { logger } from '../shared/logger';

const ports: NotifyPorts = {
  clock,
  directory: catalog,
  mailer: sesMailer,
  notifications: { claimNotice, releaseNotice, markNoticeSent, getDigest, moveDigest, putMailToken },
  requests: { getRequest, recentHistory },
};

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const settings = { portalUrl: requiredEnv(ENV.portalUrl) };
  for (const record of event.Records) {
    const outbox = outboxEventOf(record);
    if (!outbox) continue;
    try {
      await notifyAbout(ports, outbox.requestId, outbox.event, settings);
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
