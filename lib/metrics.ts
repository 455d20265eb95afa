/**
 * The business metrics as the dashboard and the alarms read them. Namespace, metric names and
 * dimensions come from functions/shared/metrics.ts, the module the emitters (the history stream consumer
 * functions/events/history.ts, the backlog sampler functions/events/backlog.ts) use, so they cannot
 * disagree.
 *
 * The emitters attach several dimensions to every data point (Powertools' `service`, `Category`,
 * `Team`; the backlog gauges `service`, `Team`), and a CloudWatch metric is identified by all of them:
 * a plain metric widget would have to name each combination. The dashboard and the alarm therefore use CloudWatch Metrics Insights
 * queries over the whole namespace, which aggregate across whatever dimensions a point carries and
 * group by the one asked for. That holds as long as each data point is emitted once (in one dimension
 * set), which is how the emitter works.
 */
import {
  BACKLOG_METRIC_NAMES,
  BACKLOG_SAMPLE_MINUTES,
  METRIC_DIMENSIONS,
  METRIC_NAMES,
  METRICS_NAMESPACE,
} from '../functions/shared/metrics';

export { BACKLOG_SAMPLE_MINUTES, METRIC_DIMENSIONS, METRICS_NAMESPACE };

export const BUSINESS_METRICS = { ...METRIC_NAMES, ...BACKLOG_METRIC_NAMES } as const;
export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** The aggregations Metrics Insights offers (no percentiles). */
export type InsightsFunction = 'SUM' | 'AVG' | 'MAX' | 'MIN' | 'COUNT';

/** A Metrics Insights query over the portal's namespace, e.g. `SELECT SUM(RequestsSubmitted) FROM "BackofficePortal" GROUP BY Category`. */
export function insightsQuery(fn: InsightsFunction, metric: BusinessMetric, groupBy?: string): string {
  const query = `SELECT ${fn}(${BUSINESS_METRICS[metric]}) FROM "${METRICS_NAMESPACE}"`;
  return groupBy ? `${query} GROUP BY ${groupBy}` : query;
}
