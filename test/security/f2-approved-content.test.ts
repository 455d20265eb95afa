/**
 * F2 (High, security review 2026-12): approved content could be rewritten, and one agent could
 * fulfil their own request. The review's reproductions, against a runtime of its own (isolated data,
 * frozen virtual clock on a working morning, so requests are assigned at once).
 *
 * Automatic assignment picks the least-loaded agent, so the tests that check who is (not) given a
 * request first make the person the old code would have picked the least loaded of the team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../support/client';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

const TODAY = '2026-12-01';
const IVAN = 'ivan.sidorov'; // employee; manager elena.kuznetsova
const ELENA = 'elena.kuznetsova';
const NIKITA = 'nikita.lebedev'; // IT agent; manager roman.zaitsev
const ROMAN = 'roman.zaitsev'; // IT lead and agent, approver
const OLGA = 'olga.smirnova'; // IT agent and admin
const IT_AGENTS = [OLGA, NIKITA, ROMAN];
const PAVEL = 'pavel.sokolov'; // finance agent; manager irina.pavlova
const IRINA = 'irina.pavlova'; // finance lead and agent, approver
const YULIA = 'yulia.romanova'; // finance agent

interface HistoryEvent {
  seq: number;
  type: string;
  actorId: string;
  to?: string;
  data?: Record<string, unknown>;
}
interface RequestView {
  id: string;
  status: string;
  version: number;
  requesterId: string;
  assigneeId: string | null;
  fields: Record<string, unknown>;
  approvals: { stage: string; status: string; approvers: { id: string; decision?: string }[] }[];
  history: HistoryEvent[];
}

let portal: IsolatedRuntime;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

// ---- helpers ----------------------------------------------------------------------------------

/** A POST in a chosen language (the messages say why in both). */
async function postIn(locale: 'en' | 'ru', user: string, path: string, body: unknown) {
  return portal.call('POST', path, body, {
    token: await portal.tokenFor(user),
    headers: { 'accept-language': locale },
  });
}

async function submit(user: string, body: unknown): Promise<RequestView> {
  const response = await portal.as(user, 'POST', '/requests', body);
  expect(response.status, response.text).toBe(201);
  await portal.settle();
  return response.body;
}

/** The request as an admin sees it (every event). */
async function detail(id: string): Promise<RequestView> {
  const response = await portal.as(OLGA, 'GET', `/requests/${id}`);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function act(user: string, id: string, body: Record<string, unknown>, expected = 200): Promise<ApiResponse> {
  const response = await postIn('en', user, `/requests/${id}/actions`, body);
  expect(response.status, `${body.type} by ${user}: ${response.text}`).toBe(expected);
  await portal.settle();
  return response;
}

async function approve(user: string, id: string, stage = 'manager') {
  const response = await portal.as(user, 'POST', `/requests/${id}/approvals/${stage}/decision`, {
    decision: 'approve',
  });
  expect(response.status, response.text).toBe(200);
  await portal.settle();
}

/** What a refused call must not move. */
const fingerprint = (r: RequestView) => ({
  status: r.status,
  version: r.version,
  assigneeId: r.assigneeId,
  events: r.history.length,
  fields: r.fields,
});

async function expectRefused(response: ApiResponse, message: RegExp, before: RequestView) {
  expect(response.status, response.text).toBe(403);
  expect(response.body.error.code).toBe('forbidden');
  expect(response.body.error.message).toMatch(message);
  expect(fingerprint(await detail(before.id))).toEqual(fingerprint(before));
}

const access = (system: string, accessLevel: string[]) => ({
  serviceId: 'access-request',
  fields: { system, accessLevel, justification: 'Monthly reports' },
});
const EQUIPMENT = {
  serviceId: 'equipment',
  fields: { item: 'monitor', quantity: 1, justification: 'A second monitor' },
};

/** Open requests of the IT queue, as one of its agents sees them. */
async function itQueue(): Promise<{ id: string; requesterId: string; assigneeId: string | null; status: string }[]> {
  const items = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await portal.as(OLGA, 'GET', `/requests?view=queue&limit=100${suffix}`);
    expect(response.status, response.text).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) break;
  }
  return items.filter((r) => r.status === 'in_progress' || r.status === 'waiting_for_requester');
}

/** Ivan's equipment request, approved by Elena: open IT work for whoever gets it. */
async function itWork(): Promise<RequestView> {
  const created = await submit(IVAN, EQUIPMENT);
  await approve(ELENA, created.id);
  return detail(created.id);
}

/**
 * Makes `target` the least-loaded IT agent (no open work; every colleague some), so the old
 * assignment, blind to who requested and approved, would pick them next.
 */
async function makeLeastLoaded(target: string) {
  const others = IT_AGENTS.filter((a) => a !== target);
  for (const item of await itQueue()) {
    if (item.assigneeId !== target) continue;
    const to = others.find((a) => a !== item.requesterId) as string;
    await act(OLGA, item.id, { type: 'assign', assigneeId: to });
  }
  for (const other of others) {
    const held = (await itQueue()).filter((r) => r.assigneeId === other).length;
    if (held > 0) continue;
    const work = await itWork();
    if (work.assigneeId !== other) await act(OLGA, work.id, { type: 'assign', assigneeId: other });
  }
  const load = await itQueue();
  expect(load.filter((r) => r.assigneeId === target)).toEqual([]);
  for (const other of others)
    expect(
      load.some((r) => r.assigneeId === other),
      other,
    ).toBe(true);
}

const lastEvent = (r: RequestView, type: string) => r.history.filter((e) => e.type === type).at(-1);

// ---- the regressions ----------------------------------------------------------------------------

describe('F2: approved content can be rewritten (provide_info)', () => {
  it('F2: a requester cannot rewrite approved fields through provide_info without a new round', async () => {
    // Ivan's "CRM read for myself", approved by Elena and auto-assigned to an IT agent.
    const created = await submit(IVAN, access('crm', ['read']));
    await approve(ELENA, created.id);
    const queued = await detail(created.id);
    expect(queued.status).toBe('in_progress');
    const agent = queued.assigneeId as string;
    expect(IT_AGENTS).toContain(agent);

    // A clarification the catalog marks editableAfterApproval: no new round.
    await act(agent, created.id, { type: 'request_info', comment: 'Which reports?' });
    const clarified = (
      await act(IVAN, created.id, {
        type: 'provide_info',
        fields: { justification: 'Monthly sales reports for the region' },
      })
    ).body as RequestView;
    expect(clarified.status).toBe('in_progress');
    expect(clarified.approvals.map((s) => [s.stage, s.status])).toEqual([['manager', 'approved']]);

    // The review's rewrite: read+write+approve+admin for olga.smirnova.
    await act(agent, created.id, { type: 'request_info', comment: 'Which module?' });
    const rewritten = (
      await act(IVAN, created.id, {
        type: 'provide_info',
        comment: 'All of it',
        fields: { accessLevel: ['read', 'write', 'approve', 'admin'], forUser: OLGA },
      })
    ).body as RequestView;
    expect(rewritten.status, 'back to approval').toBe('pending_approval');
    expect(rewritten.approvals.map((s) => [s.stage, s.status])).toEqual([['manager', 'pending']]);

    const stored = await detail(created.id);
    expect(lastEvent(stored, 'info_provided')).toMatchObject({
      actorId: IVAN,
      to: 'pending_approval',
      data: {
        changedFields: ['accessLevel', 'forUser'],
        reroutedBecause: 'approved_fields_changed',
        changedApprovedFields: ['accessLevel', 'forUser'],
      },
    });
    // Nobody fulfils what nobody approved.
    await act(agent, created.id, { type: 'resolve', comment: 'Granted' }, 409);

    // The new round is decided like any other, and the request comes back to the queue.
    const approver = stored.approvals[0]?.approvers[0]?.id as string;
    await approve(approver, created.id);
    const again = await detail(created.id);
    expect(again.status).toBe('in_progress');
    expect(again.approvals.map((s) => [s.stage, s.status])).toEqual([['manager', 'approved']]);
    expect(again.fields).toMatchObject({ accessLevel: ['read', 'write', 'approve', 'admin'], forUser: OLGA });
  });
});

describe('F2: segregation of duties in fulfilment', () => {
  it('F2: an agent cannot take, be auto-assigned or resolve their own request', async () => {
    await makeLeastLoaded(NIKITA);
    // The review's one-person path: Nikita's "Jira read", approved by his manager.
    const created = await submit(NIKITA, access('jira', ['read']));
    await approve(ROMAN, created.id);
    const queued = await detail(created.id);
    expect(queued.status).toBe('in_progress');
    expect(queued.assigneeId, 'not given to its own requester, though the least loaded').not.toBe(NIKITA);
    expect(queued.assigneeId).toEqual(expect.any(String));
    expect(lastEvent(queued, 'assigned')?.data?.skipped).toEqual(
      expect.arrayContaining([{ id: NIKITA, reason: 'requester' }]),
    );

    await expectRefused(
      await postIn('en', NIKITA, `/requests/${created.id}/actions`, { type: 'take' }),
      /cannot take your own request/,
      queued,
    );
    await expectRefused(
      await postIn('ru', NIKITA, `/requests/${created.id}/actions`, { type: 'take' }),
      /Нельзя взять в работу собственную заявку/,
      queued,
    );
    // Nor assign it to himself, which would be a take by another name.
    await expectRefused(
      await postIn('en', NIKITA, `/requests/${created.id}/actions`, { type: 'assign', assigneeId: NIKITA }),
      /cannot take your own request/,
      queued,
    );

    // Even when a colleague hands it to him, he cannot resolve it (the review: "resolved as admin").
    await act(OLGA, created.id, { type: 'assign', assigneeId: NIKITA, comment: 'Yours' });
    const his = await detail(created.id);
    expect(his.assigneeId).toBe(NIKITA);
    await expectRefused(
      await postIn('en', NIKITA, `/requests/${created.id}/actions`, { type: 'resolve', comment: 'Done' }),
      /cannot resolve your own request/,
      his,
    );
    await expectRefused(
      await postIn('ru', NIKITA, `/requests/${created.id}/actions`, { type: 'resolve', comment: 'Готово' }),
      /Нельзя решить собственную заявку/,
      his,
    );
    // What he may do is hand it to a colleague, who resolves it.
    await act(NIKITA, created.id, { type: 'assign', assigneeId: OLGA });
    await act(OLGA, created.id, { type: 'resolve', comment: 'Granted: Jira read' });
    expect((await detail(created.id)).status).toBe('resolved');
  });

  it('F2: request_info is refused when the assignee is the requester', async () => {
    await makeLeastLoaded(NIKITA);
    const created = await submit(NIKITA, EQUIPMENT);
    await approve(ROMAN, created.id);
    const queued = await detail(created.id);
    if (queued.assigneeId !== NIKITA) await act(OLGA, created.id, { type: 'assign', assigneeId: NIKITA });
    const his = await detail(created.id);
    expect(his.assigneeId).toBe(NIKITA);

    // The review: take, request_info (to himself), provide_info (admin), resolve.
    await expectRefused(
      await postIn('en', NIKITA, `/requests/${created.id}/actions`, {
        type: 'request_info',
        comment: 'Which model?',
      }),
      /cannot ask for information on your own request/,
      his,
    );
    await expectRefused(
      await postIn('ru', NIKITA, `/requests/${created.id}/actions`, {
        type: 'request_info',
        comment: 'Какая модель?',
      }),
      /Нельзя запросить информацию по собственной заявке/,
      his,
    );
    // A colleague who holds it may ask him.
    await act(NIKITA, created.id, { type: 'assign', assigneeId: OLGA });
    await act(OLGA, created.id, { type: 'request_info', comment: 'Which model?' });
    expect((await detail(created.id)).status).toBe('waiting_for_requester');
  });

  it('F2: the approver of an access request is not auto-assigned to fulfil it', async () => {
    // The case seen: an IT agent's access request, approved by a colleague (his manager, also an IT
    // agent), then auto-assigned to that same colleague.
    await makeLeastLoaded(ROMAN);
    const created = await submit(NIKITA, access('vpn', ['read']));
    await approve(ROMAN, created.id);
    const queued = await detail(created.id);
    expect(queued.status).toBe('in_progress');
    expect(queued.assigneeId, 'neither the approver nor the requester').toBe(OLGA);
    expect(lastEvent(queued, 'assigned')).toMatchObject({
      actorId: 'system',
      data: {
        assigneeId: OLGA,
        reason: 'auto',
        skipped: expect.arrayContaining([
          { id: NIKITA, reason: 'requester' },
          { id: ROMAN, reason: 'approver' },
        ]),
      },
    });
  });

  it('F2: a payment whose requester and approver leave nobody else in finance waits unassigned in the queue', async () => {
    // Yulia, the third finance agent, is on sick leave today.
    const sick = await submit(YULIA, {
      serviceId: 'sick-leave',
      fields: { reason: 'own-illness', period: { from: TODAY, to: '2026-12-04' }, certificateWillFollow: true },
    });
    expect((await detail(sick.id)).status).toBe('in_progress');

    const created = await submit(PAVEL, {
      serviceId: 'payment-request',
      fields: {
        counterparty: 'OOO Romashka',
        inn: '7701234567',
        invoiceNumber: 'INV-1 of 2026-11-30',
        amount: { amount: 50_000, currency: 'RUB' },
        dueDate: '2026-12-10',
        purpose: 'Office supplies',
      },
    });
    await approve(IRINA, created.id);
    const queued = await detail(created.id);
    expect(queued.status).toBe('in_progress');
    expect(queued.assigneeId, 'neither the requester nor the approver').toBeNull();
    expect(lastEvent(queued, 'status_changed')).toMatchObject({
      actorId: 'system',
      to: 'in_progress',
      data: {
        reason: 'nobody_available',
        excluded: expect.arrayContaining([
          { id: PAVEL, reason: 'requester' },
          { id: IRINA, reason: 'approver' },
        ]),
      },
    });
    const queue = await portal.as(YULIA, 'GET', '/requests?view=queue&limit=100');
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(created.id);
    // And the requester still cannot take it himself.
    await expectRefused(
      await postIn('en', PAVEL, `/requests/${created.id}/actions`, { type: 'take' }),
      /cannot take your own request/,
      queued,
    );
  });
});
