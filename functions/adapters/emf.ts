/**
 * The portal's business metrics out as CloudWatch EMF: Powertools writes each document as one JSON
 * line to stdout, Lambda ships it to CloudWatch Logs, and CloudWatch extracts the metrics from it (no
 * PutMetricData call, no permission). Powertools shares a document's dimensions across all its
 * metrics, hence one document per dimension set. The documents are built by pure functions; only
 * `emitMetrics` writes.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricPoint } from '../domain/analytics/contributions';
import type { BacklogEntry } from '../domain/analytics/report';
import {
  BACKLOG_METRIC_NAMES,
  METRIC_DIMENSIONS,
  METRIC_NAMES,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
} from '../shared/metrics';

export interface MetricDocument {
  /** Low cardinality only: never a request or person id. */
  dimensions: Record<string, string>;
  /** A name given twice in one document becomes one data point per value. */
  values: { name: string; unit: 'Count' | 'None'; value: number }[];
}

/** The analytics' business metrics (functions/usecases/aggregate-history.ts): one document per (Category, Team). */
function metricDocuments(points: readonly MetricPoint[]): MetricDocument[] {
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
  return [...documents.values()];
}

/**
 * One team's backlog gauges (functions/events/backlog.ts), with the dimension `Team` only; no oldest
 * age for an empty queue (there is no oldest request to age).
 */
function backlogDocument(entry: BacklogEntry): MetricDocument {
  const { backlog: open, backlogBreached, backlogOldestHours } = BACKLOG_METRIC_NAMES;
  return {
    dimensions: { [METRIC_DIMENSIONS.team]: entry.team },
    values: [
      { name: open, unit: 'Count', value: entry.open },
      { name: backlogBreached, unit: 'Count', value: entry.breached },
      ...(entry.oldestAgeHours === null
        ? []
        : [{ name: backlogOldestHours, unit: 'None' as const, value: entry.oldestAgeHours }]),
    ],
  };
}

// Built when first used: Powertools reads POWERTOOLS_METRICS_DISABLED when it is constructed (the
// local runtime silences EMF unless asked).
let metrics: Metrics | undefined;

export function emitMetrics(documents: readonly MetricDocument[]) {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });
  for (const { dimensions, values } of documents) {
    if (values.length === 0) continue;
    metrics.addDimensions(dimensions);
    for (const { name, unit, value } of values)
      metrics.addMetric(name, unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit, value);
    metrics.publishStoredMetrics();
  }
}

export const publishMetrics = (points: readonly MetricPoint[]) => emitMetrics(metricDocuments(points));

export const publishBacklog = (entries: readonly BacklogEntry[]) => emitMetrics(entries.map(backlogDocument));
