/**
 * An approver's decision through its ports: the inbox moves to the next approver in the same change,
 * the workflow waiting on the stage (its task token saved by `awaitDecision`) is resumed with the
 * stage's outcome, and people outside the chain cannot decide.
 */
import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../functions/usecases/catalog';
import { decide } from '../../functions/usecases/decisions';
import { submitRequest } from '../../functions/usecases/requests';
import { awaitDecision } from '../../functions/usecases/stage-wait';
import { purchaseForm, serviceById, stageThreshold } from '../support/usecase-forms';
import { principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const purchase = serviceById('purchase');
/** Over the CFO's threshold: Ivan's purchase goes to Elena (his manager), then Natalia (the CFO). */
const AMOUNT = stageThreshold(purchase, 'finance') + 1;

const IVAN = principalOf('ivan.sidorov');
const ELENA = principalOf('elena.kuznetsova');
const NATALIA = principalOf('natalia.orlova');
const en = { locale: 'en' as const };
const page = { limit: 50 };

async function purchaseForCfo(ports: TestPorts) {
  const fields = purchaseForm(AMOUNT, ports.clock.now());
  return (await submitRequest(ports, IVAN, { serviceId: purchase.id, fields }, 'en')).id;
}

const inboxOf = async (ports: TestPorts, approverId: string) =>
  (await ports.approvals.listApprovalTasks(approverId, page)).items.map((r) => r.id);

describe('decide', () => {
  it("should move the request from the manager's inbox to the CFO's when the manager approves", async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await purchaseForCfo(ports);
    expect(await inboxOf(ports, ELENA.id)).toEqual([id]);

    const decided = await decide(ports, ELENA, id, { stage: 'manager', decision: 'approve' }, en);

    expect(decided.status).toBe('pending_approval');
    expect(await inboxOf(ports, ELENA.id)).toEqual([]);
    expect(await inboxOf(ports, NATALIA.id)).toEqual([id]);
    const stored = await ports.requests.getRequest(id);
    expect(stored?.currentStage).toBe(1);
    expect(stored?.approvals[1]?.activatedAt).toBe(ports.clock.now().toISOString());
  });

  it('should resume the waiting workflow with the approval, then with the rejection', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await purchaseForCfo(ports);
    await awaitDecision(ports, { requestId: id, round: 1, stageIndex: 0, token: 'wait-manager' });
    expect(ports.workflows.resumes).toEqual([]);

    await decide(ports, ELENA, id, { stage: 'manager', decision: 'approve' }, en);
    await awaitDecision(ports, { requestId: id, round: 1, stageIndex: 1, token: 'wait-cfo' });
    await decide(ports, NATALIA, id, { stage: 'finance', decision: 'reject', comment: 'Not this year' }, en);

    expect(ports.workflows.resumes).toEqual([
      { token: 'wait-manager', outcome: { output: { outcome: 'approved' } } },
      { token: 'wait-cfo', outcome: { error: 'Approval.Rejected', cause: 'rejected' } },
    ]);
    expect((await ports.requests.getRequest(id))?.status).toBe('rejected');
    expect(await inboxOf(ports, NATALIA.id)).toEqual([]);
  });

  it('should report a stage decided before its wait began as soon as the wait begins', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await purchaseForCfo(ports);
    await decide(ports, ELENA, id, { stage: 'manager', decision: 'approve' }, en);
    expect(ports.workflows.resumes).toEqual([]);

    await awaitDecision(ports, { requestId: id, round: 1, stageIndex: 0, token: 'late-wait' });

    expect(ports.workflows.resumes).toEqual([{ token: 'late-wait', outcome: { output: { outcome: 'approved' } } }]);
    expect(await ports.approvals.getStageToken(id, 1, 0)).toBeUndefined();
  });

  it('should not let someone outside the request decide, nor see that it exists', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await purchaseForCfo(ports);
    const before = await ports.requests.getRequest(id);

    const outsider = decide(ports, principalOf('james.wilson'), id, { stage: 'manager', decision: 'approve' }, en);

    await expect(outsider).rejects.toMatchObject({ code: 'not_found' });
    expect(await ports.requests.getRequest(id)).toEqual(before);
  });

  it("should not let the CFO decide the manager's stage", async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const id = await purchaseForCfo(ports);
    const before = await ports.requests.getRequest(id);

    const refused = decide(ports, NATALIA, id, { stage: 'manager', decision: 'approve' }, en);

    await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
    expect(await ports.requests.getRequest(id)).toEqual(before);
    expect(await inboxOf(ports, ELENA.id)).toEqual([id]);
  });
});
