/**
 * `npm run bench [-- --iterations N] [--warmup N] [--lifecycles N] [--requests N] [--runs N]
 * [--only api|workflow|analytics|bundles|TEXT]`: the API section (bench/api.ts, test-output/bench/api.json),
 * then the WORKFLOW section (bench/workflow.ts, test-output/bench/workflow.json), then the ANALYTICS
 * section (bench/analytics.ts: GET /analytics over an imported quarter, test-output/bench/analytics.json),
 * then the BUNDLES section (bench/bundles.ts: size and cold start of every function bundle,
 * test-output/bench/bundles.json; `--runs` cold starts per bundle).
 *
 * `--only <section>` runs one section; any other `--only TEXT` runs just the API
 * operations whose name contains TEXT. `--iterations` and `--warmup` are the API section's,
 * `--lifecycles` the workflow section's.
 *
 * Each section runs in a process of its own, with its own runtime: the handlers read their
 * endpoints (DynamoDB, Step Functions, SES) once, at import, so a process holds one runtime; and
 * a process that outlives its runtime's stop() meets its late timers (the stream poller's).
 * Exit code: the worst of the sections' (1 when any answer or lifecycle went wrong).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const SECTIONS = ['api', 'workflow', 'analytics', 'bundles'] as const;

function options() {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      lifecycles: { type: 'string' },
      requests: { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const only = values.only?.toLowerCase();
  const section = SECTIONS.find((s) => s === only);
  const pass = (name: string, value: string | undefined) => (value === undefined ? [] : [`--${name}`, value]);
  return {
    api:
      section === undefined || section === 'api'
        ? [
            ...pass('iterations', values.iterations),
            ...pass('warmup', values.warmup),
            ...pass('only', section ? undefined : only),
          ]
        : undefined,
    // A filter on API operation names is not a workflow run.
    workflow: only === undefined || section === 'workflow' ? pass('lifecycles', values.lifecycles) : undefined,
    analytics: only === undefined || section === 'analytics' ? pass('requests', values.requests) : undefined,
    bundles: only === undefined || section === 'bundles' ? pass('runs', values.runs) : undefined,
  };
}

/** Runs bench/<script> with tsx in its own process; resolves to its exit code. */
function section(title: string, script: string, args: string[]): Promise<number> {
  console.log(`\n=== ${title} ===`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, script), ...args], {
      stdio: 'inherit',
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const opts = options();
  const started = Date.now();
  const codes: number[] = [];
  if (opts.api) codes.push(await section('API', 'api.ts', opts.api));
  if (opts.workflow) codes.push(await section('WORKFLOW', 'workflow.ts', opts.workflow));
  if (opts.analytics) codes.push(await section('ANALYTICS', 'analytics.ts', opts.analytics));
  if (opts.bundles) codes.push(await section('BUNDLES', 'bundles.ts', opts.bundles));
  console.log(`\nBenchmark done in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${Math.max(0, ...codes)}).`);
  return Math.max(0, ...codes);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
