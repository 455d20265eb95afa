/**
 * `npm run bench -- --only bundles [--runs N]`: the bundle report. Every function bundle exactly as
 * `cdk deploy` uploads it (bench/bundles/synth.ts), its minified size, and its cold start: N fresh Node
 * processes each import the bundle and invoke its handler once (cold) and again (warm) with a real
 * event (bench/bundles/probes.ts) against the local emulators. Budgets (issue 6): every API bundle
 * <= 250 KB minified; init (import + first invocation) <= 200 ms at the median.
 * Writes test-output/bench/bundles.json; `--profile` also writes a CPU profile of each bundle's first
 * cold start to test-output/bench/profiles/ (open it in Chrome DevTools).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startRuntime } from '../local/runtime';
import { PROJECT_ROOT } from '../lib/constructs/portal-function';
import { ApiClient } from './api-client';
import { liftRateLimit } from './bench-env';
import { compositionOf, type Composition } from './bundles/composition';
import { probeFor, type Probe, type Subject } from './bundles/probes';
import { synthBundles, type Bundle } from './bundles/synth';
import { percentile, round } from './stats';

const API_BUNDLE_BUDGET_BYTES = 250 * 1024;
const INIT_BUDGET_MS = 200;
const FLOOR_ENTRY = 'bench/bundles/floor.ts';
const COLD_START = join(import.meta.dirname, 'bundles', 'cold-start.mjs');
const PROFILES = join(PROJECT_ROOT, 'test-output', 'bench', 'profiles');

interface ColdStart {
  importMs: number;
  firstInvokeMs: number;
  warmInvokeMs: number;
  outcome: string;
}

interface Row {
  name: string;
  entry: string;
  kb: number;
  /** Of which (KB): the AWS SDK, zod, the catalog, other libraries, the portal's own code. */
  partsKb: Composition['parts'];
  importMs: number;
  firstInvokeMs: number;
  initMs: number;
  warmMs: number;
  outcome: string;
  overBudget: string[];
}

/** One cold start in a fresh Node process with the function's own environment on top of the runtime's. */
async function coldStart(bundle: Bundle, probe: Probe, dir: string, profile: boolean): Promise<ColdStart> {
  const resultFile = join(dir, `${probe.functionName}.json`);
  const { NODE_OPTIONS: _ours, ...inherited } = process.env;
  const env = {
    ...inherited,
    ...bundle.literalEnv,
    AWS_LAMBDA_FUNCTION_NAME: probe.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(bundle.memoryMb),
  };
  const code = await new Promise<number | null>((done, fail) => {
    const flags = profile
      ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, `--cpu-prof-name=${probe.functionName}.cpuprofile`]
      : [];
    const child = spawn(process.execPath, [...flags, COLD_START, bundle.file, JSON.stringify(probe), resultFile], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', fail);
    child.once('exit', done);
  });
  if (code !== 0) throw new Error(`${bundle.entry}: the cold start exited with ${code}`);
  return JSON.parse(await readFile(resultFile, 'utf8')) as ColdStart;
}

const median = (values: number[]) =>
  round(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ),
    1,
  );

function rowOf(bundle: Bundle, composition: Composition, runs: ColdStart[]): Row {
  const initMs = median(runs.map((r) => r.importMs + r.firstInvokeMs));
  const overBudget: string[] = [];
  if (bundle.entry.startsWith('functions/api/') && bundle.bytes > API_BUNDLE_BUDGET_BYTES) overBudget.push('size');
  if (initMs > INIT_BUDGET_MS) overBudget.push('init');
  return {
    name: bundle.name,
    entry: bundle.entry,
    kb: round(bundle.bytes / 1024, 1),
    partsKb: Object.fromEntries(
      Object.entries(composition.parts).map(([part, bytes]) => [part, round(bytes / 1024, 0)]),
    ) as Composition['parts'],
    importMs: median(runs.map((r) => r.importMs)),
    firstInvokeMs: median(runs.map((r) => r.firstInvokeMs)),
    initMs,
    warmMs: median(runs.map((r) => r.warmInvokeMs)),
    outcome: runs[0]?.outcome ?? '',
    overBudget,
  };
}

function table(rows: Row[]): string {
  const header = [
    'function',
    'KB min',
    'SDK/zod/catalog/libs/ours KB',
    'import ms',
    '1st call ms',
    'init ms',
    'warm ms',
    'first answer',
    'budget',
  ];
  const cells = rows.map((r) => [
    r.name,
    String(r.kb),
    [r.partsKb.sdk, r.partsKb.zod, r.partsKb.catalog, r.partsKb.otherLibraries, r.partsKb.ours].join(' / '),
    String(r.importMs),
    String(r.firstInvokeMs),
    String(r.initMs),
    String(r.warmMs),
    r.outcome,
    r.overBudget.length === 0 ? 'ok' : `OVER: ${r.overBudget.join(', ')}`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** A purchase pending its first approval, which every probe is about. */
async function submitSubject(api: ApiClient): Promise<Subject> {
  const neededBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await api.expectJson<{ id: string }>({
    as: 'ivan.sidorov',
    method: 'POST',
    path: '/requests',
    body: {
      serviceId: 'purchase',
      fields: {
        item: 'Monitors',
        quantity: 2,
        amount: { amount: 40_000, currency: 'RUB' },
        neededBy,
        justification: 'Cold start probe',
      },
    },
    expect: 201,
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const detail = await api.expectJson<{
      round: number;
      status: string;
      approvals: { stage: string; status: string }[];
    }>({
      as: 'ivan.sidorov',
      method: 'GET',
      path: `/requests/${created.id}`,
      expect: 200,
    });
    const first = detail.approvals[0];
    if (first?.status === 'pending')
      return {
        id: created.id,
        round: detail.round,
        stage: first.stage,
        requester: 'ivan.sidorov',
        approver: 'elena.kuznetsova',
        admin: 'olga.smirnova',
      };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`request ${created.id} never reached its first approval`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, profile: { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  console.log('Synthesizing the app with bundling (esbuild, as cdk deploy does)...');
  const bundles = synthBundles();
  liftRateLimit();
  const runtime = await startRuntime({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'portal-cold-'));
  const dynamo = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint });
  try {
    const api = new ApiClient(runtime.url);
    const subject = await submitSubject(api);
    console.log(`Cold starts: ${runs} fresh Node ${process.version} processes per bundle, against the local emulators`);
    const rows: Row[] = [];
    for (const bundle of bundles) {
      const probe = await probeFor(bundle.entry, { api, dynamo, subject });
      const samples: ColdStart[] = [];
      for (let i = 0; i < runs; i++) samples.push(await coldStart(bundle, probe, dir, values.profile && i === 0));
      rows.push(rowOf(bundle, await compositionOf(bundle.entry), samples));
    }
    const floor = await compositionOf(FLOOR_ENTRY);
    const floorKb = round(floor.bytes / 1024, 1);
    console.log(`\n${table(rows)}\n`);
    console.log(
      `Budgets: API bundles <= ${API_BUNDLE_BUDGET_BYTES / 1024} KB minified; init (import + first call, median) ` +
        `<= ${INIT_BUDGET_MS} ms. Bundles: ${relative(PROJECT_ROOT, bundles[0]?.file ?? '')} and siblings.\n` +
        `Floor: a function that only reads one item with the DynamoDB document client (${FLOOR_ENTRY}), ` +
        `same settings: ${floorKb} KB minified, ${round(floor.parts.sdk / 1024, 1)} KB of it the AWS SDK.`,
    );
    const over = rows.filter((r) => r.overBudget.length > 0);
    for (const r of over)
      console.log(`OVER BUDGET: ${r.name} (${r.overBudget.join(', ')}): ${r.kb} KB, init ${r.initMs} ms`);
    const out = join(PROJECT_ROOT, 'test-output', 'bench', 'bundles.json');
    await mkdir(join(PROJECT_ROOT, 'test-output', 'bench'), { recursive: true });
    await writeFile(out, `${JSON.stringify({ node: process.version, runs, rows, floorKb }, null, 2)}\n`);
    console.log(`Written ${relative(PROJECT_ROOT, out)}`);
    return over.length > 0 ? 1 : 0;
  } finally {
    dynamo.destroy();
    await runtime.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
