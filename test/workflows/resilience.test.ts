/**
 * The real definitions under trouble: tasks that fail and recover, tasks that fail for good, and
 * approvers who all click at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

let portal: IsolatedRuntime;
beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

const certificate = {
  serviceId: 'employment-certificate',
  fields: { purpose: 'visa', copies: 1, language: 'en', delivery: 'pickup' },
};
const detail = async (id: string) => (await portal.as('olga.smirnova', 'GET', `/requests/${id}`)).body;
const injectFault = (task: string, times: number, error: string) =>
  portal.call('POST', '/dev/faults', { task, times, error });

describe('task failures', () => {
  it('should retry a task that fails transiently and then succeeds', async () => {
    await injectFault('assign', 2, 'TransientError');
    const created = await portal.as('ivan.sidorov', 'POST', '/requests', certificate);
    await portal.settle();
    const request = await detail(created.body.id);
    expect(request.assigneeId).toEqual(expect.any(String));
    expect(request.history.map((e: { type: string }) => e.type)).toEqual(['submitted', 'assigned']);
  });

  it('should record a task that fails for good in the history instead of hanging', async () => {
    await injectFault('assign', 100, 'Boom');
    const created = await portal.as('ivan.sidorov', 'POST', '/requests', certificate);
    await portal.settle();
    const request = await detail(created.body.id);
    const failure = request.history.find((e: { type: string }) => e.type === 'workflow_failed');
    expect(failure).toMatchObject({ internal: true, data: { workflow: 'lifecycle', error: 'Boom' } });
    // The requester does not see internal failures; the team does.
    const forRequester = (await portal.as('ivan.sidorov', 'GET', `/requests/${created.body.id}`)).body;
    expect(forRequester.history.some((e: { type: string }) => e.type === 'workflow_failed')).toBe(false);
    await injectFault('assign', 0, 'Boom');
  });
});

describe('concurrent decisions', () => {
  it('should record one decision per approver and advance the workflow once under 50 concurrent clicks', async () => {
    const created = await portal.as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'contract-review',
      fields: {
        counterparty: 'ООО «Вектор»',
        contractType: 'services',
        value: { amount: 7_000_000, currency: 'RUB' },
        comments: 'Audit',
      },
    });
    const id = created.body.id;
    await portal.settle();
    await portal.as('elena.kuznetsova', 'POST', `/requests/${id}/approvals/manager/decision`, { decision: 'approve' });
    await portal.settle();
    const clicks = Array.from({ length: 50 }, (_, i) =>
      portal.as(
        i % 2 ? 'mikhail.egorov' : 'natalia.orlova',
        'POST',
        `/requests/${id}/approvals/legal-finance/decision`,
        { decision: 'approve' },
      ),
    );
    const answers = await Promise.all(clicks);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    await portal.settle();
    const request = await detail(id);
    const decisions = request.history.filter((e: { type: string }) => e.type === 'approved');
    expect(decisions.map((e: { actorId: string }) => e.actorId).sort()).toEqual([
      'elena.kuznetsova',
      'mikhail.egorov',
      'natalia.orlova',
    ]);
    // One advance: the request entered the queue exactly once.
    expect(request.history.filter((e: { to?: string }) => e.to === 'in_progress')).toHaveLength(1);
    expect(request.status).toBe('in_progress');
    expect(request.history.map((e: { seq: number }) => e.seq)).toEqual(
      request.history.map((_: unknown, i: number) => i + 1),
    );
  });
});
