/**
 * A stream consumer that keeps failing ends in its dead-letter queue, never silently, and the replay
 * reconciles it: on a whole local runtime, the notify consumer fails every invocation until the local
 * event source mapping gives up (the cloud's retry attempts) and writes the dead letter; the e-mails
 * are missing; the letter survives a crash; once the consumer works again, POST
 * /api/dev/dead-letters/replay (the same module as `npm run replay-dead-letters`) sends every e-mail
 * exactly once and leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplaySummary, StreamDeadLetter } from '../../functions/ops/replay-dead-letters';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

const dataDir = mkdtempSync(join(tmpdir(), 'portal-dead-letters-'));
let portal: IsolatedRuntime;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ dataDir, clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(async () => {
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
interface Letter {
  consumer: string;
  message: StreamDeadLetter;
}

const purchase = {
  serviceId: 'purchase',
  fields: {
    item: 'Desk',
    quantity: 1,
    amount: { amount: 250_000, currency: 'RUB' },
    neededBy: '2026-12-20',
    justification: 'Office move',
  },
};

const mailsAbout = async (requestId: string) =>
  ((await portal.call('GET', '/dev/mail')).body.items as Mail[])
    .filter((m) => m.text.includes(requestId))
    .map((m) => `${m.to.join(',')} | ${m.subject}`)
    .sort();
const deadLetters = async (): Promise<Letter[]> => (await portal.call('GET', '/dev/dead-letters')).body.items;
const failNotify = async (times?: number) =>
  expect((await portal.call('POST', '/dev/faults/streams', { consumer: 'notify', times })).status).toBe(200);
async function replay(body: { consumer?: string; dryRun?: boolean } = {}) {
  const response = await portal.call('POST', '/dev/dead-letters/replay', body);
  expect(response.status, response.text).toBe(200);
  return response.body as { reconciled: boolean; summaries: ReplaySummary[] };
}
async function submit() {
  const created = await portal.as('james.wilson', 'POST', '/requests', purchase);
  expect(created.status, created.text).toBe(201);
  // Returns once the stream is drained: here, once the poller gave up on the failing batch.
  await portal.settle();
  return created.body as { id: string; approvals: { approvers: { id: string }[] }[] };
}

describe('dead letters of the stream consumers, end to end', () => {
  it('should know the two readers of the stream by name, notify and history', async () => {
    expect((await replay({ dryRun: true })).summaries.map((s) => s.consumer).sort()).toEqual(['history', 'notify']);
    // The consumers merged into history are gone, from the replay and from the fault injection alike.
    for (const consumer of ['workflows', 'aggregate']) {
      const replayed = await portal.call('POST', '/dev/dead-letters/replay', { consumer, dryRun: true });
      expect(replayed.status, consumer).toBe(400);
      expect((await portal.call('POST', '/dev/faults/streams', { consumer })).status, consumer).toBe(400);
    }
  });

  it('should retry a passing failure without a dead letter', async () => {
    await failNotify(2);
    const { id } = await submit();
    expect(await deadLetters()).toEqual([]);
    expect(await mailsAbout(id)).toHaveLength(2);
  });

  it('should dead-letter a batch notify keeps failing, and replay it into exactly one of each e-mail', async () => {
    await failNotify();
    const created = await submit();

    // Only notify gave up (history handled the same batch); its e-mails are missing.
    const letters = await deadLetters();
    expect(letters.length).toBeGreaterThan(0);
    expect(new Set(letters.map((l) => l.consumer))).toEqual(new Set(['notify']));
    expect(letters[0]?.message).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted' },
      responseContext: { functionError: 'Unhandled' },
      DDBStreamBatchInfo: { streamArn: expect.stringContaining('/stream/'), shardId: expect.any(String) },
    });
    expect(await mailsAbout(created.id)).toEqual([]);
    const workflow = await portal.as('james.wilson', 'GET', `/requests/${created.id}`);
    expect(workflow.body.status).toBe('pending_approval');

    // Replaying while the consumer still fails keeps every message and names the request.
    const failing = await replay({ consumer: 'notify' });
    expect(failing.reconciled).toBe(false);
    expect(failing.summaries[0]?.totals['still-failing']).toBe(letters.length);
    const affected = failing.summaries[0]?.batches.flatMap((b) => b.affected ?? []).map((a) => a.requestId);
    expect(affected).toContain(created.id);
    expect(await deadLetters()).toHaveLength(letters.length);

    // The dead letters are kept with the data; the restarted runtime's notify works again.
    await portal.crashAndRestart();
    expect(await deadLetters()).toEqual(letters);
    const dry = await replay({ dryRun: true });
    expect(dry.reconciled).toBe(true);
    expect(dry.summaries.find((s) => s.consumer === 'notify')?.totals.replayable).toBe(letters.length);
    expect(await deadLetters()).toEqual(letters);
    expect(await mailsAbout(created.id)).toEqual([]);

    const done = await replay();
    expect(done.reconciled).toBe(true);
    expect(done.summaries.find((s) => s.consumer === 'notify')?.totals.replayed).toBe(letters.length);
    expect(await deadLetters()).toEqual([]);
    const people = new Map(
      ((await portal.call('GET', '/dev/users')).body.items as { id: string; email: string }[]).map((u) => [
        u.id,
        u.email,
      ]),
    );
    const manager = people.get(created.approvals[0]?.approvers[0]?.id ?? '');
    const mails = await mailsAbout(created.id);
    expect(mails).toHaveLength(2);
    expect(mails.find((m) => m.startsWith(`${people.get('james.wilson')} | `))).toContain('Request received');
    expect(mails.filter((m) => m.startsWith(`${manager} | `))).toHaveLength(1);

    // Nothing left to do, nothing sent twice, nothing inconsistent.
    expect((await replay()).summaries.flatMap((s) => s.batches)).toEqual([]);
    expect(await mailsAbout(created.id)).toEqual(mails);
    const consistency = await portal.call('GET', '/dev/consistency');
    expect(consistency.body.problems).toEqual([]);
  }, 120_000); // includes a crash and a restart of the whole runtime: tens of seconds on a loaded 2-core machine
});
