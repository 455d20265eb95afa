import { describe, expect, it } from 'vitest';
import { as, call, tokenFor } from '../support/api';
import { act, submitCertificate } from '../support/requests';

const REQUESTER = 'ivan.sidorov';
const AGENT = 'maria.ivanova'; // HR
const OTHER_AGENT = 'ekaterina.fedorova'; // HR too
const STATUSES_AFTER: Record<string, (id: string) => Promise<void>> = {
  in_progress: async () => undefined,
  waiting_for_requester: async (id) => void (await act(AGENT, id, { type: 'request_info', comment: 'Which bank?' })),
  resolved: async (id) => void (await act(AGENT, id, { type: 'resolve', comment: 'Done' })),
  closed: async (id) => {
    await act(AGENT, id, { type: 'resolve', comment: 'Done' });
    await act(REQUESTER, id, { type: 'close' });
  },
  cancelled: async (id) => void (await act(REQUESTER, id, { type: 'cancel' })),
};

async function inStatus(status: string) {
  const id = await submitCertificate({ takenBy: AGENT });
  await STATUSES_AFTER[status]?.(id);
  return id;
}

describe('actions: who may act, and when', () => {
  const allowed: [string, string, Record<string, unknown>, string][] = [
    ['take', 'in_progress', { type: 'take' }, OTHER_AGENT],
    ['assign', 'in_progress', { type: 'assign', assigneeId: OTHER_AGENT }, AGENT],
    ['request_info', 'in_progress', { type: 'request_info', comment: 'Which bank?' }, AGENT],
    ['provide_info', 'waiting_for_requester', { type: 'provide_info', comment: 'Sber' }, REQUESTER],
    ['resolve', 'in_progress', { type: 'resolve', comment: 'Sent' }, AGENT],
    ['reopen', 'resolved', { type: 'reopen', comment: 'Wrong copy count' }, REQUESTER],
    ['close', 'resolved', { type: 'close' }, REQUESTER],
    ['cancel', 'in_progress', { type: 'cancel' }, REQUESTER],
  ];

  it.each(allowed)('should allow %s in %s for the right person', async (_name, status, body, who) => {
    const id = await inStatus(status);
    const response = await act(who, id, body);
    expect(response.body.version).toBeGreaterThan(1);
  });

  const forbidden: [string, string, Record<string, unknown>, string][] = [
    ['take by the requester', 'in_progress', { type: 'take' }, REQUESTER],
    ['assign by the requester', 'in_progress', { type: 'assign', assigneeId: AGENT }, REQUESTER],
    [
      'request_info by a team agent who is not the assignee',
      'in_progress',
      { type: 'request_info', comment: 'x' },
      OTHER_AGENT,
    ],
    ['provide_info by the agent', 'waiting_for_requester', { type: 'provide_info' }, AGENT],
    ['resolve by the requester', 'in_progress', { type: 'resolve', comment: 'x' }, REQUESTER],
    ['resolve by a team agent who is not the assignee', 'in_progress', { type: 'resolve', comment: 'x' }, OTHER_AGENT],
    ['reopen by the agent', 'resolved', { type: 'reopen' }, AGENT],
    ['close by the agent', 'resolved', { type: 'close' }, AGENT],
    ['cancel by the agent', 'in_progress', { type: 'cancel' }, AGENT],
  ];

  it.each(forbidden)('should answer 403 to %s', async (_name, status, body, who) => {
    const id = await inStatus(status);
    const response = await act(who, id, body, 403);
    expect(response.body.error.code).toBe('forbidden');
  });

  const wrongStatus: [string, string, Record<string, unknown>, string][] = [
    ['take a closed request', 'closed', { type: 'take' }, OTHER_AGENT],
    ['assign a resolved request', 'resolved', { type: 'assign', assigneeId: OTHER_AGENT }, AGENT],
    ['request_info while already waiting', 'waiting_for_requester', { type: 'request_info', comment: 'x' }, AGENT],
    ['provide_info when nothing was asked', 'in_progress', { type: 'provide_info' }, REQUESTER],
    ['resolve a cancelled request', 'cancelled', { type: 'resolve', comment: 'x' }, AGENT],
    ['reopen an open request', 'in_progress', { type: 'reopen' }, REQUESTER],
    ['close an open request', 'in_progress', { type: 'close' }, REQUESTER],
    ['cancel a resolved request', 'resolved', { type: 'cancel' }, REQUESTER],
    ['cancel a closed request', 'closed', { type: 'cancel' }, REQUESTER],
  ];

  it.each(wrongStatus)('should answer 409 to %s', async (_name, status, body, who) => {
    const id = await inStatus(status);
    const response = await act(who, id, body, 409);
    expect(response.body.error.code).toBe('conflict');
  });

  it('should require a comment to resolve and to ask for information', async () => {
    const id = await inStatus('in_progress');
    const resolve = await act(AGENT, id, { type: 'resolve' }, 400);
    expect(resolve.body.error.details).toEqual([expect.objectContaining({ path: 'comment' })]);
    await act(AGENT, id, { type: 'request_info', comment: '   ' }, 400);
  });

  it('should only assign to an agent of the request team, naming assigneeId', async () => {
    const id = await inStatus('in_progress');
    const response = await act(AGENT, id, { type: 'assign', assigneeId: 'nikita.lebedev' }, 400);
    expect(response.body.error.details[0].path).toBe('assigneeId');
  });

  it('should validate fields updated with provide_info', async () => {
    const id = await inStatus('waiting_for_requester');
    const bad = await act(REQUESTER, id, { type: 'provide_info', fields: { copies: 99 } }, 400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'fields.copies' })]);
    const good = await act(REQUESTER, id, { type: 'provide_info', fields: { copies: 5 } });
    expect(good.body.fields.copies).toBe(5);
  });
});

describe('optimistic concurrency', () => {
  it('should answer 409 to a stale version and accept the current one', async () => {
    const id = await submitCertificate({ takenBy: AGENT });
    const { version } = (await as(AGENT, 'GET', `/requests/${id}`)).body;
    const asked = await act(AGENT, id, { type: 'request_info', comment: 'Which bank?', version });
    expect(asked.body.version).toBe(version + 1);
    const stale = await act(AGENT, id, { type: 'resolve', comment: 'x', version }, 409);
    expect(stale.body.error.details[0].path).toBe('version');
    await act(AGENT, id, { type: 'resolve', comment: 'x', version: version + 1 });
  });

  it('should apply concurrent comments and actions without losing any, history contiguous', async () => {
    const id = await submitCertificate({ takenBy: AGENT });
    const writes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => as(REQUESTER, 'POST', `/requests/${id}/comments`, { text: `note ${i}` })),
    );
    const accepted = writes.filter((w) => w.status === 201).length;
    expect(writes.every((w) => w.status === 201 || w.status === 409)).toBe(true);
    const detail = await as(AGENT, 'GET', `/requests/${id}`);
    const seqs = detail.body.history.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(detail.body.history.filter((e: { type: string }) => e.type === 'comment')).toHaveLength(accepted);
  });
});

describe('a retried action (same Idempotency-Key) after a lost answer', () => {
  const keyed = async (who: string, id: string, body: unknown, key: string) =>
    call('POST', `/requests/${id}/actions`, body, { token: await tokenFor(who), headers: { 'idempotency-key': key } });
  const RESOLVE = { type: 'resolve', comment: 'Sent' };

  it('should replay the first answer, not refuse the action the first call already made', async () => {
    const id = await inStatus('in_progress');
    const first = await keyed(AGENT, id, RESOLVE, `resolve-${id}`);
    expect(first.status, first.text).toBe(200);
    const retry = await keyed(AGENT, id, RESOLVE, `resolve-${id}`);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toMatchObject({ id, status: 'resolved', version: first.body.version });
    const detail = await as(AGENT, 'GET', `/requests/${id}`);
    expect(detail.body.history.filter((e: { type: string }) => e.type === 'resolved')).toHaveLength(1);
  });

  it('should still refuse the same action under a new key (409)', async () => {
    const id = await inStatus('resolved');
    const again = await keyed(AGENT, id, RESOLVE, `new-${id}`);
    expect(again.status, again.text).toBe(409);
  });
});
