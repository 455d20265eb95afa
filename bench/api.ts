/**
 * The API section of `npm run bench` (alone: `tsx bench/api.ts [--iterations N] [--warmup N]
 * [--only TEXT]`): each API operation against DynamoDB Local, in-process, one request at a time,
 * each from quiescence (the runtime's clock settled: no workflow or stream consumer running).
 * Prints per operation p50/p99 latency, the DynamoDB calls the API handler made itself and the
 * capacity units they consumed, the calls of the background work it set off (workflows, stream
 * consumers; not budgeted), checks the call budget, and writes test-output/bench/api.json. Over
 * budget is reported, not failed (exit 0); answers with an unexpected HTTP status make the run
 * invalid (exit 1).
 */
import { availableParallelism, platform } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startRuntime } from '../local/runtime';
import { ApiClient } from './api-client';
import { liftRateLimit } from './bench-env';
import { API_OPERATIONS, RequestPool, USERS, type BenchContext } from './api-operations';
import { installDynamoMeter, totalCalls, type DynamoMeter } from './dynamo-meter';
import { formatTable, overBudgetLines, writeJson } from './report';
import { measureOperation, type OperationResult } from './runner';

const DEFAULT_ITERATIONS = 50;
const DEFAULT_WARMUP = 10;
const OUTPUT = resolve(import.meta.dirname, '..', 'test-output', 'bench', 'api.json');

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

function options() {
  const { values } = parseArgs({
    options: { iterations: { type: 'string' }, warmup: { type: 'string' }, only: { type: 'string' } },
  });
  const iterations = positiveInt('--iterations', values.iterations ?? process.env.BENCH_ITERATIONS, DEFAULT_ITERATIONS);
  return {
    iterations: Math.max(1, iterations),
    warmup: positiveInt('--warmup', values.warmup, DEFAULT_WARMUP),
    only: values.only?.toLowerCase(),
  };
}

async function main(): Promise<number> {
  const opts = options();
  const startedAt = new Date();
  liftRateLimit();
  const runtime = await startRuntime({ port: 0 });
  try {
    // Imported after the runtime set the environment; the same module instance the handlers use.
    const { dynamoClient } = await import('../functions/adapters/store/client');
    const meter = installDynamoMeter(dynamoClient());
    const ctx: BenchContext = {
      api: new ApiClient(runtime.url),
      runId: startedAt.getTime().toString(36),
      setupConcurrency: 4,
      settle: () => runtime.clock.settle(),
      pool: new RequestPool(),
    };
    await assertMetered(ctx, meter);
    const operations = API_OPERATIONS.filter((op) => !opts.only || op.name.toLowerCase().includes(opts.only));
    console.log(
      `API benchmark: ${operations.length} operations x ${opts.iterations} iterations ` +
        `(+${opts.warmup} warm-up) against DynamoDB Local at ${runtime.dynamoEndpoint}`,
    );
    const results: OperationResult[] = [];
    for (const operation of operations) {
      const result = await measureOperation(operation, ctx, meter, opts);
      console.log(
        `  ${operation.name}: p50 ${result.latencyMs.p50.toFixed(2)} ms ` +
          `(setup ${result.wallS.prepare.toFixed(1)} s, measured ${result.wallS.measure.toFixed(1)} s)`,
      );
      results.push(result);
    }
    meter.uninstall();
    return await report(results, { ...opts, startedAt, dynamoEndpoint: runtime.dynamoEndpoint });
  } finally {
    await runtime.stop();
  }
}

/**
 * GET /me makes one Query: if the meter does not see it, it is not on the handlers' client; if it
 * sees it outside the `api` scope, the handlers do not run inside `invocation.run('api', ...)`.
 */
async function assertMetered(ctx: BenchContext, meter: DynamoMeter) {
  await ctx.settle();
  const before = meter.snapshot();
  const beforeApi = meter.snapshot('api');
  await ctx.api.expectJson({ as: USERS.employee, method: 'GET', path: '/me', expect: 200 });
  if (totalCalls(meter.since(before)) === 0)
    throw new Error('No DynamoDB call was counted: the meter is not on the client instance the handlers use.');
  if (totalCalls(meter.since(beforeApi, 'api')) === 0)
    throw new Error("No DynamoDB call was counted as the API handler's: the handler's async context is not 'api'.");
}

async function report(
  results: OperationResult[],
  run: { iterations: number; warmup: number; startedAt: Date; dynamoEndpoint: string },
): Promise<number> {
  const durationS = (Date.now() - run.startedAt.getTime()) / 1000;
  console.log(`\n${formatTable(results)}\n`);
  console.log(
    "DynamoDB calls, RCU/WCU: the API handler's own calls (its async context), each call made from quiescence.",
  );
  console.log(
    'Background: calls of the workflows and stream consumers (notify, history) it set off, ' +
      'until the runtime settled; reported, not budgeted.',
  );
  console.log(
    'Budget: reads <= 1 DynamoDB call; submit, actions and comments 1 TransactWriteItems + <= 1 read; ' +
      'an Idempotency-Key replay reads only.',
  );
  console.log('RCU/WCU: ConsumedCapacity TOTAL (table + indexes) as DynamoDB Local reports it.');
  await writeJson(
    OUTPUT,
    {
      ...run,
      startedAt: run.startedAt.toISOString(),
      node: process.version,
      platform: platform(),
      cpus: availableParallelism(),
      dynamoDb: `DynamoDB Local (in memory) ${run.dynamoEndpoint}`,
      durationS,
    },
    results,
  );
  console.log(`Results: ${OUTPUT} (${durationS.toFixed(1)} s)`);

  const over = overBudgetLines(results);
  for (const line of over) console.log(line);
  if (over.length === 0) console.log('All operations within budget.');
  const failed = results.filter((r) => r.failures > 0);
  for (const r of failed)
    console.error(`FAILED: ${r.name}: ${r.failures} unexpected answers, e.g. ${r.failureSamples[0]}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
