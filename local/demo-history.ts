/**
 * Imports a realistic quarter of history (local/demo/generate.ts) into the running portal, fast:
 * each request is written by the store in one transaction (the request item, its whole history and
 * its approval inbox entries),
 * and counted into the analytics through the same code as the stream consumer
 * (functions/usecases/aggregate-history.ts), group by group right after it is written. The stream
 * delivers these events too; their marks make the consumer skip them, and notifications ignore
 * imported events (`data.imported`). Imported open requests have no running workflow or SLA timer.
 */
import { clock } from '../functions/adapters/clock';
import { importRequest } from '../functions/adapters/store/requests';
import { aggregateHistories } from '../functions/usecases/aggregate-history';
import { inboxChanges } from '../functions/usecases/commit';
import { generateDemoHistory, type DemoOptions, type DemoRequest } from './demo/generate';

export interface SeedOptions extends Partial<DemoOptions> {
  /** Count the imported events here (default), or leave it all to the stream consumer. */
  aggregate?: boolean;
}

export const DEMO_DEFAULTS = { requests: 3000, days: 90, seed: 20_261_126 } as const;

const GROUP = 100;
const WRITERS = 8;
/** One transaction per request: the request, its history and its approval inbox entries. */
const writeRequest = ({ request, history }: DemoRequest) =>
  importRequest(request, history, { effects: inboxChanges(undefined, request) });

async function inParallel<T>(items: readonly T[], workers: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}

export interface SeedSummary {
  requests: number;
  events: number;
  from: string;
  to: string;
  ms: number;
}

export async function seedDemoHistory(options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const now = options.now ?? clock.now();
  const demo = generateDemoHistory({
    requests: options.requests ?? DEMO_DEFAULTS.requests,
    days: options.days ?? DEMO_DEFAULTS.days,
    seed: options.seed ?? DEMO_DEFAULTS.seed,
    now,
  });
  for (let i = 0; i < demo.length; i += GROUP) {
    const group = demo.slice(i, i + GROUP);
    await inParallel(group, WRITERS, writeRequest);
    if (options.aggregate !== false) await aggregateHistories(new Map(group.map((d) => [d.request.id, d.history])));
  }
  return {
    requests: demo.length,
    events: demo.reduce((sum, d) => sum + d.history.length, 0),
    from: demo[0]?.request.createdAt ?? now.toISOString(),
    to: now.toISOString(),
    ms: Date.now() - started,
  };
}
