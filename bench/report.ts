/** The benchmark's console table and its JSON file. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { READ_COMMANDS } from './dynamo-meter';
import type { OperationResult } from './runner';
import { round } from './stats';

const fmt = (value: number, digits = 2) => (Number.isInteger(value) ? String(value) : value.toFixed(digits));

/** `1 GetItem + 1 TransactWriteItems`, reads first; `-` when no call was made. */
export function breakdown(byCommand: Record<string, number>): string {
  const names = Object.keys(byCommand).sort((a, b) => {
    const rank = (name: string) => (READ_COMMANDS.has(name) ? 0 : name === 'TransactWriteItems' ? 1 : 2);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  if (names.length === 0) return '-';
  return names.map((name) => `${fmt(byCommand[name] ?? 0)} ${name}`).join(' + ');
}

function budgetCell(result: OperationResult): string {
  if (result.failures > 0) return `FAILED (${result.failures} bad answers)`;
  if (result.budget.ok) return 'OK';
  return `OVER: ${Object.keys(result.budget.reasons).join(', ')}`;
}

const HEADER = [
  'operation',
  'n',
  'p50 ms',
  'p99 ms',
  'calls/op',
  'DynamoDB calls per op',
  'RCU/op',
  'WCU/op',
  'background calls/op',
  'budget',
];
const NUMERIC = new Set([1, 2, 3, 4, 6, 7, 8]);

function rowOf(result: OperationResult): string[] {
  const { dynamo, latencyMs } = result;
  return [
    result.name,
    String(result.n),
    latencyMs.p50.toFixed(2),
    latencyMs.p99.toFixed(2),
    fmt(dynamo.callsPerOp),
    breakdown(dynamo.byCommand),
    fmt(round(dynamo.rcuPerOp, 2)),
    fmt(round(dynamo.wcuPerOp, 2)),
    fmt(round(result.background.callsPerOp, 2)),
    budgetCell(result),
  ];
}

/** A Markdown-style table with aligned columns. */
export function formatTable(results: readonly OperationResult[]): string {
  const rows = [HEADER, ...results.map(rowOf)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (NUMERIC.has(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(HEADER), rule, ...rows.slice(1).map(line)].join('\n');
}

/** One line per operation over budget (empty when all are within it). */
export function overBudgetLines(results: readonly OperationResult[]): string[] {
  return results
    .filter((r) => !r.budget.ok)
    .map(
      (r) =>
        `OVER BUDGET: ${r.name}: ${breakdown(r.dynamo.byCommand)} per op` +
        (r.dynamo.errors > 0 ? ` (failed: ${breakdown(r.dynamo.failedByCommand)})` : '') +
        `; budget "${r.budget.rule}" ` +
        `(${r.budget.overIterations}/${r.n} iterations: ${Object.keys(r.budget.reasons).join(', ')})`,
    );
}

export interface RunMeta {
  startedAt: string;
  iterations: number;
  warmup: number;
  node: string;
  platform: string;
  cpus: number;
  dynamoDb: string;
  durationS: number;
}

export async function writeJson(path: string, meta: RunMeta, results: readonly OperationResult[]) {
  await mkdir(dirname(path), { recursive: true });
  const operations = results.map((r) => ({
    ...r,
    latencyMs: Object.fromEntries(Object.entries(r.latencyMs).map(([k, v]) => [k, k === 'n' ? v : round(v, 3)])),
    dynamo: { ...r.dynamo, breakdown: breakdown(r.dynamo.byCommand) },
    background: { ...r.background, breakdown: breakdown(r.background.byCommand) },
  }));
  await writeFile(path, `${JSON.stringify({ ...meta, operations }, null, 2)}\n`);
}
