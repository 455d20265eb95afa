/**
 * The WORKFLOW section of `npm run bench` (alone: `npm run bench -- --only workflow`, or
 * `tsx bench/workflow.ts [--lifecycles N] [--sla-advance P8D]`).
 *
 * Runs N request lifecycles one after another through the HTTP API of an in-process runtime whose
 * virtual clock stands still on a weekday morning (so no SLA timer or approval deadline fires
 * unless the benchmark moves time): a 250 000 RUB purchase submitted by the requester, approved by
 * the manager then the CFO, assigned by the workflow, resolved by the assignee. For each it counts
 * the Step Functions state transitions and Lambda task invocations of the request's executions
 * (lifecycle and SLA timer, from the engine's per-execution counters), the API calls, and the
 * DynamoDB calls and capacity units. Then it moves the clock: a day (each resolved request's SLA
 * timer wakes once more, sees the request resolved, ends) and, for one request left open, past
 * all its SLA thresholds. Prints counts, the cost per 1 000 lifecycles at us-east-1 list prices,
 * the transition budget; writes test-output/bench/workflow.json. Over budget is reported (exit 0);
 * a lifecycle that does not go as expected makes the run invalid (exit 1).
 */
import { availableParallelism, platform } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseIsoDuration } from '../local/clock/duration';
import { startRuntime } from '../local/runtime';
import { ApiClient } from './api-client';
import { liftRateLimit } from './bench-env';
import { installDynamoMeter } from './dynamo-meter';
import {
  CAST,
  PURCHASE_AMOUNT,
  runLifecycle,
  measureWakeups,
  type LifecycleSample,
  type WorkflowEnv,
} from './workflow-lifecycle';
import { PRICES, PRICES_TAKEN, TASK_BILLED_MS } from './workflow-prices';
import { assumptionLines, budgetLine, costTable, countsTable, totalLines, writeWorkflowJson } from './workflow-report';
import {
  costs,
  summarizeLifecycles,
  summarizeSteps,
  summarizeWakeups,
  TRANSITION_BUDGET,
  type LifecycleSummary,
  type WakeupSummary,
} from './workflow-summary';
import { TUESDAY_10AM } from '../test/support/moments';

const DEFAULT_LIFECYCLES = 50;
/** Business hours, no holiday ahead. */
const CLOCK_START = TUESDAY_10AM;
/** Past every SLA threshold of each resolved request (the first one is 75 % of 8 business hours). */
const RESOLVED_ADVANCE = 'P1D';
/** Past every threshold of the open request (resolution: 40 business hours). */
const DEFAULT_SLA_ADVANCE = 'P8D';
const WARMUP_LIFECYCLES = 1;
const OUTPUT = resolve(import.meta.dirname, '..', 'test-output', 'bench', 'workflow.json');

const advanceOf = (iso: string) => ({ iso, ms: parseIsoDuration(iso) });

function options() {
  const { values } = parseArgs({ options: { lifecycles: { type: 'string' }, 'sla-advance': { type: 'string' } } });
  const lifecycles = Number(values.lifecycles ?? DEFAULT_LIFECYCLES);
  if (!Number.isInteger(lifecycles) || lifecycles < 1)
    throw new Error(`--lifecycles must be a positive whole number, got "${values.lifecycles}"`);
  return { lifecycles, slaAdvance: advanceOf(values['sla-advance'] ?? DEFAULT_SLA_ADVANCE) };
}

async function runLifecycles(env: WorkflowEnv, count: number): Promise<LifecycleSample[]> {
  const samples: LifecycleSample[] = [];
  for (let i = 0; i < count; i++) {
    samples.push(await runLifecycle(env, { resolve: true }));
    if ((i + 1) % 10 === 0 || i + 1 === count) console.log(`  ${i + 1}/${count} lifecycles`);
  }
  return samples;
}

/** The SLA events the open request collected while the clock ran past its thresholds. */
async function slaHistory(env: WorkflowEnv, id: string): Promise<Record<string, number>> {
  const detail = await env.api.expectJson<{ history: { type: string }[] }>({
    as: CAST.admin,
    method: 'GET',
    path: `/requests/${id}`,
    expect: 200,
  });
  const counts: Record<string, number> = {};
  for (const { type } of detail.history)
    if (type.startsWith('sla_') || type === 'escalated') counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function anomalies(lifecycle: LifecycleSummary, wakeups: WakeupSummary[]): string[] {
  const found: string[] = [];
  const { errors, retries } = lifecycle.dynamo;
  if (errors > 0 || retries > 0) found.push(`lifecycles: ${errors} failed DynamoDB calls, ${retries} SDK retries`);
  for (const w of wakeups) {
    if (w.stillRunning > 0) found.push(`${w.label}: ${w.stillRunning} SLA timer(s) still asleep after ${w.advance}`);
    if (w.otherTransitions !== 0)
      found.push(`${w.label}: ${w.otherTransitions} transitions of other executions in the window`);
    if (w.dynamo.errors > 0 || w.dynamo.retries > 0)
      found.push(`${w.label}: ${w.dynamo.errors} failed DynamoDB calls, ${w.dynamo.retries} SDK retries`);
  }
  return found;
}

async function main(): Promise<number> {
  const opts = options();
  const startedAt = new Date();
  liftRateLimit();
  const runtime = await startRuntime({ port: 0, clockStart: CLOCK_START, clockFrozen: true });
  try {
    // Imported after the runtime set the environment; the same module instance the handlers use.
    const { dynamoClient } = await import('../functions/adapters/store/client');
    const meter = installDynamoMeter(dynamoClient());
    const env: WorkflowEnv = {
      api: new ApiClient(runtime.url),
      meter,
      engine: runtime.stepFunctions,
      clock: runtime.clock,
    };
    console.log(
      `Workflow benchmark: ${opts.lifecycles} lifecycles (+${WARMUP_LIFECYCLES} warm-up), one at a time: ` +
        `purchase ${PURCHASE_AMOUNT} RUB by ${CAST.requester}, approved by ${CAST.manager} then ${CAST.cfo}, ` +
        `auto-assigned, resolved; virtual clock frozen at ${CLOCK_START}`,
    );
    const warmup = await runLifecycles(env, WARMUP_LIFECYCLES);
    const samples = await runLifecycles(env, opts.lifecycles);
    if (samples.every((s) => s.steps.every((x) => Object.keys(x.dynamo.commands).length === 0)))
      throw new Error('No DynamoDB call was counted: the meter is not on the client instance the handlers use.');

    const resolvedIds = [...warmup, ...samples].map((s) => s.requestId);
    const terminal = await measureWakeups(env, resolvedIds, advanceOf(RESOLVED_ADVANCE));
    console.log(
      `  advanced ${RESOLVED_ADVANCE}: ${terminal.wakeups} SLA wake-ups of ${resolvedIds.length} resolved requests`,
    );
    const open = await runLifecycle(env, { resolve: false });
    const overrun = await measureWakeups(env, [open.requestId], opts.slaAdvance);
    const history = await slaHistory(env, open.requestId);
    console.log(`  advanced ${opts.slaAdvance.iso}: ${overrun.wakeups} SLA wake-ups of the open request`);
    meter.uninstall();

    const wakeups = [
      summarizeWakeups('SLA wake-up, request resolved', terminal),
      summarizeWakeups('SLA wake-up, request open', overrun),
    ];
    return await report({ startedAt, samples, wakeups, history, opts });
  } finally {
    await runtime.stop();
  }
}

async function report(run: {
  startedAt: Date;
  samples: LifecycleSample[];
  wakeups: WakeupSummary[];
  history: Record<string, number>;
  opts: ReturnType<typeof options>;
}): Promise<number> {
  const [terminal, open] = run.wakeups as [WakeupSummary, WakeupSummary];
  const steps = summarizeSteps(run.samples);
  const lifecycle = summarizeLifecycles(run.samples);
  const cost = costs(lifecycle, terminal, open);
  const durationS = (Date.now() - run.startedAt.getTime()) / 1000;

  console.log(`\n${countsTable(steps, lifecycle, run.wakeups)}\n`);
  console.log(
    `Open request over ${open.advance}: ${open.wakeups} wake-ups, history ${JSON.stringify(run.history)}; ` +
      `API Lambda invocations per lifecycle: ${lifecycle.apiCalls}, workflow task invocations: ` +
      `${lifecycle.taskInvocations.mean}.`,
  );
  console.log(`\nCost per 1 000 lifecycles:\n${costTable(cost.lifecycle, 'lifecycles')}\n`);
  console.log(`Cost per 1 000 SLA wake-ups (request open):\n${costTable(cost.openWakeup, 'wake-ups')}\n`);
  for (const line of totalLines(cost)) console.log(line);
  for (const line of assumptionLines(lifecycle, cost)) console.log(line);
  const problems = anomalies(lifecycle, run.wakeups);
  for (const line of problems) console.log(`WARNING: ${line}`);
  console.log(budgetLine(lifecycle));

  await writeWorkflowJson(OUTPUT, {
    startedAt: run.startedAt.toISOString(),
    durationS,
    node: process.version,
    platform: platform(),
    cpus: availableParallelism(),
    lifecycles: run.samples.length,
    warmup: WARMUP_LIFECYCLES,
    clockStart: CLOCK_START,
    scenario: { service: 'purchase', amount: PURCHASE_AMOUNT, ...CAST },
    prices: { taken: PRICES_TAKEN, region: 'us-east-1', ...PRICES, lambdaMemoryMb: 512, taskBilledMs: TASK_BILLED_MS },
    steps,
    lifecycle,
    slaWakeups: { resolved: terminal, open: { ...open, history: run.history } },
    cost,
    budget: {
      rule: `<= ${TRANSITION_BUDGET} state transitions per lifecycle, SLA wake-ups excluded`,
      limit: TRANSITION_BUDGET,
      worst: lifecycle.transitions.max,
      mean: lifecycle.transitions.mean,
      ok: lifecycle.transitions.max <= TRANSITION_BUDGET,
    },
    warnings: problems,
    samples: run.samples.map((s) => ({
      requestId: s.requestId,
      assigneeId: s.assigneeId,
      steps: s.steps,
    })),
  });
  console.log(`Results: ${OUTPUT} (${durationS.toFixed(1)} s)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
