/** The workflow benchmark's console tables and its JSON file. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { breakdown } from './report';
import { round } from './stats';
import { PRICES, PRICES_TAKEN, STREAM_CONSUMERS, TASK_BILLED_MS, type Cost } from './workflow-prices';
import {
  TRANSITION_BUDGET,
  type LifecycleSummary,
  type Spread,
  type StepSummary,
  type WakeupSummary,
  type WorkflowCosts,
} from './workflow-summary';

const fmt = (value: number, digits = 2) =>
  Number.isNaN(value) ? '-' : Number.isInteger(value) ? String(value) : value.toFixed(digits);
const usd = (value: number) => `$${value.toFixed(4)}`;
/** `9` when every lifecycle had the same, else `9.12 (9-10)`. */
const range = (s: Spread) => (s.min === s.max ? fmt(s.mean) : `${fmt(s.mean)} (${fmt(s.min)}-${fmt(s.max)})`);

/** A Markdown-style table with aligned columns; `numeric` columns are right-aligned. */
export function markdownTable(header: string[], rows: string[][], numeric: ReadonlySet<number>): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (numeric.has(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const COUNT_HEADER = [
  'workflow step',
  'API calls',
  'API p50 ms',
  'SFN transitions: lifecycle',
  'SLA timer',
  'Lambda tasks: lifecycle',
  'SLA timer',
  'DynamoDB calls',
  'DynamoDB calls by command',
  'RCU',
  'WCU',
  'e-mails',
];
const COUNT_NUMERIC = new Set([1, 2, 3, 4, 5, 6, 7, 9, 10, 11]);

const stepRow = (s: StepSummary): string[] => [
  s.step,
  '1',
  s.httpMs.p50.toFixed(2),
  fmt(s.lifecycleTransitions),
  fmt(s.slaTransitions),
  fmt(s.lifecycleInvocations),
  fmt(s.slaInvocations),
  fmt(s.dynamo.calls),
  breakdown(s.dynamo.byCommand),
  fmt(round(s.dynamo.rcu, 2)),
  fmt(round(s.dynamo.wcu, 2)),
  fmt(s.emails),
];

const lifecycleRow = (l: LifecycleSummary): string[] => [
  `= lifecycle (mean of ${l.n})`,
  fmt(l.apiCalls),
  l.apiMs.p50.toFixed(2),
  range(l.lifecycleTransitions),
  range(l.slaTransitions),
  range(l.lifecycleInvocations),
  range(l.slaInvocations),
  range(l.dynamoCalls),
  breakdown(l.dynamo.byCommand),
  fmt(round(l.dynamo.rcu, 2)),
  fmt(round(l.dynamo.wcu, 2)),
  range(l.emails),
];

const wakeupRow = (w: WakeupSummary): string[] => [
  `${w.label} (per wake-up, ${w.wakeups} measured)`,
  '0',
  '-',
  '0',
  fmt(round(w.transitionsPerWakeup, 2)),
  '0',
  fmt(w.invocationsPerWakeup),
  fmt(round(w.dynamo.calls, 2)),
  breakdown(w.dynamo.byCommand),
  fmt(round(w.dynamo.rcu, 2)),
  fmt(round(w.dynamo.wcu, 2)),
  fmt(round(w.emailsPerWakeup, 2)),
];

export function countsTable(steps: StepSummary[], lifecycle: LifecycleSummary, wakeups: WakeupSummary[]): string {
  const rows = [...steps.map(stepRow), lifecycleRow(lifecycle), ...wakeups.map(wakeupRow)];
  return markdownTable(COUNT_HEADER, rows, COUNT_NUMERIC);
}

export function costTable(cost: Cost, per: string): string {
  const rows = cost.rows.map((r) => [
    r.component,
    r.price,
    `${fmt(round(r.quantity, 4), 4)} ${r.unit}`,
    usd(r.per1000),
  ]);
  rows.push([`Total per 1 000 ${per}`, '', '', usd(cost.total)]);
  return markdownTable(
    ['component', 'us-east-1 list price', `per ${per.replace(/s$/, '')}`, `$ / 1 000 ${per}`],
    rows,
    new Set([2, 3]),
  );
}

export function budgetLine(lifecycle: LifecycleSummary): string {
  const { max, mean } = lifecycle.transitions;
  const verdict = max <= TRANSITION_BUDGET ? 'OK' : 'OVER';
  const detail = lifecycle.transitions.min === max ? '' : ` (worst of ${lifecycle.n}; mean ${fmt(mean)})`;
  return `transitions per lifecycle (excluding SLA wake-ups): ${fmt(max)} <= ${TRANSITION_BUDGET} ${verdict}${detail}`;
}

export function assumptionLines(lifecycle: LifecycleSummary, costs: WorkflowCosts): string[] {
  return [
    `Prices: us-east-1 list prices taken ${PRICES_TAKEN}; on-demand, no free tiers.`,
    `Lambda duration: 512 MB arm64; API handlers billed at their measured mean round trip ` +
      `(${Math.ceil(lifecycle.apiMs.mean)} ms, local HTTP + DynamoDB Local, warm, no INIT), workflow tasks at a ` +
      `conservative ${TASK_BILLED_MS} ms each (not measurable without a hook).`,
    `Stream consumers (${STREAM_CONSUMERS.join(', ')}): not countable without a hook; bounded by one invocation ` +
      'per DynamoDB write and consumer ' +
      `(${fmt(round(lifecycle.dynamo.writes, 2))} per lifecycle), ${TASK_BILLED_MS} ms each; their stream reads are free. ` +
      'E-mails: counted in the local SES mailbox.',
    'Transitions: states entered (Map iterations included) as the local interpreter counts them; the ' +
      'lifecycle includes the SLA timer start (CheckSla, Done?, Sleep); RCU/WCU as DynamoDB Local reports them.',
    `Not in the totals: CloudWatch Logs ingestion, rough estimate ${usd(costs.lifecycle.logsEstimate)} per 1 000 ` +
      `lifecycles at $${PRICES.logsGb}/GB (SFN logging ALL with execution data ~1 KB/event, ~1.5 KB per Lambda ` +
      'invocation); X-Ray traces (tracing is active), data transfer, CloudFront, reads (inbox, detail views).',
  ];
}

export function totalLines(costs: WorkflowCosts): string[] {
  return [
    `Total per 1 000 lifecycles (submit, 2 approvals, assign, resolve): ${usd(costs.lifecycle.total)}`,
    `SLA wake-up while the request is open (warning/breach): ${usd(costs.openWakeup.total)} per 1 000 wake-ups`,
    `SLA wake-up after resolve (timer not stopped on resolve; ${costs.terminalWakeupsPerLifecycle} per lifecycle ` +
      `measured): ${usd(costs.terminalWakeup.total)} per 1 000 wake-ups`,
    `Total per 1 000 lifecycles incl. the wake-up after resolve: ${usd(costs.lifecycleWithTerminalWakeup)}`,
  ];
}

export async function writeWorkflowJson(path: string, result: Record<string, unknown>) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(
    path,
    `${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' ? round(v, 6) : v), 2)}\n`,
  );
}
