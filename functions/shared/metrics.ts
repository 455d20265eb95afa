/**
 * The business metrics the portal emits as CloudWatch EMF, shared with the dashboard and alarms in lib/
 * so names can never disagree: the history stream consumer's (functions/events/history.ts) carry the
 * dimensions `service` (Powertools' default, METRICS_SERVICE), `Category` and `Team`; the backlog
 * gauges (functions/events/backlog.ts) `service` and `Team`. Low cardinality only, never a request or
 * person id.
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

/**
 * The backlog gauges, sampled per team every BACKLOG_SAMPLE_MINUTES: the team's open requests (Count),
 * how many of them breached their SLA (Count), and the business hours the oldest one has waited (unit
 * None: hours; not emitted while the queue is empty, as there is no oldest request).
 */
export const BACKLOG = 'Backlog';
export const BACKLOG_BREACHED = 'BacklogBreached';
export const BACKLOG_OLDEST_HOURS = 'BacklogOldestHours';

export const BACKLOG_METRIC_NAMES = {
  backlog: BACKLOG,
  backlogBreached: BACKLOG_BREACHED,
  backlogOldestHours: BACKLOG_OLDEST_HOURS,
} as const;

/** How often the backlog is sampled: the EventBridge rule in the cloud, the virtual clock locally. */
export const BACKLOG_SAMPLE_MINUTES = 5;
