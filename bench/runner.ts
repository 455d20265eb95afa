/**
 * Measures operations one HTTP request at a time: the DynamoDB counters are read right before and
 * after each awaited request, so every call counted in between belongs to that request.
 */
import type { ApiCall } from './api-client';
import type { BenchContext, BenchOperation } from './api-operations';
import { shapeOf, violations } from './budget';
import { totalCalls, type DynamoMeter, type MeterSnapshot } from './dynamo-meter';
import { summarize, type LatencySummary } from './stats';

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
  dynamo: DynamoUsage;
  budget: BudgetResult;
  /** Measured answers with another HTTP status than expected (the run is then not valid). */
  failures: number;
  failureSamples: string[];
}

interface Sample {
  ms: number;
  usage: MeterSnapshot;
}

const MAX_FAILURE_SAMPLES = 3;

function usageOf(samples: readonly Sample[]): DynamoUsage {
  const n = Math.max(1, samples.length);
  const byCommand: Record<string, number> = {};
  const usage = { rcu: 0, wcu: 0, attempts: 0, errors: 0 };
  const calls = samples.map((s) => totalCalls(s.usage));
  for (const { usage: u } of samples) {
    usage.attempts += u.attempts;
    for (const [name, tally] of Object.entries(u.commands)) {
      byCommand[name] = (byCommand[name] ?? 0) + tally.calls;
      usage.rcu += tally.rcu;
      usage.wcu += tally.wcu;
      usage.errors += tally.errors;
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
  };
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
  const calls: ApiCall[] = await operation.prepare(ctx, options.warmup + options.iterations);
  const samples: Sample[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  for (const [i, call] of calls.entries()) {
    const headers = await ctx.api.headersFor(call);
    const before = meter.snapshot();
    const started = performance.now();
    const answer = await ctx.api.send(call, headers);
    const ms = performance.now() - started;
    const usage = meter.since(before);
    if (answer.status !== call.expect) {
      failures += 1;
      if (failureSamples.length < MAX_FAILURE_SAMPLES)
        failureSamples.push(`${answer.status} (expected ${call.expect}): ${answer.text.slice(0, 300)}`);
    }
    if (i >= options.warmup) samples.push({ ms, usage });
  }
  return {
    name: operation.name,
    group: operation.group,
    n: samples.length,
    latencyMs: summarize(samples.map((s) => s.ms)),
    dynamo: usageOf(samples),
    budget: budgetOf(operation, samples),
    failures,
    failureSamples,
  };
}
