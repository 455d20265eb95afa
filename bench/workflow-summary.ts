/** Averages of the workflow benchmark's samples: per step, per lifecycle, per SLA wake-up. */
import { READ_COMMANDS, type MeterSnapshot } from './dynamo-meter';
import { round, summarize, type LatencySummary } from './stats';
import { STEPS, type LifecycleSample, type StepName, type WakeupSample } from './workflow-lifecycle';
import { costPer1000, STREAM_CONSUMERS, type Cost, type Units } from './workflow-prices';

export interface Spread {
  mean: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: Number.NaN, min: Number.NaN, max: Number.NaN };
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** DynamoDB usage averaged over `per` units of work. */
export interface DynamoSummary {
  calls: number;
  /** Calls that write (everything but GetItem, Query, ...): each one's stream records may invoke the consumer. */
  writes: number;
  byCommand: Record<string, number>;
  rcu: number;
  wcu: number;
  /** Calls that failed (e.g. a cancelled transaction) and SDK retries: both should be 0. */
  errors: number;
  retries: number;
}

export function dynamoSummary(snapshots: readonly MeterSnapshot[], per: number): DynamoSummary {
  const n = Math.max(1, per);
  const sum = { calls: 0, rcu: 0, wcu: 0, errors: 0, attempts: 0 };
  const byCommand: Record<string, number> = {};
  for (const snapshot of snapshots) {
    sum.attempts += snapshot.attempts;
    for (const [name, tally] of Object.entries(snapshot.commands)) {
      byCommand[name] = (byCommand[name] ?? 0) + tally.calls;
      sum.calls += tally.calls;
      sum.rcu += tally.rcu;
      sum.wcu += tally.wcu;
      sum.errors += tally.errors;
    }
  }
  const writes = Object.entries(byCommand).reduce((w, [name, c]) => w + (READ_COMMANDS.has(name) ? 0 : c), 0);
  return {
    calls: sum.calls / n,
    writes: writes / n,
    byCommand: Object.fromEntries(Object.entries(byCommand).map(([name, calls]) => [name, calls / n])),
    rcu: sum.rcu / n,
    wcu: sum.wcu / n,
    errors: sum.errors,
    retries: sum.attempts - sum.calls,
  };
}

const calls = (snapshot: MeterSnapshot) => Object.values(snapshot.commands).reduce((n, t) => n + t.calls, 0);

export interface StepSummary {
  step: StepName;
  n: number;
  httpMs: LatencySummary;
  lifecycleTransitions: number;
  lifecycleInvocations: number;
  slaTransitions: number;
  slaInvocations: number;
  dynamo: DynamoSummary;
  emails: number;
}

export interface LifecycleSummary {
  n: number;
  /** API Gateway requests = API Lambda invocations (submit, 2 decisions, resolve). */
  apiCalls: number;
  apiMs: LatencySummary;
  lifecycleTransitions: Spread;
  lifecycleInvocations: Spread;
  /** The SLA timer's first check (start, check, sleep): part of the lifecycle cost. */
  slaTransitions: Spread;
  slaInvocations: Spread;
  /** lifecycle + the SLA timer's first check: what the budget limits. */
  transitions: Spread;
  taskInvocations: Spread;
  dynamoCalls: Spread;
  dynamo: DynamoSummary;
  emails: Spread;
}

export interface WakeupSummary {
  label: string;
  advance: string;
  requests: number;
  wakeups: number;
  transitionsPerWakeup: number;
  invocationsPerWakeup: number;
  dynamo: DynamoSummary;
  emailsPerWakeup: number;
  otherTransitions: number;
  stillRunning: number;
}

export function summarizeSteps(samples: readonly LifecycleSample[]): StepSummary[] {
  return STEPS.map((step) => {
    const of = samples.flatMap((s) => s.steps.filter((x) => x.step === step));
    const mean = (pick: (x: (typeof of)[number]) => number) => spread(of.map(pick)).mean;
    return {
      step,
      n: of.length,
      httpMs: summarize(of.map((x) => x.httpMs)),
      lifecycleTransitions: mean((x) => x.flows.lifecycle.transitions),
      lifecycleInvocations: mean((x) => x.flows.lifecycle.invocations),
      slaTransitions: mean((x) => x.flows.sla.transitions),
      slaInvocations: mean((x) => x.flows.sla.invocations),
      dynamo: dynamoSummary(
        of.map((x) => x.dynamo),
        of.length,
      ),
      emails: mean((x) => x.emails),
    };
  });
}

export function summarizeLifecycles(samples: readonly LifecycleSample[]): LifecycleSummary {
  const total = (s: LifecycleSample, pick: (x: LifecycleSample['steps'][number]) => number) =>
    s.steps.reduce((n, x) => n + pick(x), 0);
  const over = (pick: (x: LifecycleSample['steps'][number]) => number) => spread(samples.map((s) => total(s, pick)));
  return {
    n: samples.length,
    apiCalls: spread(samples.map((s) => s.steps.length)).mean,
    apiMs: summarize(samples.flatMap((s) => s.steps.map((x) => x.httpMs))),
    lifecycleTransitions: over((x) => x.flows.lifecycle.transitions),
    lifecycleInvocations: over((x) => x.flows.lifecycle.invocations),
    slaTransitions: over((x) => x.flows.sla.transitions),
    slaInvocations: over((x) => x.flows.sla.invocations),
    transitions: over((x) => x.flows.lifecycle.transitions + x.flows.sla.transitions),
    taskInvocations: over((x) => x.flows.lifecycle.invocations + x.flows.sla.invocations),
    dynamoCalls: over((x) => calls(x.dynamo)),
    dynamo: dynamoSummary(
      samples.flatMap((s) => s.steps.map((x) => x.dynamo)),
      samples.length,
    ),
    emails: over((x) => x.emails),
  };
}

export function summarizeWakeups(label: string, sample: WakeupSample): WakeupSummary {
  const per = Math.max(1, sample.wakeups);
  return {
    label,
    advance: sample.advance,
    requests: sample.requests,
    wakeups: sample.wakeups,
    transitionsPerWakeup: sample.transitions / per,
    // Each wake-up is one CheckSla invocation (see WakeupSample.wakeups).
    invocationsPerWakeup: sample.wakeups > 0 ? 1 : 0,
    dynamo: dynamoSummary([sample.dynamo], per),
    emailsPerWakeup: sample.emails / per,
    otherTransitions: sample.otherTransitions,
    stillRunning: sample.stillRunning,
  };
}

export const lifecycleUnits = (l: LifecycleSummary): Units => ({
  transitions: l.transitions.mean,
  apiRequests: l.apiCalls,
  taskInvocations: l.taskInvocations.mean,
  streamInvocations: l.dynamo.writes * STREAM_CONSUMERS.length,
  apiBilledMs: Math.ceil(l.apiMs.mean),
  wru: l.dynamo.wcu,
  rru: l.dynamo.rcu,
  emails: l.emails.mean,
});

export const wakeupUnits = (w: WakeupSummary): Units => ({
  transitions: w.transitionsPerWakeup,
  apiRequests: 0,
  taskInvocations: w.invocationsPerWakeup,
  streamInvocations: w.dynamo.writes * STREAM_CONSUMERS.length,
  apiBilledMs: 0,
  wru: w.dynamo.wcu,
  rru: w.dynamo.rcu,
  emails: w.emailsPerWakeup,
});

/** Transitions per lifecycle, SLA wake-ups excluded (issue budget). */
export const TRANSITION_BUDGET = 15;

export interface WorkflowCosts {
  lifecycle: Cost;
  /** Per 1 000 wake-ups of a timer whose request is still open (warnings, breaches). */
  openWakeup: Cost;
  /** Per 1 000 final wake-ups after resolve (the timer is not stopped when the request leaves the queue). */
  terminalWakeup: Cost;
  /** Terminal wake-ups each lifecycle had (measured). */
  terminalWakeupsPerLifecycle: number;
  /** lifecycle + its terminal wake-ups, per 1 000 lifecycles. */
  lifecycleWithTerminalWakeup: number;
}

export function costs(lifecycle: LifecycleSummary, terminal: WakeupSummary, open: WakeupSummary): WorkflowCosts {
  const lifecycleCost = costPer1000(lifecycleUnits(lifecycle));
  const terminalCost = costPer1000(wakeupUnits(terminal));
  // Counted over every resolved lifecycle, the warm-up included.
  const perLifecycle = terminal.requests > 0 ? terminal.wakeups / terminal.requests : 0;
  return {
    lifecycle: lifecycleCost,
    openWakeup: costPer1000(wakeupUnits(open)),
    terminalWakeup: terminalCost,
    terminalWakeupsPerLifecycle: round(perLifecycle, 3),
    lifecycleWithTerminalWakeup: lifecycleCost.total + perLifecycle * terminalCost.total,
  };
}
