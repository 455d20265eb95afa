/**
 * The portal's business metrics out as CloudWatch EMF: Powertools writes each document as one JSON
 * line to stdout, Lambda ships it to CloudWatch Logs, and CloudWatch extracts the metrics from it (no
 * PutMetricData call, no permission). Powertools shares a document's dimensions across all its
 * metrics, hence one document per dimension set.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../shared/metrics';

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
