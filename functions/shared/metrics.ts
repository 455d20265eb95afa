/**
 * The business metrics the stream consumer (functions/events/aggregate.ts) emits as CloudWatch EMF,
 * shared with the dashboard and alarms in lib/ so names can never disagree. Every metric carries the
 * dimensions `service` (Powertools' default, METRICS_SERVICE), `Category` and `Team`: low
 * cardinality only, never a request or person id.
 */
import type { MetricKey } from '../domain/analytics/contributions';

export const METRICS_NAMESPACE = 'BackofficePortal';
/** The `service` dimension Powertools adds to every metric. */
export const METRICS_SERVICE = 'backoffice-portal';

export const METRIC_DIMENSIONS = { category: 'Category', team: 'Team' } as const;

/** Requests submitted (Count). */
export const REQUESTS_SUBMITTED = 'RequestsSubmitted';
/** Resolutions (Count; a reopened request resolved again counts again). */
export const REQUESTS_RESOLVED = 'RequestsResolved';
/** SLA warnings at 75 % of a clock (Count). */
export const SLA_WARNINGS = 'SlaWarnings';
/** Requests whose SLA was breached: the first breach of either clock (Count). */
export const SLA_BREACHES = 'SlaBreaches';
/** Business hours each approval decision waited since its stage opened (unit None: hours). */
export const APPROVAL_WAIT_HOURS = 'ApprovalWaitHours';

export const METRIC_NAMES = {
  requestsSubmitted: REQUESTS_SUBMITTED,
  requestsResolved: REQUESTS_RESOLVED,
  slaWarnings: SLA_WARNINGS,
  slaBreaches: SLA_BREACHES,
  approvalWaitHours: APPROVAL_WAIT_HOURS,
} as const satisfies Record<MetricKey, string>;
