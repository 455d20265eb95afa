/**
 * Escalating an overdue approval stage (domain/routing/escalation.ts): to the next person up, at most
 * twice, then overdue for good with one event; each missed deadline is acted on once, however many
 * times the workflow's task runs.
 */
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../../functions/domain/catalog/catalog';
import type { ApprovalStageState } from '../../functions/domain/requests/model';
import { escalateStage, type EscalationContext } from '../../functions/domain/routing/escalation';

const catalog = loadCatalog(demoCatalog);
// A pure rule's arguments: a stage deadline (Thursday 10:00 Moscow) and moments around it.
const DUE = '2026-12-03T07:00:00.000Z';
const AFTER_DUE = new Date('2026-12-03T07:00:30.000Z');

const stage = (approverId: string): ApprovalStageState => ({
  stage: 'manager',
  title: { en: 'Manager approval', ru: 'Согласование руководителем' },
  mode: 'any',
  status: 'pending',
  approvers: [{ id: approverId, name: catalog.person(approverId)?.name ?? approverId }],
  dueHours: 16,
  activatedAt: '2026-12-01T07:00:00.000Z',
  dueAt: DUE,
});

/** The value, or the test fails here. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const context = (now: Date): EscalationContext => ({
  person: (id) => catalog.person(id),
  now,
  nextDueAt: () => new Date(now.getTime() + 2 * 86_400_000).toISOString(),
});

/** Escalates the stage of `requesterId`'s request as the workflow would, once per call. */
const escalate = (requesterId: string, current: ApprovalStageState, now = AFTER_DUE) =>
  escalateStage({ requesterId, approvals: [current] }, current, context(now));

describe('escalating an overdue approval', () => {
  it('should add the approver manager with a new deadline and keep when the stage became overdue', () => {
    const escalated = escalate('ivan.sidorov', stage('elena.kuznetsova'));
    expect(escalated?.stage).toMatchObject({
      escalations: 1,
      overdueSince: DUE,
      dueAt: '2026-12-05T07:00:30.000Z',
      approvers: [{ id: 'elena.kuznetsova' }, { id: 'sergey.morozov', escalation: true }],
    });
    expect(escalated?.event).toMatchObject({
      type: 'approval_escalated',
      data: {
        stage: 'manager',
        level: 1,
        overdueSince: DUE,
        escalatedTo: 'sergey.morozov',
        escalatedToName: 'Сергей Морозов',
      },
    });
  });

  it('should do nothing when run again for the same missed deadline (a retried task)', () => {
    const once = escalate('ivan.sidorov', stage('elena.kuznetsova'));
    expect(once).not.toBeNull();
    expect(escalate('ivan.sidorov', must(once).stage)).toBeNull();
  });

  it('should keep a stage at the top of the org chart overdue, its deadline unmoved, and say so once', () => {
    const stuck = escalate('ksenia.alexeeva', stage('sergey.morozov'));
    expect(stuck?.stage).toMatchObject({
      dueAt: DUE,
      overdueSince: DUE,
      escalationExhaustedAt: AFTER_DUE.toISOString(),
    });
    expect(stuck?.stage.approvers.map((a) => a.id)).toEqual(['sergey.morozov']);
    expect(stuck?.event).toMatchObject({
      type: 'approval_overdue',
      data: { stage: 'manager', overdueSince: DUE, dueAt: DUE },
    });
    const later = new Date(AFTER_DUE.getTime() + 30 * 86_400_000);
    expect(escalate('ksenia.alexeeva', must(stuck).stage, later)).toBeNull();
  });

  it('should stop after the last level, keeping the first missed deadline as overdueSince', () => {
    const first = must(escalate('daria.mikhailova', stage('elena.kuznetsova')));
    const secondDue = new Date(Date.parse(must(first.stage.dueAt)) + 1000);
    const second = must(escalate('daria.mikhailova', first.stage, secondDue));
    // Elena's manager (the CEO) is already asked and has no manager: nobody is left.
    expect(second.event.type).toBe('approval_overdue');
    expect(second.stage).toMatchObject({ overdueSince: DUE, dueAt: first.stage.dueAt, escalations: 1 });
  });

  it('should stop after two levels even when the org chart goes higher', () => {
    const chain = ['a', 'b', 'c', 'd', 'e'];
    const person = (id: string) => {
      const managerId = chain[chain.indexOf(id) + 1] ?? null;
      return chain.includes(id) ? { ...must(catalog.person('ivan.sidorov')), id, name: id, managerId } : undefined;
    };
    let current: ApprovalStageState = { ...stage('ivan.sidorov'), approvers: [{ id: 'b', name: 'b' }] };
    const types: string[] = [];
    for (let period = 1; period <= 4; period++) {
      const now = new Date(Date.parse(must(current.dueAt)) + 1000);
      const next = escalateStage({ requesterId: 'a', approvals: [current] }, current, { ...context(now), person });
      if (!next) break;
      types.push(next.event.type);
      current = next.stage;
    }
    expect(types).toEqual(['approval_escalated', 'approval_escalated', 'approval_overdue']);
    expect(current.approvers.map((a) => a.id)).toEqual(['b', 'c', 'd']);
  });

  it('should not escalate before the deadline', () => {
    expect(escalate('ivan.sidorov', stage('elena.kuznetsova'), new Date('2026-12-02T07:00:00.000Z'))).toBeNull();
  });
});
