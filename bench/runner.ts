/**
 * Measures operations one HTTP request at a time, each from quiescence: the runtime is settled (no
 * workflow, stream consumer or timer work left), the DynamoDB counters are read, the request is
 * sent, and the counters of the API handler's own calls are read as soon as it answers (the
 * `api` scope of the meter: calls made inside the handler's async context, so the background work
 * the request sets off, and the stream poller, do not count there). Then the runtime is settled
 * again and the background calls the request set off (workflows, stream consumers) are read too:
 * reported, not budgeted.
 */
import type { ApiAnswer, ApiCall } from './api-client';
import type { BenchContext, BenchOperation } from './api-operations';
import { shapeOf, violations } from './budget';
import { totalCalls, type DynamoMeter, type MeterSnapshot } from './dynamo-meter';
import { round, summarize, type LatencySummary } from './stats';

export interface RunOptions {
  iterations: number;
  warmup: number;
}

export interface DynamoUsage {
  /** Average calls per operation, in all and by command. */
  callsPerOp: number;
  byCommand: Record<string, number>;
  minCalls: number;
  maxCalls: number;
  /** HTTP attempts per operation (above callsPerOp when the SDK retried). */
  attemptsPerOp: number;
  rcuPerOp: number;
  wcuPerOp: number;
  /** DynamoDB calls that failed (e.g. a cancelled transaction that was retried). */
  errors: number;
  /** Average failed calls per operation, by command (only commands that failed). */
  failedByCommand: Record<string, number>;
}

/** What the background work one operation set off cost (until the runtime settled). */
export interface BackgroundUsage {
  callsPerOp: number;
  byCommand: Record<string, number>;
  rcuPerOp: number;
  wcuPerOp: number;
}

export interface BudgetResult {
  rule: string;
  ok: boolean;
  /** Iterations over budget, and why (distinct reasons with their counts). */
  overIterations: number;
  reasons: Record<string, number>;
}

export interface OperationResult {
  name: string;
  group: string;
  n: number;
  latencyMs: LatencySummary;
  /** The API handler's own DynamoDB calls: what the budget applies to. */
  dynamo: DynamoUsage;
  /** Workflow tasks and stream consumers the operation set off (not budgeted). */
  background: BackgroundUsage;
  budget: BudgetResult;
  /** Wall time of the setup and of the measured loop (settles included), seconds. */
  wallS: { prepare: number; measure: number };
  /** Measured answers with another HTTP status than expected (the run is then not valid). */
  failures: number;
  failureSamples: string[];
}

interface Sample {
  ms: number;
  /** The API handler's calls. */
  usage: MeterSnapshot;
  /** Everything else, from the request until the runtime settled. */
  background: MeterSnapshot;
}

const MAX_FAILURE_SAMPLES = 3;

function usageOf(snapshots: readonly MeterSnapshot[]): DynamoUsage {
  const n = Math.max(1, snapshots.length);
  const byCommand: Record<string, number> = {};
  const failedByCommand: Record<string, number> = {};
  const usage = { rcu: 0, wcu: 0, attempts: 0, errors: 0 };
  const calls = snapshots.map(totalCalls);
  for (const u of snapshots) {
    usage.attempts += u.attempts;
    for (const [name, tally] of Object.entries(u.commands)) {
      byCommand[name] = (byCommand[name] ?? 0) + tally.calls;
      usage.rcu += tally.rcu;
      usage.wcu += tally.wcu;
      usage.errors += tally.errors;
      if (tally.errors > 0) failedByCommand[name] = (failedByCommand[name] ?? 0) + tally.errors;
    }
  }
  return {
    callsPerOp: calls.reduce((a, b) => a + b, 0) / n,
    byCommand: Object.fromEntries(Object.entries(byCommand).map(([name, count]) => [name, count / n])),
    minCalls: Math.min(...calls),
    maxCalls: Math.max(...calls),
    attemptsPerOp: usage.attempts / n,
    rcuPerOp: usage.rcu / n,
    wcuPerOp: usage.wcu / n,
    errors: usage.errors,
    failedByCommand: Object.fromEntries(Object.entries(failedByCommand).map(([name, count]) => [name, count / n])),
  };
}

function backgroundOf(samples: readonly Sample[]): BackgroundUsage {
  const { callsPerOp, byCommand, rcuPerOp, wcuPerOp } = usageOf(samples.map((s) => s.background));
  return { callsPerOp, byCommand, rcuPerOp, wcuPerOp };
}

function budgetOf(operation: BenchOperation, samples: readonly Sample[]): BudgetResult {
  const reasons: Record<string, number> = {};
  let overIterations = 0;
  for (const sample of samples) {
    const found = violations(operation.budget, shapeOf(sample.usage));
    if (found.length > 0) overIterations += 1;
    for (const reason of found) reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  return { rule: operation.budget.rule, ok: overIterations === 0, overIterations, reasons };
}

/** Prepares, warms up and measures one operation. */
export async function measureOperation(
  operation: BenchOperation,
  ctx: BenchContext,
  meter: DynamoMeter,
  options: RunOptions,
): Promise<OperationResult> {
  const prepareStart = performance.now();
  const calls: ApiCall[] = await operation.prepare(ctx, options.warmup + options.iterations);
  const samples: Sample[] = [];
  const failureSamples: string[] = [];
  const succeeded: ApiAnswer[] = [];
  let failures = 0;
  await ctx.settle();
  const measureStart = performance.now();
  for (const [i, call] of calls.entries()) {
    const headers = await ctx.api.headersFor(call); // the token is fetched outside the window
    const before = meter.snapshot('api');
    const backgroundBefore = meter.snapshot('background');
    const started = performance.now();
    const answer = await ctx.api.send(call, headers);
    const ms = performance.now() - started;
    const usage = meter.since(before, 'api');
    // Quiescence again: the background work this call set off is its own, and the next call starts clean.
    await ctx.settle();
    const background = meter.since(backgroundBefore, 'background');
    if (answer.status === call.expect) succeeded.push(answer);
    else {
      failures += 1;
      if (failureSamples.length < MAX_FAILURE_SAMPLES)
        failureSamples.push(`${answer.status} (expected ${call.expect}): ${answer.text.slice(0, 300)}`);
    }
    if (i >= options.warmup) samples.push({ ms, usage, background });
  }
  const measureEnd = performance.now();
  operation.after?.(ctx, succeeded);
  return {
    name: operation.name,
    group: operation.group,
    n: samples.length,
    latencyMs: summarize(samples.map((s) => s.ms)),
    dynamo: usageOf(samples.map((s) => s.usage)),
    background: backgroundOf(samples),
    budget: budgetOf(operation, samples),
    wallS: {
      prepare: round((measureStart - prepareStart) / 1000, 2),
      measure: round((measureEnd - measureStart) / 1000, 2),
    },
    failures,
    failureSamples,
  };
}
