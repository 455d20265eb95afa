/**
 * The ANALYTICS section of `npm run bench` (alone: `npm run bench -- --only analytics`, or
 * `tsx bench/analytics.ts [--requests N] [--calls N]`).
 *
 * Imports the demo quarter (local/demo-history.ts: N requests over 90 days, default 2 500 like
 * `npm start -- --demo-history`) into an
 * in-process runtime whose clock stands still, waits until the stream consumers are idle, then
 * calls GET /analytics for the whole 90 days as an admin, one call at a time: per call, the
 * DynamoDB calls by command and the capacity units (the bench's meter on the handlers' client),
 * and p50/p99 latency. Budget: reads only, at most one Query per day page plus one per team
 * (backlog) and one per approver (pending) (the day aggregates are read one Query per month page,
 * so 90 days take 4); p99 under 300 ms. Prints OK/OVER (exit 0 either way;
 * a wrong answer exits 1) and writes test-output/bench/analytics.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, platform } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SeedSummary } from '../local/demo-history';
import { startRuntime } from '../local/runtime';
import { ApiClient } from './api-client';
import { READ_COMMANDS, installDynamoMeter, type MeterSnapshot } from './dynamo-meter';
import { breakdown } from './report';
import { round, summarize } from './stats';
import { FRIDAY_5PM } from '../test/support/moments';

/** The quarter ends here. */
const CLOCK_START = FRIDAY_5PM;
const PERIOD = { from: '2026-09-06', to: '2026-12-04', days: 90 };
const P99_BUDGET_MS = 300;
const WARMUP = 5;
const OUTPUT = resolve(import.meta.dirname, '..', 'test-output', 'bench', 'analytics.json');

function options() {
  const { values } = parseArgs({ options: { requests: { type: 'string' }, calls: { type: 'string' } } });
  const whole = (name: string, value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1`);
    return n;
  };
  return { requests: whole('requests', values.requests, 2500), calls: whole('calls', values.calls, 50) };
}

interface Call {
  ms: number;
  usage: MeterSnapshot;
}

function perCall(calls: readonly Call[]) {
  const byCommand: Record<string, number> = {};
  let rcu = 0;
  let wcu = 0;
  for (const { usage } of calls)
    for (const [name, tally] of Object.entries(usage.commands)) {
      byCommand[name] = (byCommand[name] ?? 0) + tally.calls / calls.length;
      rcu += tally.rcu / calls.length;
      wcu += tally.wcu / calls.length;
    }
  const reads = Object.entries(byCommand).reduce((n, [name, c]) => n + (READ_COMMANDS.has(name) ? c : 0), 0);
  const writes = Object.entries(byCommand).reduce((n, [name, c]) => n + (READ_COMMANDS.has(name) ? 0 : c), 0);
  return { byCommand, reads, writes, rcu: round(rcu, 1), wcu: round(wcu, 1) };
}

/** The stream consumers are idle (the import's events are all delivered): settle until it holds. */
async function drain(settle: () => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await settle();
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}

async function report(
  calls: readonly Call[],
  body: string,
  seeded: SeedSummary,
  catalog: { data: { teams: unknown[]; directory: { roles: string[]; approvalRoles: string[] }[] } },
) {
  const latency = summarize(calls.map((c) => c.ms));
  const usage = perCall(calls);
  const approvers = catalog.data.directory.filter((p) => p.roles.includes('approver') || p.approvalRoles.length > 0);
  const readBudget = PERIOD.days + catalog.data.teams.length + approvers.length;
  const readsOk = usage.reads <= readBudget && usage.writes === 0;
  const fastOk = latency.p99 < P99_BUDGET_MS;
  const report = JSON.parse(body) as { volume: { submitted: number }[]; bottlenecks: { sentence: string }[] };
  console.log(
    `\nGET /analytics, ${PERIOD.days} days (${PERIOD.from}..${PERIOD.to}), admin scope, ${calls.length} calls:`,
  );
  console.log(
    `  latency       p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (budget < ${P99_BUDGET_MS} ms): ${fastOk ? 'OK' : 'OVER'}`,
  );
  console.log(
    `  DynamoDB/call ${breakdown(usage.byCommand)} = ${round(usage.reads, 1)} reads (budget <= ${PERIOD.days} days + ${catalog.data.teams.length} teams + ${approvers.length} approvers = ${readBudget}, no writes): ${readsOk ? 'OK' : 'OVER'}`,
  );
  console.log(
    `  capacity/call ${usage.rcu} RCU, ${usage.wcu} WCU (${round(usage.rcu / Math.max(1, usage.reads), 2)} RCU per read)`,
  );
  console.log(
    `  answer        ${report.volume.reduce((n, v) => n + v.submitted, 0)} submissions; top bottleneck: ${report.bottlenecks[0]?.sentence ?? '-'}`,
  );
  console.log(`  ${readsOk && fastOk ? 'OK' : 'OVER'}: analytics within budget${readsOk && fastOk ? '' : ' NOT met'}`);
  await mkdir(dirname(OUTPUT), { recursive: true });
  await writeFile(
    OUTPUT,
    `${JSON.stringify({ startedAt: new Date().toISOString(), node: process.version, platform: platform(), cpus: availableParallelism(), seeded, period: PERIOD, latencyMs: latency, dynamo: usage, budget: { reads: readBudget, p99Ms: P99_BUDGET_MS, readsOk, fastOk } }, null, 2)}\n`,
  );
}

async function main(): Promise<number> {
  const opts = options();
  const runtime = await startRuntime({ port: 0, clockStart: CLOCK_START, clockFrozen: true });
  try {
    const { seedDemoHistory } = await import('../local/demo-history');
    const { dynamoClient } = await import('../functions/adapters/store/client');
    const { catalog } = await import('../functions/usecases/catalog');
    const seeded = await seedDemoHistory({ requests: opts.requests });
    console.log(
      `Imported ${seeded.requests} requests (${seeded.events} events, 90 days) in ${(seeded.ms / 1000).toFixed(1)} s ` +
        `(generate ${seeded.phasesMs.generate} ms, write ${seeded.phasesMs.write} ms, count ${seeded.phasesMs.count} ms)`,
    );
    const started = Date.now();
    await drain(() => runtime.clock.settle());
    console.log(`Stream consumers idle after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const api = new ApiClient(runtime.url);
    const call = {
      headers: { 'accept-language': 'en' },
      as: 'olga.smirnova',
      method: 'GET' as const,
      path: `/analytics?from=${PERIOD.from}&to=${PERIOD.to}`,
      expect: 200,
    };
    const headers = await api.headersFor(call);
    const meter = installDynamoMeter(dynamoClient());
    const calls: Call[] = [];
    let body = '';
    for (let i = 0; i < WARMUP + opts.calls; i++) {
      const before = meter.snapshot();
      const t = performance.now();
      const answer = await api.send(call, headers);
      const ms = performance.now() - t;
      if (answer.status !== 200) throw new Error(`GET /analytics: ${answer.status} ${answer.text}`);
      body = answer.text;
      if (i >= WARMUP) calls.push({ ms, usage: meter.since(before) });
    }
    meter.uninstall();

    await report(calls, body, seeded, catalog);
    console.log(`Results: ${OUTPUT}`);
    return 0;
  } finally {
    await runtime.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
