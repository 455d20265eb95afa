/**
 * The request lifecycle state machine (statemachines/request-lifecycle.asl.json) run by the local
 * Step Functions interpreter against DynamoDB Local, driven through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

const START = TUESDAY_10AM;
let portal: IsolatedRuntime;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: START });
}, 90_000);
afterAll(() => portal?.stop());

const purchase = (amount: number) => ({
  serviceId: 'purchase',
  fields: {
    item: 'Laptops for the sales team',
    quantity: 3,
    amount: { amount, currency: 'RUB' },
    neededBy: '2026-12-20',
    justification: 'New hires in January',
  },
});

async function submit(requester: string, body: unknown) {
  const response = await portal.as(requester, 'POST', '/requests', body);
  expect(response.status, response.text).toBe(201);
  await portal.settle();
  return response.body;
}

/** `who` decides on the stage `at` = [requestId, stage]. */
async function decide(
  who: string,
  at: [string, string],
  decision: string,
  options: { comment?: string; expected?: number } = {},
) {
  const [id, stage] = at;
  const { comment, expected = 200 } = options;
  const response = await portal.as(who, 'POST', `/requests/${id}/approvals/${stage}/decision`, { decision, comment });
  expect(response.status, response.text).toBe(expected);
  await portal.settle();
  return response;
}

const detail = async (id: string, as = 'olga.smirnova') => (await portal.as(as, 'GET', `/requests/${id}`)).body;
const types = (request: { history: { type: string }[] }) => request.history.map((e) => e.type);

describe('two-stage approval to assignment', () => {
  it('should go manager -> CFO -> procurement queue, assigned automatically', async () => {
    const preview = await portal.as('ivan.sidorov', 'POST', '/services/purchase/preview', {
      fields: purchase(250_000).fields,
    });
    expect(preview.body.approvals.map((s: { approvers: { id: string }[] }) => s.approvers.map((a) => a.id))).toEqual([
      ['elena.kuznetsova'],
      ['natalia.orlova'],
    ]);
    const created = await submit('ivan.sidorov', purchase(250_000));
    expect(created.status).toBe('pending_approval');
    expect(created.approvals.map((s: { stage: string; status: string }) => [s.stage, s.status])).toEqual([
      ['manager', 'pending'],
      ['finance', 'pending'],
    ]);

    const inbox = await portal.as('elena.kuznetsova', 'GET', '/requests?view=approvals');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(created.id);
    // The CFO is not asked before the manager has approved.
    await decide('natalia.orlova', [created.id, 'finance'], 'approve', { expected: 409 });
    await decide('ivan.sidorov', [created.id, 'manager'], 'approve', { expected: 403 });

    await decide('elena.kuznetsova', [created.id, 'manager'], 'approve', { comment: 'OK' });
    await decide('elena.kuznetsova', [created.id, 'manager'], 'approve', { comment: 'again', expected: 409 });
    expect((await portal.as('elena.kuznetsova', 'GET', '/requests?view=approvals')).body.items).toEqual([]);
    await decide('natalia.orlova', [created.id, 'finance'], 'approve');

    const done = await detail(created.id);
    expect(done.status).toBe('in_progress');
    expect(['andrey.kozlov', 'oliver.bennett', 'victoria.nikolaeva']).toContain(done.assigneeId);
    expect(types(done)).toEqual(['submitted', 'approved', 'approved', 'assigned']);
    expect(done.history.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(done.history[3].data).toMatchObject({ reason: 'auto', strategy: 'least-loaded' });
    expect(done.sla.resolutionDueAt).toEqual(expect.any(String));
  });

  it('should go straight to the queue and be assigned when no approval applies', async () => {
    const created = await submit('ivan.sidorov', {
      serviceId: 'employment-certificate',
      fields: { purpose: 'bank', copies: 1, language: 'ru', delivery: 'email' },
    });
    expect(created.status).toBe('in_progress');
    const done = await detail(created.id);
    expect(done.assigneeId).toEqual(expect.any(String));
    expect(types(done)).toEqual(['submitted', 'assigned']);
  });
});

describe('rejection and return', () => {
  it('should end a rejected request, with the reason required', async () => {
    const created = await submit('ivan.sidorov', purchase(50_000));
    await decide('elena.kuznetsova', [created.id, 'manager'], 'reject', { expected: 400 });
    const rejected = await decide('elena.kuznetsova', [created.id, 'manager'], 'reject', {
      comment: 'Not in this budget',
    });
    expect(rejected.body.status).toBe('rejected');
    expect(types(await detail(created.id))).toEqual(['submitted', 'rejected']);
  });

  it('should send a returned request back, and route it again when resubmitted', async () => {
    const created = await submit('ivan.sidorov', purchase(250_000));
    const returned = await decide('elena.kuznetsova', [created.id, 'manager'], 'return', {
      comment: 'Add the quote, please',
    });
    expect(returned.body.status).toBe('waiting_for_requester');
    const resubmitted = await portal.as('ivan.sidorov', 'POST', `/requests/${created.id}/actions`, {
      type: 'provide_info',
      comment: 'Cheaper model',
      fields: { amount: { amount: 90_000, currency: 'RUB' } },
    });
    expect(resubmitted.status, resubmitted.text).toBe(200);
    expect(resubmitted.body.status).toBe('pending_approval');
    expect(resubmitted.body.approvals.map((s: { stage: string }) => s.stage)).toEqual(['manager']);
    await portal.settle();
    await decide('elena.kuznetsova', [created.id, 'manager'], 'approve');
    const done = await detail(created.id);
    expect(done.status).toBe('in_progress');
    expect(types(done)).toEqual(['submitted', 'returned', 'info_provided', 'approved', 'assigned']);
  });

  it('should stop the workflow when the requester cancels while waiting for approval', async () => {
    const created = await submit('ivan.sidorov', purchase(50_000));
    await portal.as('ivan.sidorov', 'POST', `/requests/${created.id}/actions`, { type: 'cancel' });
    await portal.settle();
    expect((await portal.as('elena.kuznetsova', 'GET', '/requests?view=approvals')).body.items).toEqual([]);
    await decide('elena.kuznetsova', [created.id, 'manager'], 'approve', { expected: 409 });
  });
});

describe('stage modes', () => {
  const contract = (value: number) => ({
    serviceId: 'contract-review',
    fields: {
      counterparty: 'ООО «Ромашка»',
      contractType: 'supply',
      value: { amount: value, currency: 'RUB' },
      comments: 'Annual supply of paper',
    },
  });

  it('should need every approver of an "all" stage', async () => {
    const created = await submit('ivan.sidorov', contract(6_000_000));
    await decide('elena.kuznetsova', [created.id, 'manager'], 'approve');
    const first = await decide('mikhail.egorov', [created.id, 'legal-finance'], 'approve');
    expect(first.body.status).toBe('pending_approval');
    expect(first.body.approvals[1].status).toBe('pending');
    await decide('natalia.orlova', [created.id, 'legal-finance'], 'approve');
    const done = await detail(created.id);
    expect(done.approvals[1].status).toBe('approved');
    // contract-review is assigned by hand: in the queue, nobody yet.
    expect(done).toMatchObject({ status: 'in_progress', assigneeId: null });
  });
});

describe('delegation', () => {
  it('should let a delegate decide pending and new approvals, recorded on behalf of', async () => {
    const before = await submit('ivan.sidorov', purchase(20_000));
    const set = await portal.as('elena.kuznetsova', 'PUT', '/me/delegation', {
      delegateId: 'maxim.sorokin',
      from: '2026-12-01',
      until: '2026-12-31',
    });
    expect(set.status, set.text).toBe(200);
    expect((await portal.as('elena.kuznetsova', 'GET', '/me')).body.delegation).toEqual(set.body);

    const after = await submit('ivan.sidorov', purchase(30_000));
    expect(after.approvals[0].approvers).toEqual([
      expect.objectContaining({ id: 'maxim.sorokin', onBehalfOf: 'elena.kuznetsova' }),
    ]);
    const inbox = await portal.as('maxim.sorokin', 'GET', '/requests?view=approvals');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([before.id, after.id]));

    const decided = await decide('maxim.sorokin', [before.id, 'manager'], 'approve');
    expect(decided.body.approvals[0].approvers[0]).toMatchObject({
      id: 'maxim.sorokin',
      onBehalfOf: 'elena.kuznetsova',
      decision: 'approve',
    });
    await decide('maxim.sorokin', [after.id, 'manager'], 'approve');
    expect((await detail(after.id)).status).toBe('in_progress');
    expect((await portal.as('elena.kuznetsova', 'DELETE', '/me/delegation')).status).toBe(204);
  });

  it('should create the delegation from an approved vacation that names a deputy', async () => {
    const vacation = await submit('dmitry.volkov', {
      serviceId: 'vacation',
      fields: { type: 'annual', period: { from: '2026-12-01', to: '2026-12-14' }, deputy: 'maxim.sorokin' },
    });
    const manager = vacation.approvals[0].approvers[0].id;
    await decide(manager, [vacation.id, 'manager'], 'approve');
    expect((await portal.as('dmitry.volkov', 'GET', '/me')).body.delegation).toEqual({
      delegateId: 'maxim.sorokin',
      from: '2026-12-01',
      until: '2026-12-14',
    });
    // james.wilson reports to dmitry.volkov: his purchase now goes to the deputy.
    const purchaseByJames = await submit('james.wilson', purchase(10_000));
    expect(purchaseByJames.approvals[0].approvers[0]).toMatchObject({
      id: 'maxim.sorokin',
      onBehalfOf: 'dmitry.volkov',
    });
  });
});

describe('approver timeout', () => {
  it('should escalate to the approver manager when the stage deadline passes', async () => {
    const created = await submit('ivan.sidorov', purchase(40_000));
    await portal.advance('P3D');
    const escalated = await detail(created.id);
    expect(types(escalated)).toContain('approval_escalated');
    expect(escalated.approvals[0].approvers.map((a: { id: string }) => a.id)).toEqual([
      'elena.kuznetsova',
      'sergey.morozov',
    ]);
    const inbox = await portal.as('sergey.morozov', 'GET', '/requests?view=approvals');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(created.id);
    await decide('sergey.morozov', [created.id, 'manager'], 'approve');
    expect((await detail(created.id)).status).toBe('in_progress');
  });
});
