/**
 * DynamoDB Streams consumer: every new history event (the outbox) is counted into the analytics
 * aggregates exactly once (functions/usecases/aggregate-history.ts), and the business metrics of the
 * events it newly counted are emitted as CloudWatch EMF with low-cardinality dimensions (Category,
 * Team). A redelivered batch finds its events' marks and changes nothing. On a failure the whole
 * batch is reported back from its first event (ReportBatchItemFailures): what was counted is skipped.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { MetricPoint } from '../domain/analytics/contributions';
import { outboxEventOf } from '../adapters/store/stream';
import { aggregateOutbox, type OutboxItem } from '../usecases/aggregate-history';
import { logger } from '../shared/logger';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRICS_NAMESPACE, METRICS_SERVICE } from '../shared/metrics';

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** One EMF document per (Category, Team): Powertools shares dimensions across a document. */
export function publish(points: readonly MetricPoint[]) {
  const groups = new Map<string, MetricPoint[]>();
  for (const point of points) {
    const key = `${point.dimensions.Category}|${point.dimensions.Team}`;
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    metrics.addDimensions({
      [METRIC_DIMENSIONS.category]: first.dimensions.Category,
      [METRIC_DIMENSIONS.team]: first.dimensions.Team,
    });
    for (const point of group)
      metrics.addMetric(
        METRIC_NAMES[point.metric],
        point.unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit,
        point.value,
      );
    metrics.publishStoredMetrics();
  }
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
