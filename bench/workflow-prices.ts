/**
 * AWS list prices (us-east-1, on-demand, no free tier, first pricing tier) and the cost model of
 * the workflow benchmark: measured counts per unit of work -> dollars per 1 000 units.
 *
 * Prices as known to the author from the AWS pricing pages (2025), not re-checked on the run date
 * (2026-11-26): verify them before quoting the totals.
 */
import type { HistoryConsumer } from '../lib/service-stack';

/** The consumers every write's stream records reach (lib/service-stack.ts: at most two readers per shard). */
export const STREAM_CONSUMERS = ['notify', 'history'] as const satisfies readonly HistoryConsumer[];

export const PRICES_TAKEN = '2025 (AWS pricing pages as known; not re-checked on 2026-11-26)';

export const PRICES = {
  /** Step Functions Standard: $0.025 per 1 000 state transitions. */
  sfnTransition: 0.025 / 1000,
  /** Lambda: $0.20 per 1 million requests. */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda arm64 duration: $0.0000133334 per GB-second (first 7.5 billion GB-s a month). */
  lambdaGbSecondArm: 0.0000133334,
  /** API Gateway HTTP API: $1.00 per million requests (first 300 million a month, 512 KB units). */
  httpApiRequest: 1 / 1e6,
  /**
   * DynamoDB on-demand: $0.625 per million write request units, $0.125 per million read request
   * units (the 50 % cut effective 2024-11-01; before it: $1.25 and $0.25).
   */
  dynamoWru: 0.625 / 1e6,
  dynamoRru: 0.125 / 1e6,
  /** SES outbound e-mail: $0.10 per 1 000 messages (no attachments). */
  sesEmail: 0.1 / 1000,
  /** CloudWatch Logs ingestion (standard class; vended logs start at the same price): $0.50 per GB. */
  logsGb: 0.5,
} as const;

/** What the stack deploys (lib/constructs/portal-function.ts): arm64, 512 MB. */
export const LAMBDA_MEMORY_GB = 512 / 1024;
/**
 * Workflow task and stream consumer handlers cannot be timed from the benchmark (no hook in the
 * local engine or stream poller): they are billed at a conservative 50 ms each. API handlers are
 * billed at their measured mean round trip.
 */
export const TASK_BILLED_MS = 50;

/**
 * Rough CloudWatch Logs volume, for an estimate that is NOT in the totals: the state machines log
 * at level ALL with execution data (about 2 history events per transition and 3 more per task,
 * ~1 KB each), Lambda logs JSON platform lines plus INFO application lines (~1.5 KB an invocation).
 */
export const LOG_ESTIMATE = { bytesPerSfnEvent: 1024, sfnEventsPerTransition: 2, sfnEventsPerTask: 3 };
export const LOG_BYTES_PER_LAMBDA = 1536;

/** Billable units per unit of work (one lifecycle, one SLA wake-up). */
export interface Units {
  transitions: number;
  /** API Gateway requests, each one API Lambda invocation. */
  apiRequests: number;
  /** Workflow task Lambda invocations (Step Functions -> Lambda). */
  taskInvocations: number;
  /**
   * Stream consumer Lambda invocations: an upper bound, one per DynamoDB write and consumer (each
   * write's stream records arriving as their own batch; no batching window, no event filter).
   */
  streamInvocations: number;
  /** Mean billed duration of an API handler invocation. */
  apiBilledMs: number;
  /** Write and read request units (DynamoDB's consumed capacity, as DynamoDB Local reports it). */
  wru: number;
  rru: number;
  /** E-mails sent (SES). */
  emails: number;
}

export interface CostRow {
  component: string;
  price: string;
  /** Units per unit of work, as printed. */
  quantity: number;
  unit: string;
  /** Dollars per 1 000 units of work. */
  per1000: number;
}

export interface Cost {
  rows: CostRow[];
  /** Dollars per 1 000 units of work, all rows. */
  total: number;
  /** Not in `total`: CloudWatch Logs ingestion, rough. */
  logsEstimate: number;
}

const gbSeconds = (u: Units) =>
  LAMBDA_MEMORY_GB * ((u.apiRequests * u.apiBilledMs + u.taskInvocations * TASK_BILLED_MS) / 1000);

function logsBytes(u: Units): number {
  const { bytesPerSfnEvent, sfnEventsPerTransition, sfnEventsPerTask } = LOG_ESTIMATE;
  const sfnEvents = u.transitions * sfnEventsPerTransition + u.taskInvocations * sfnEventsPerTask;
  const lambdas = u.apiRequests + u.taskInvocations + u.streamInvocations;
  return sfnEvents * bytesPerSfnEvent + lambdas * LOG_BYTES_PER_LAMBDA;
}

/** The cost of 1 000 units of work at list prices. */
export function costPer1000(u: Units): Cost {
  const invocations = u.apiRequests + u.taskInvocations;
  const gbs = gbSeconds(u);
  const streamInvocation = PRICES.lambdaRequest + LAMBDA_MEMORY_GB * (TASK_BILLED_MS / 1000) * PRICES.lambdaGbSecondArm;
  // [component, price as printed, units per unit of work, unit, dollars per unit]
  const lines: [string, string, number, string, number][] = [
    ['Step Functions Standard', '$0.025 / 1K transitions', u.transitions, 'transitions', PRICES.sfnTransition],
    ['Lambda requests (API + workflow tasks)', '$0.20 / 1M', invocations, 'invocations', PRICES.lambdaRequest],
    ['Lambda duration (arm64, 512 MB)', '$0.0000133334 / GB-s', gbs, 'GB-s', PRICES.lambdaGbSecondArm],
    [
      `Lambda stream consumers (${STREAM_CONSUMERS.join(', ')}), upper bound`,
      '$0.20 / 1M + 50 ms',
      u.streamInvocations,
      'invocations',
      streamInvocation,
    ],
    ['API Gateway HTTP API', '$1.00 / 1M', u.apiRequests, 'requests', PRICES.httpApiRequest],
    ['DynamoDB on-demand writes', '$0.625 / 1M WRU', u.wru, 'WRU', PRICES.dynamoWru],
    ['DynamoDB on-demand reads', '$0.125 / 1M RRU', u.rru, 'RRU', PRICES.dynamoRru],
    ['SES e-mails', '$0.10 / 1K', u.emails, 'e-mails', PRICES.sesEmail],
  ];
  const rows = lines.map(([component, price, quantity, unit, unitPrice]): CostRow => ({
    component,
    price,
    quantity,
    unit,
    per1000: quantity * unitPrice * 1000,
  }));
  return {
    rows,
    total: rows.reduce((sum, r) => sum + r.per1000, 0),
    logsEstimate: ((logsBytes(u) * 1000) / 1024 ** 3) * PRICES.logsGb,
  };
}
