/**
 * The route preview while the form is still empty, its per-stage "by when", the completion date it
 * promises and the same date on the request after submitting (issue 15); no comments on a closed
 * request. The clock stands still at Tuesday 10:00 in Moscow, so every date is a calendar fact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

let portal: IsolatedRuntime;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

const IVAN = 'ivan.sidorov';
const purchase = (amount: number) => ({
  item: 'Laptops for the sales team',
  quantity: 3,
  amount: { amount, currency: 'RUB' },
  neededBy: '2026-12-20',
  justification: 'New hires in January',
});

interface PreviewStage {
  stage: string;
  status: string;
  approvers: { id: string }[];
  dueAt?: string;
  condition?: string;
}

async function preview(fields: Record<string, unknown>) {
  const response = await portal.as(IVAN, 'POST', '/services/purchase/preview', { fields });
  expect(response.status, response.text).toBe(200);
  return response.body as { approvals: PreviewStage[]; dueAt: string };
}

/** Manager 16 h, CFO 16 h, then 40 h of work, from Tuesday 1 December 2026, 10:00 MSK. */
const THURSDAY_10AM = '2026-12-03T07:00:00.000Z';
const MONDAY_10AM = '2026-12-07T07:00:00.000Z';
const NEXT_MONDAY_10AM = '2026-12-14T07:00:00.000Z';

describe('the route preview of a form being filled', () => {
  it('should show the manager stage before any field is filled, the stages on the amount with their condition', async () => {
    const route = await preview({});
    const [manager, finance, ceo] = route.approvals;
    expect(manager).toMatchObject({ stage: 'manager', status: 'pending', dueAt: THURSDAY_10AM });
    expect(manager?.approvers.map((a) => a.id)).toEqual(['elena.kuznetsova']);
    expect(manager?.condition).toBeUndefined();
    expect(finance).toMatchObject({ stage: 'finance', dueAt: MONDAY_10AM });
    expect(finance?.condition).toMatch(/100[\s\u00a0\u202f,]000/);
    expect(ceo?.condition).toMatch(/1[\s\u00a0\u202f,]000[\s\u00a0\u202f,]000/);
    // At the latest: as if the CFO (16 h) and the CEO (24 h) both had to approve.
    expect(route.dueAt).toBe('2026-12-17T07:00:00.000Z');
  });

  it('should ignore a value that does not pass and settle the stages once the amount is known', async () => {
    const invalid = await preview({ amount: { amount: -5, currency: 'RUB' }, quantity: 'three' });
    expect(invalid.approvals.filter((s) => s.condition).map((s) => s.stage)).toEqual(['finance', 'ceo']);
    const route = await preview(purchase(250_000));
    expect(route.approvals.map((s) => [s.stage, s.dueAt, s.condition])).toEqual([
      ['manager', THURSDAY_10AM, undefined],
      ['finance', MONDAY_10AM, undefined],
    ]);
    expect(route.dueAt).toBe(NEXT_MONDAY_10AM);
  });
});

describe('the promised date on the request', () => {
  let id = '';

  it('should keep the preview’s date after submitting, until the SLA clock starts', async () => {
    const created = await portal.as(IVAN, 'POST', '/requests', { serviceId: 'purchase', fields: purchase(250_000) });
    expect(created.status, created.text).toBe(201);
    id = created.body.id;
    await portal.settle();
    const request = await portal.as(IVAN, 'GET', `/requests/${id}`);
    expect(request.body.sla.resolutionDueAt).toBeNull();
    expect(request.body.expectedDoneAt).toBe(NEXT_MONDAY_10AM);
  });

  it('should move the date with the stages and hand over to the SLA deadline once approved', async () => {
    for (const [who, stage] of [
      ['elena.kuznetsova', 'manager'],
      ['natalia.orlova', 'finance'],
    ] as const) {
      const decided = await portal.as(who, 'POST', `/requests/${id}/approvals/${stage}/decision`, {
        decision: 'approve',
      });
      expect(decided.status, decided.text).toBe(200);
      await portal.settle();
      if (stage === 'manager') {
        // The CFO's stage starts now (Tuesday 10:00), due Thursday 10:00; 40 h of work after that.
        const request = await portal.as(IVAN, 'GET', `/requests/${id}`);
        expect(request.body.expectedDoneAt).toBe('2026-12-10T07:00:00.000Z');
      }
    }
    const request = await portal.as(IVAN, 'GET', `/requests/${id}`);
    expect(request.body.status).toBe('in_progress');
    expect(request.body.expectedDoneAt).toBeNull();
    expect(request.body.sla.resolutionDueAt).toBe('2026-12-08T07:00:00.000Z');
  });

  it('should take no comment once the requester has closed it', async () => {
    const request = await portal.as(IVAN, 'GET', `/requests/${id}`);
    const agent = request.body.assigneeId as string;
    const resolved = await portal.as(agent, 'POST', `/requests/${id}/actions`, {
      type: 'resolve',
      comment: 'Ordered',
    });
    expect(resolved.status, resolved.text).toBe(200);
    await portal.settle();
    const closed = await portal.as(IVAN, 'POST', `/requests/${id}/actions`, { type: 'close' });
    expect(closed.status, closed.text).toBe(200);
    for (const who of [IVAN, agent]) {
      const comment = await portal.as(who, 'POST', `/requests/${id}/comments`, { text: 'One more thing' });
      expect(comment.status, comment.text).toBe(409);
      expect(comment.body.error.message).toMatch(/new request|новую заявку/);
    }
  });
});
