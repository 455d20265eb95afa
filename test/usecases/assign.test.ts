/**
 * The lifecycle's assign step through its ports: an approved request enters its team's queue with the
 * least-loaded available agent, its SLA deadlines and its SLA timer; an approved vacation records the
 * requester's leave and deputy with that same change; and running the step again changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { performAction } from '../../functions/usecases/activity';
import { enterQueue } from '../../functions/usecases/assign';
import { calendarOf, todayFor } from '../../functions/usecases/catalog';
import { decide } from '../../functions/usecases/decisions';
import { submitRequest } from '../../functions/usecases/requests';
import { addDays } from '../../functions/domain/sla/local-time';
import { CERTIFICATE_FORM, serviceById } from '../support/usecase-forms';
import { principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const vacation = serviceById('vacation');
const calendar = calendarOf(vacation);

const IVAN = principalOf('ivan.sidorov');
const DEPUTY = 'polina.zakharova';
const en = { locale: 'en' as const };

/** Two of the three HR agents get an open request each: Ekaterina, with none, is the least loaded. */
async function loadHrAgents(ports: TestPorts, agents: string[]) {
  for (const agent of agents) {
    const input = { serviceId: 'employment-certificate', fields: CERTIFICATE_FORM };
    const { id } = await submitRequest(ports, IVAN, input, 'en');
    await performAction(ports, principalOf(agent), id, { type: 'take' }, en);
  }
}

/** Ivan's two weeks of vacation from today (in Moscow), approved by his manager Elena. */
async function approvedVacation(ports: TestPorts) {
  const today = todayFor(vacation, ports.clock.now());
  const period = { from: today, to: addDays(today, 13) };
  const fields = { type: 'annual', period, deputy: DEPUTY };
  const { id } = await submitRequest(ports, IVAN, { serviceId: vacation.id, fields }, 'en');
  await decide(ports, principalOf('elena.kuznetsova'), id, { stage: 'manager', decision: 'approve' }, en);
  return { id, today, period };
}

describe('assign', () => {
  it('should put an approved request in progress with the least-loaded agent, its deadlines and its SLA timer', async () => {
    const ports = testPorts(workingMorning(calendar));
    await loadHrAgents(ports, ['maria.ivanova', 'tatiana.vasilieva']);
    const { id } = await approvedVacation(ports);
    ports.clock.advance(60_000);
    const now = ports.clock.now();

    const { assigneeId } = await enterQueue(ports, { requestId: id, round: 1 });

    expect(assigneeId).toBe('ekaterina.fedorova');
    const stored = await ports.requests.getRequest(id);
    expect(stored).toMatchObject({ status: 'in_progress', assigneeId: 'ekaterina.fedorova', currentStage: null });
    expect(stored?.sla).toMatchObject({
      startedAt: now.toISOString(),
      responseDueAt: calendar.addBusinessHours(now, vacation.sla.responseHours).toISOString(),
      resolutionDueAt: calendar.addBusinessHours(now, vacation.sla.resolutionHours).toISOString(),
    });
    const timer = `${id}-sla-${stored?.lastSeq}`;
    expect(stored?.slaTimer).toBe(timer);
    expect(ports.workflows.starts.at(-1)).toEqual({ machine: 'sla', name: timer, input: { requestId: id, timer } });
    const last = (await ports.requests.getRequestWithHistory(id))?.history.at(-1);
    expect(last).toMatchObject({
      type: 'assigned',
      from: 'pending_approval',
      to: 'in_progress',
      data: { assigneeId: 'ekaterina.fedorova', reason: 'auto', strategy: 'least-loaded', openAssigned: 0 },
    });
  });

  it("should record the vacation's leave and the deputy's delegation with the change that queues it", async () => {
    const ports = testPorts(workingMorning(calendar));
    const { id, today, period } = await approvedVacation(ports);
    expect(await ports.absences.currentAbsences(today)).toEqual([]);

    await enterQueue(ports, { requestId: id, round: 1 });

    const absences = await ports.absences.currentAbsences(today);
    expect(absences).toHaveLength(2);
    expect(absences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'leave', userId: IVAN.id, from: period.from, until: period.to }),
        expect.objectContaining({
          entity: 'delegation',
          userId: IVAN.id,
          delegateId: DEPUTY,
          from: period.from,
          until: period.to,
        }),
      ]),
    );
    expect(await ports.absences.delegatorsOf(DEPUTY, today)).toEqual([IVAN.id]);
  });

  it('should change nothing when the step runs again', async () => {
    const ports = testPorts(workingMorning(calendar));
    const { id, today } = await approvedVacation(ports);
    const first = await enterQueue(ports, { requestId: id, round: 1 });
    const before = await ports.requests.getRequestWithHistory(id);
    const starts = ports.workflows.starts.length;
    ports.clock.advance(60_000);

    const again = await enterQueue(ports, { requestId: id, round: 1 });

    expect(again).toEqual(first);
    expect(await ports.requests.getRequestWithHistory(id)).toEqual(before);
    expect(ports.workflows.starts).toHaveLength(starts);
    expect(await ports.absences.leavesOf(IVAN.id, today)).toHaveLength(1);
  });
});
