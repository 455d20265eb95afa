/**
 * The soak: many logical submissions, each sent 1-3 times with the same Idempotency-Key, retried
 * through injected faults (throttles, lost acknowledgements, crashes after commit) and optionally a
 * kill -9 of the whole runtime half-way; then every request is decided by concurrent clicks of its
 * approver, all with one Idempotency-Key (every answer must be the first one: 200).
 * Returns what the client saw and what the consistency checker found.
 */
import type { ApiClient, ApiResponse } from './client';
import { dateFromToday } from './moments';

export interface SoakOptions {
  logical: number;
  concurrency: number;
  faults: { throttle: number; lostAck: number; crashAfterCommit: number };
  /** Called once when half the submissions are acknowledged (e.g. crash and restart the runtime). */
  halfway?: () => Promise<void>;
  seed?: number;
}

export interface SoakResult {
  acknowledged: number;
  distinctIds: number;
  keysWithTwoIds: number;
  lost: string[];
  decided: number;
  /** Answers other than 200 to a decision retried with its key (none: a retry gets the first answer). */
  refusedDecisions: string[];
  finalStatuses: Record<string, number>;
  consistency: { requests: number; events: number; counts: Record<string, number>; problems: unknown[] };
  duplicateMails: number;
  mails: number;
  /** Stream batches a consumer gave up on (each would need a replay): none, or something was missed. */
  deadLetters: number;
  retries: number;
  /** Faults injected, before and after the restart together. */
  injected: Record<string, number>;
  seconds: number;
}

const REQUESTERS = [
  'ivan.sidorov',
  'james.wilson',
  'polina.zakharova',
  'artem.grigoriev',
  'anna.petrova',
  'sarah.mitchell',
];

/** A tiny deterministic generator, so a failing soak can be replayed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const retryable = (r: ApiResponse | undefined) => !r || r.status >= 500 || r.status === 429;

/** Sends until the portal answers something other than a fault (network error, 5xx, 429). */
async function persist(send: () => Promise<ApiResponse>, counter: { retries: number }): Promise<ApiResponse> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const response = await send().catch(() => undefined);
    if (!retryable(response)) return response as ApiResponse;
    counter.retries++;
    await new Promise((r) => setTimeout(r, 50 + attempt * 50));
  }
  throw new Error('the portal kept failing');
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

export async function runSoak(portal: ApiClient, options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const rnd = random(options.seed ?? 42);
  const counter = { retries: 0 };
  const run = `soak-${Date.now().toString(36)}`;
  const idsByKey = new Map<string, Set<string>>();
  const tokens = new Map(await Promise.all(REQUESTERS.map(async (u) => [u, await portal.tokenFor(u)] as const)));
  const faults = await portal.call('POST', '/dev/faults/sdk', options.faults);
  if (faults.status !== 200) throw new Error(`cannot inject faults: ${faults.text}`);
  let halfwayDone = false;
  let injectedBefore: Record<string, number> = {};
  const logical = Array.from({ length: options.logical }, (_, i) => ({
    key: `${run}-${i}`,
    requester: REQUESTERS[i % REQUESTERS.length] as string,
    copies: 1 + Math.floor(rnd() * 3),
    amount: 1000 + i,
  }));
  await pool(logical, options.concurrency, async (item) => {
    const body = {
      serviceId: 'purchase',
      fields: {
        item: `Soak ${item.key}`,
        quantity: 1,
        amount: { amount: item.amount, currency: 'RUB' },
        neededBy: dateFromToday(30),
        justification: 'soak',
      },
    };
    const send = () =>
      portal.call('POST', '/requests', body, {
        token: tokens.get(item.requester),
        headers: { 'idempotency-key': item.key },
      });
    const answers = await Promise.all(Array.from({ length: item.copies }, () => persist(send, counter)));
    idsByKey.set(item.key, new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id as string)));
    if (!halfwayDone && idsByKey.size >= options.logical / 2 && options.halfway) {
      halfwayDone = true;
      injectedBefore = (await portal.call('GET', '/dev/faults/sdk')).body.counts;
      await options.halfway();
      // A restarted runtime starts without faults: inject them again for the second half.
      await portal.call('POST', '/dev/faults/sdk', options.faults);
    }
  });
  const ids = [...new Set([...idsByKey.values()].flatMap((s) => [...s]))];
  const decided = await decideAll(portal, ids, rnd, counter);
  await portal.call('POST', '/dev/faults/sdk', { throttle: 0, lostAck: 0, crashAfterCommit: 0 });
  // A thousand requests' workflows and e-mails take a while to run dry: settle until they have.
  for (let attempt = 0; ; attempt++) {
    const settled = await portal.settle().then(
      () => true,
      () => attempt >= 10,
    );
    if (settled) break;
  }
  return summarize(portal, { ids, idsByKey, decided, counter, started, injectedBefore });
}

async function decideAll(portal: ApiClient, ids: string[], rnd: () => number, counter: { retries: number }) {
  const decided = { count: 0, refused: [] as string[] };
  const admin = await portal.tokenFor('olga.smirnova');
  await pool(ids, 20, async (id) => {
    const request = (await persist(() => portal.call('GET', `/requests/${id}`, undefined, { token: admin }), counter))
      .body;
    const approver = request.approvals?.[0]?.approvers?.[0]?.id as string | undefined;
    if (!approver) return;
    const token = await portal.tokenFor(approver);
    const decision = rnd() < 0.7 ? { decision: 'approve' } : { decision: 'reject', comment: 'Not now' };
    // Every click (and every retry of one) carries the same key, as a client retrying after a lost
    // answer does: each must get the first answer (200), even when its own click comes second.
    const keyed = { token, headers: { 'idempotency-key': `decide-${id}` } };
    const clicks = 1 + Math.floor(rnd() * 3);
    const answers = await Promise.all(
      Array.from({ length: clicks }, () =>
        persist(() => portal.call('POST', `/requests/${id}/approvals/manager/decision`, decision, keyed), counter),
      ),
    );
    if (answers.every((a) => a.status === 200)) decided.count++;
    else decided.refused.push(...answers.filter((a) => a.status !== 200).map((a) => `${id}: ${a.status} ${a.text}`));
  });
  return decided;
}

async function summarize(
  portal: ApiClient,
  run: {
    ids: string[];
    idsByKey: Map<string, Set<string>>;
    decided: { count: number; refused: string[] };
    counter: { retries: number };
    started: number;
    injectedBefore: Record<string, number>;
  },
): Promise<SoakResult> {
  const admin = await portal.tokenFor('olga.smirnova');
  const finalStatuses: Record<string, number> = {};
  const lost: string[] = [];
  for (const id of run.ids) {
    const detail = await portal.call('GET', `/requests/${id}`, undefined, { token: admin });
    if (detail.status !== 200) lost.push(id);
    else finalStatuses[detail.body.status] = (finalStatuses[detail.body.status] ?? 0) + 1;
  }
  const checked = await portal.call('GET', '/dev/consistency');
  if (checked.status !== 200) throw new Error(`consistency check failed: ${checked.text}`);
  const consistency = checked.body;
  const after: Record<string, number> = (await portal.call('GET', '/dev/faults/sdk')).body.counts;
  const injected = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v + (run.injectedBefore[k] ?? 0)]));
  const mails: { to: string[]; subject: string; text: string }[] = (await portal.call('GET', '/dev/mail')).body.items;
  const deadLetters: unknown[] = (await portal.call('GET', '/dev/dead-letters')).body.items;
  const mailKeys = mails.map((m) => `${m.to.join()}|${m.subject}|${/requests\/(\w+)/.exec(m.text)?.[1] ?? ''}`);
  return {
    acknowledged: [...run.idsByKey.values()].filter((s) => s.size > 0).length,
    distinctIds: run.ids.length,
    keysWithTwoIds: [...run.idsByKey.values()].filter((s) => s.size > 1).length,
    lost,
    decided: run.decided.count,
    refusedDecisions: run.decided.refused,
    finalStatuses,
    consistency,
    duplicateMails: mailKeys.length - new Set(mailKeys).size,
    mails: mails.length,
    deadLetters: deadLetters.length,
    retries: run.counter.retries,
    injected,
    seconds: Math.round((Date.now() - run.started) / 1000),
  };
}
