/**
 * DynamoDB Streams consumer: every new history event (the outbox) is counted into the analytics
 * aggregates exactly once (functions/usecases/aggregate-history.ts), and the business metrics of the
 * events it newly counted are emitted as CloudWatch EMF with low-cardinality dimensions (Category,
 * Team). A redelivered batch finds its events' marks and changes nothing. On a failure the whole
 * batch is reported back from its first event (ReportBatchItemFailures): what was counted is skipped.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { MetricPoint } from '../domain/analytics/contributions';
import { outboxEventOf } from '../adapters/store/stream';
import { aggregateOutbox, type OutboxItem } from '../usecases/aggregate-history';
import { emitMetrics, type MetricDocument } from '../usecases/emf';
import { logger } from '../shared/logger';
import { METRIC_DIMENSIONS, METRIC_NAMES } from '../shared/metrics';

/** One EMF document per (Category, Team), the points in the order given. */
export function publish(points: readonly MetricPoint[]) {
  const documents = new Map<string, MetricDocument>();
  for (const { metric, unit, value, dimensions } of points) {
    const key = `${dimensions.Category}|${dimensions.Team}`;
    const document = documents.get(key) ?? {
      dimensions: { [METRIC_DIMENSIONS.category]: dimensions.Category, [METRIC_DIMENSIONS.team]: dimensions.Team },
      values: [],
    };
    document.values.push({ name: METRIC_NAMES[metric], unit, value });
    documents.set(key, document);
  }
  emitMetrics([...documents.values()]);
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const outbox: { item: OutboxItem; record: DynamoDBRecord }[] = [];
  for (const record of event.Records) {
    const item = outboxEventOf(record);
    if (item) outbox.push({ item, record });
  }
  if (outbox.length === 0) return { batchItemFailures: [] };
  try {
    publish(await aggregateOutbox(outbox.map((o) => o.item)));
    return { batchItemFailures: [] };
  } catch (error) {
    logger.error('Aggregation failed; the batch is retried (counted events are skipped)', { error: error as Error });
    return { batchItemFailures: [{ itemIdentifier: outbox[0]?.record.dynamodb?.SequenceNumber ?? '' }] };
  }
};
