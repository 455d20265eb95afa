/**
 * Overdue approvals through the lifecycle workflow: each inbox follows its request after an
 * escalation (B3), and an approval nobody is left to escalate to stays overdue, says so once and
 * alerts the administrators once, without the workflow spinning (B4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

let portal: IsolatedRuntime;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

interface Stage {
  stage: string;
  dueAt: string;
  overdueSince?: string;
  escalationExhaustedAt?: string;
  approvers: { id: string; name: string; escalation?: boolean }[];
}
interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const vacation = {
  serviceId: 'vacation',
  fields: { type: 'annual', period: { from: '2027-06-07', to: '2027-06-11' } },
};

async function submit(requester: string, body: unknown) {
  const response = await portal.as(requester, 'POST', '/requests', body);
  expect(response.status, response.text).toBe(201);
  await portal.settle();
  return response.body as { id: string; approvals: Stage[] };
}

const detail = async (id: string, as = 'olga.smirnova') => (await portal.as(as, 'GET', `/requests/${id}`)).body;
const historyOf = async (id: string) =>
  (await detail(id)).history as { type: string; data?: Record<string, unknown> }[];
/** The request as `approver`'s inbox lists it. */
async function inboxEntry(approver: string, id: string) {
  const inbox = await portal.as(approver, 'GET', '/requests?view=approvals');
  return (inbox.body.items as { id: string; version: number; approvals: Stage[] }[]).find((r) => r.id === id);
}
const mailsTo = async (email: string, about: string) =>
  ((await portal.call('GET', '/dev/mail')).body.items as Mail[]).filter(
    (m) => m.to.includes(email) && m.text.includes(about),
  );

describe('an escalated approval in every inbox', () => {
  it('should show each approver the same stage, deadline and approvers as the request', async () => {
    const created = await submit('daria.mikhailova', vacation);
    const firstDue = created.approvals[0]?.dueAt ?? '';
    await portal.advance('P3D');
    const request = await detail(created.id);
    expect(request.approvals[0].approvers.map((a: { id: string }) => a.id)).toEqual([
      'elena.kuznetsova',
      'sergey.morozov',
    ]);
    expect(request.approvals[0]).toMatchObject({ overdueSince: firstDue });
    expect(request.approvals[0].dueAt > firstDue).toBe(true);
    for (const approver of ['elena.kuznetsova', 'sergey.morozov']) {
      const entry = await inboxEntry(approver, created.id);
      expect(entry?.version, approver).toBe(request.version);
      expect(entry?.approvals, approver).toEqual(request.approvals);
    }
    const escalated = (await historyOf(created.id)).filter((e) => e.type === 'approval_escalated');
    expect(escalated.map((e) => e.data)).toEqual([
      expect.objectContaining({ escalatedTo: 'sergey.morozov', escalatedToName: 'Сергей Морозов' }),
    ]);
  });
});

describe('an approval nobody is left to escalate to', () => {
  it('should stay overdue at the top of the org chart, say so once and alert the administrators once', async () => {
    // Ksenia reports to the CEO, who has no manager.
    const created = await submit('ksenia.alexeeva', vacation);
    const due = created.approvals[0]?.dueAt;
    for (const period of ['P3D', 'P3D', 'P7D', 'P30D']) await portal.advance(period);

    const request = await detail(created.id, 'ksenia.alexeeva');
    expect(request.status).toBe('pending_approval');
    expect(request.approvals[0]).toMatchObject({
      dueAt: due,
      overdueSince: due,
      escalationExhaustedAt: expect.any(String),
    });
    expect(request.approvals[0].approvers.map((a: { id: string }) => a.id)).toEqual(['sergey.morozov']);
    const history = await historyOf(created.id);
    expect(history.map((e) => e.type)).toEqual(['submitted', 'approval_overdue']);
    expect(history[1]?.data).toMatchObject({ stage: 'manager', overdueSince: due, dueAt: due });

    const alerts = await mailsTo('olga.smirnova@example.com', created.id);
    expect(alerts.map((m) => m.subject)).toEqual([
      expect.stringContaining('Согласование просрочено, эскалировать некому'),
    ]);
    expect((await inboxEntry('sergey.morozov', created.id))?.approvals).toEqual(request.approvals);

    // A decision still completes the stage.
    const decided = await portal.as('sergey.morozov', 'POST', `/requests/${created.id}/approvals/manager/decision`, {
      decision: 'approve',
    });
    expect(decided.status, decided.text).toBe(200);
    await portal.settle();
    expect((await detail(created.id)).status).toBe('in_progress');
  });

  it('should stop after the escalation to the CEO: one escalation, then one overdue event, deadline kept', async () => {
    const created = await submit('daria.mikhailova', vacation);
    // Past the first deadline (two working days), not yet past the CEO's (two more).
    await portal.advance('P4D');
    const escalated = (await detail(created.id)).approvals[0] as Stage;
    expect(escalated.approvers.map((a) => a.id)).toEqual(['elena.kuznetsova', 'sergey.morozov']);
    for (const period of ['P7D', 'P7D']) await portal.advance(period);
    const request = await detail(created.id);
    expect(request.approvals[0]).toMatchObject({ dueAt: escalated.dueAt, overdueSince: created.approvals[0]?.dueAt });
    const types = (await historyOf(created.id)).map((e) => e.type);
    expect(types).toEqual(['submitted', 'approval_escalated', 'approval_overdue']);
    expect(await mailsTo('olga.smirnova@example.com', created.id)).toHaveLength(1);
  });
});

describe('the table afterwards', () => {
  it('should hold no inbox entry behind its request, and no other inconsistency', async () => {
    const report = (await portal.call('GET', '/dev/consistency')).body;
    expect(report.counts.staleInboxes).toBe(0);
    expect(report.problems).toEqual([]);
  });
});
