/**
 * Imported history (local/demo-history.ts: every event marked `data.imported`) is finished history:
 * the history stream consumer (workflow recovery and analytics) starts no execution for it and the
 * notifications consumer sends no e-mail. Both consumers run for real: the local runtime's stream poller hands them every imported
 * event, as Lambda's event source mapping would. A control request written the same way but without the
 * mark shows that they did see that history and act on unmarked events. This file owns an in-process
 * runtime with a frozen clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRequests } from '../../functions/adapters/store/requests';
import { generateDemoHistory, type DemoRequest } from '../../local/demo/generate';
import { startRuntime, type Runtime } from '../../local/runtime';
import { clientFor, type ApiClient } from '../support/client';
import { FRIDAY_5PM } from '../support/moments';

// The imported weeks end at the chosen Friday 17:00 in Moscow.
const NOW = FRIDAY_5PM;
const SEED = { requests: 80, days: 20, seed: 11 };

let runtime: Runtime;
let api: ApiClient;
let imported: DemoRequest[];
let control: DemoRequest;

/** A request waiting for approval: the history consumer starts its lifecycle unless told otherwise. */
const waiting = (d: DemoRequest) => d.request.status === 'pending_approval';

beforeAll(async () => {
  runtime = await startRuntime({ port: 0, clockStart: NOW, clockFrozen: true });
  api = clientFor(runtime.url);
  const { seedDemoHistory } = await import('../../local/demo-history');
  await seedDemoHistory({ ...SEED, now: new Date(NOW) });
  imported = generateDemoHistory({ ...SEED, now: new Date(NOW) });
  const other = generateDemoHistory({ requests: 20, days: 5, seed: 12, now: new Date(NOW) }).find(waiting);
  if (!other) throw new Error('the control seed has no request waiting for approval');
  control = {
    request: other.request,
    history: other.history.map(({ data: { imported: _mark, ...data } = {}, ...event }) => ({ ...event, data })),
  };
  await importRequests([control]);
  // Runs the stream dry: every imported event has been through every consumer.
  await runtime.clock.settle();
}, 300_000);
afterAll(() => runtime?.stop());

const ofRequest = (id: string) => (name: string) => name === id || name.startsWith(`${id}-`);

describe('imported history in the stream consumers', () => {
  it('should start no workflow execution for an imported request, even one waiting for approval', () => {
    expect(imported.filter(waiting).length).toBeGreaterThan(0);
    const names = runtime.stepFunctions.listExecutions().map((e) => e.name);
    for (const { request } of imported) expect(names.filter(ofRequest(request.id)), request.id).toEqual([]);
    // The same history without the mark: the consumer starts its lifecycle (nothing else could have).
    expect(names.filter(ofRequest(control.request.id))).toContain(control.request.id);
  });

  it('should send no e-mail about an imported request', async () => {
    const mails = (await api.call('GET', '/dev/mail')).body.items as { to: string[]; text: string }[];
    for (const { request } of imported)
      expect(mails.filter((m) => m.text.includes(request.id)).length, request.id).toBe(0);
    expect(mails.filter((m) => m.text.includes(control.request.id)).length).toBeGreaterThan(0);
  });
});
