/**
 * Imports a realistic quarter of history (local/demo/generate.ts) into the running portal, fast:
 * the store writes the requests, their histories and approval inbox entries in batches, then the
 * events are counted into the analytics by the same code as the stream consumer uses
 * (functions/usecases/aggregate-history.ts `countImported`: the same units, merged and added in
 * transactions of 100 aggregates). Every imported event carries `data.imported`: the stream
 * delivers them too, but the history consumer (workflows and analytics) and the notifications skip them, so they are
 * counted once and never mailed. Imported open requests have no running SLA timer.
 */
import { clock } from '../functions/adapters/clock';
import { addImported } from '../functions/adapters/store/aggregates';
import { importRequests } from '../functions/adapters/store/requests';
import { countImported } from '../functions/usecases/aggregate-history';
import { catalog } from '../functions/usecases/catalog';
import { generateDemoHistory, type DemoOptions } from './demo/generate';

export type SeedOptions = Partial<DemoOptions>;

export const DEMO_DEFAULTS = { requests: 2500, days: 90, seed: 20_261_126 } as const;

export interface SeedSummary {
  requests: number;
  events: number;
  from: string;
  to: string;
  ms: number;
  /** Where the time went: generating, writing the history, counting it. */
  phasesMs: { generate: number; write: number; count: number };
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
  const generated = Date.now();
  await importRequests(demo);
  const written = Date.now();
  await countImported(
    { aggregates: { addImported }, directory: catalog },
    new Map(demo.map((d) => [d.request.id, d.history])),
  );
  return {
    requests: demo.length,
    events: demo.reduce((sum, d) => sum + d.history.length, 0),
    from: demo[0]?.request.createdAt ?? now.toISOString(),
    to: now.toISOString(),
    ms: Date.now() - started,
    phasesMs: { generate: generated - started, write: written - generated, count: Date.now() - written },
  };
}
