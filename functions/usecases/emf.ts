/**
 * The portal's business metrics out as CloudWatch EMF: Powertools writes each document as one JSON
 * line to stdout, Lambda ships it to CloudWatch Logs, and CloudWatch extracts the metrics from it (no
 * PutMetricData call, no permission). Powertools shares a document's dimensions across all its
 * metrics, hence one document per dimension set.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricPoint } from '../domain/analytics/contributions';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRICS_NAMESPACE, METRICS_SERVICE } from '../shared/metrics';

export interface MetricDocument {
  /** Low cardinality only: never a request or person id. */
  dimensions: Record<string, string>;
  /** A name given twice in one document becomes one data point per value. */
  values: { name: string; unit: 'Count' | 'None'; value: number }[];
}

// Reads POWERTOOLS_METRICS_DISABLED once, here (the local runtime silences EMF unless asked).
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

export function emitMetrics(documents: readonly MetricDocument[]) {
  for (const { dimensions, values } of documents) {
    if (values.length === 0) continue;
    metrics.addDimensions(dimensions);
    for (const { name, unit, value } of values)
      metrics.addMetric(name, unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit, value);
    metrics.publishStoredMetrics();
  }
}

/** The analytics' business metrics (functions/usecases/aggregate-history.ts): one EMF document per (Category, Team). */
export function publishMetrics(points: readonly MetricPoint[]) {
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
