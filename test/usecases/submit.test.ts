/**
 * Submitting a request through its ports: routing by the catalog's real thresholds, the first
 * approver's inbox, the lifecycle workflow it starts, and `Idempotency-Key` replays.
 */
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../functions/domain/errors';
import { calendarOf } from '../../functions/usecases/catalog';
import { idempotentChange } from '../../functions/usecases/idempotency';
import { submitRequest } from '../../functions/usecases/requests';
import { purchaseForm, serviceById, stageThreshold } from '../support/usecase-forms';
import { principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const purchase = serviceById('purchase');
/** The amount above which the CFO approves a purchase. */
const cfoThreshold = stageThreshold(purchase, 'finance');

const IVAN = principalOf('ivan.sidorov');
const page = { limit: 50 };

/** Ivan's purchase just over the CFO threshold: manager, then CFO. */
const submitOverCfo = (ports: TestPorts) =>
  submitRequest(
    ports,
    IVAN,
    { serviceId: 'purchase', fields: purchaseForm(cfoThreshold + 1, ports.clock.now()) },
    'en',
  );

const submitKeyed = (ports: TestPorts, key: string, body: { serviceId: string; fields: Record<string, unknown> }) =>
  idempotentChange(
    ports,
    { callerId: IVAN.id, scope: 'POST /requests', key, body, locale: 'en' },
    'request',
    async (draft) => ({ status: 201, body: await submitRequest(ports, IVAN, body, 'en', draft) }),
  );

describe('submit', () => {
  it('should route a purchase over the CFO threshold to the manager, then the CFO', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const now = ports.clock.now();

    const created = await submitOverCfo(ports);

    const stored = await ports.requests.getRequest(created.id);
    expect(stored?.status).toBe('pending_approval');
    const pending = stored?.approvals.filter((s) => s.status === 'pending');
    expect(pending?.map((s) => [s.stage, s.approvers.map((a) => a.id)])).toEqual([
      ['manager', ['elena.kuznetsova']],
      ['finance', ['natalia.orlova']],
    ]);
    // The first stage is current, with its business-hours deadline.
    expect(stored?.currentStage).toBe(0);
    expect(stored?.approvals[0]?.dueAt).toBe(calendarOf(purchase).addBusinessHours(now, 16).toISOString());
  });

  it("should put the request in the first approver's inbox only", async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));

    const created = await submitOverCfo(ports);

    const manager = await ports.approvals.listApprovalTasks('elena.kuznetsova', page);
    const cfo = await ports.approvals.listApprovalTasks('natalia.orlova', page);
    expect(manager.items.map((r) => r.id)).toEqual([created.id]);
    expect(cfo.items).toEqual([]);
  });

  it('should start the lifecycle workflow with the pending stages and no SLA timer', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));

    const created = await submitOverCfo(ports);

    const stored = await ports.requests.getRequest(created.id);
    const pendingIndexes = stored?.approvals.flatMap((s, i) => (s.status === 'pending' ? [i] : []));
    expect(ports.workflows.starts).toEqual([
      { machine: 'lifecycle', name: created.id, input: { requestId: created.id, round: 1, stages: pendingIndexes } },
    ]);
    // The SLA clock starts when the request enters the queue, not while it waits for approval.
    expect(stored?.slaTimer).toBeNull();
  });

  it('should answer a replay with the same key and body like the first call, storing one request', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const body = { serviceId: 'purchase', fields: purchaseForm(5_000, ports.clock.now()) };

    const first = await submitKeyed(ports, 'key-1', body);
    const again = await submitKeyed(ports, 'key-1', body);

    expect(again).toEqual(first);
    expect(first.status).toBe(201);
    const mine = await ports.requests.listByRequester(IVAN.id, page);
    expect(mine.items.map((r) => r.id)).toEqual([(first.body as { id: string }).id]);
    expect(ports.workflows.started('lifecycle')).toEqual([(first.body as { id: string }).id]);
  });

  it('should refuse the same key with another body as a conflict', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const now = ports.clock.now();
    await submitKeyed(ports, 'key-2', { serviceId: 'purchase', fields: purchaseForm(5_000, now) });

    const reused = submitKeyed(ports, 'key-2', { serviceId: 'purchase', fields: purchaseForm(6_000, now) });

    await expect(reused).rejects.toMatchObject({ name: 'DomainError', code: 'conflict' });
    expect((await ports.requests.listByRequester(IVAN.id, page)).items).toHaveLength(1);
  });

  it('should refuse an invalid form naming the field, storing nothing', async () => {
    const ports = testPorts(workingMorning(calendarOf(purchase)));
    const fields = { ...purchaseForm(5_000, ports.clock.now()), quantity: 0 };

    const error = await submitRequest(ports, IVAN, { serviceId: 'purchase', fields }, 'en').then(
      () => undefined,
      (e: DomainError) => e,
    );

    expect(error).toMatchObject({ code: 'validation_failed' });
    expect(error?.details.map((d) => d.path)).toEqual(['fields.quantity']);
    expect((await ports.requests.listByRequester(IVAN.id, page)).items).toEqual([]);
    expect(ports.workflows.starts).toEqual([]);
  });
});
