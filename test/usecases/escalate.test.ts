/**
 * An overdue approval stage through its ports: past its deadline the next person up the org chart
 * joins the stage (and finds it in their inbox); at the top of the chart the stage says it is
 * overdue, once.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../functions/domain/requests/model';
import { calendarOf } from '../../functions/usecases/catalog';
import { escalateApproval } from '../../functions/usecases/escalate';
import { submitRequest } from '../../functions/usecases/requests';
import { purchaseForm, serviceById, stageThreshold } from '../support/usecase-forms';
import { minutesAfter, principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const purchase = serviceById('purchase');
const managerStage = { round: 1, stageIndex: 0 };

/** A purchase within the CFO's threshold: only the requester's manager approves it. */
async function smallPurchase(ports: TestPorts, requester: Principal) {
  const fields = purchaseForm(stageThreshold(purchase, 'finance'), ports.clock.now());
  return (await submitRequest(ports, requester, { serviceId: purchase.id, fields }, 'en')).id;
}

const stageOf = async (ports: TestPorts, id: string) => (await ports.requests.getRequest(id))?.approvals[0];
const historyOf = async (ports: TestPorts, id: string) =>
  (await ports.requests.getRequestWithHistory(id))?.history ?? [];

describe('escalate', () => {
  it('should leave a stage alone before its deadline', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await smallPurchase(ports, principalOf('ivan.sidorov'));
    const before = await ports.requests.getRequest(id);
    ports.clock.set(minutesAfter(before?.approvals[0]?.dueAt ?? '', -10));

    await escalateApproval(ports, { requestId: id, ...managerStage });

    expect(await ports.requests.getRequest(id)).toEqual(before);
  });

  it("should add the approver's manager past the deadline, with a new deadline and an inbox entry", async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await smallPurchase(ports, principalOf('ivan.sidorov'));
    const dueAt = (await stageOf(ports, id))?.dueAt ?? '';
    ports.clock.set(minutesAfter(dueAt, 1));

    await escalateApproval(ports, { requestId: id, ...managerStage });

    const stage = await stageOf(ports, id);
    expect(stage?.approvers.map((a) => [a.id, a.escalation ?? false])).toEqual([
      ['elena.kuznetsova', false],
      ['sergey.morozov', true],
    ]);
    expect(stage).toMatchObject({ escalations: 1, overdueSince: dueAt, status: 'pending' });
    expect(stage?.dueAt).toBe(
      calendarOf(purchase)
        .addBusinessHours(ports.clock.now(), stage?.dueHours ?? 0)
        .toISOString(),
    );
    const inbox = await ports.approvals.listApprovalTasks('sergey.morozov', { limit: 50 });
    expect(inbox.items.map((r) => r.id)).toEqual([id]);
    expect((await historyOf(ports, id)).at(-1)).toMatchObject({
      type: 'approval_escalated',
      data: { stage: 'manager', level: 1, escalatedTo: 'sergey.morozov', overdueSince: dueAt },
    });
  });

  it('should say once that a stage at the top of the org chart is overdue', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    // Elena's manager is the CEO, who has nobody above him.
    const id = await smallPurchase(ports, principalOf('elena.kuznetsova'));
    const dueAt = (await stageOf(ports, id))?.dueAt ?? '';
    ports.clock.set(minutesAfter(dueAt, 1));

    await escalateApproval(ports, { requestId: id, ...managerStage });
    const afterFirst = await historyOf(ports, id);
    ports.clock.advance(3 * 24 * 3_600_000);
    await escalateApproval(ports, { requestId: id, ...managerStage });

    const overdue = afterFirst.filter((e) => e.type === 'approval_overdue');
    expect(overdue).toEqual([expect.objectContaining({ data: { stage: 'manager', overdueSince: dueAt, dueAt } })]);
    expect(afterFirst.some((e) => e.type === 'approval_escalated')).toBe(false);
    expect(await historyOf(ports, id)).toEqual(afterFirst);
    expect((await stageOf(ports, id))?.approvers.map((a) => a.id)).toEqual(['sergey.morozov']);
  });
});
