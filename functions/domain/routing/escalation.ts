/**
 * Escalating an overdue approval stage: the approver's manager, or the next person up past anyone
 * who already takes part in the request (its requester and beneficiary, and every approver of any
 * stage), so that nobody decides two stages of one round; at most two levels. With nobody left to
 * ask, the stage stays overdue (its deadline no longer moves) and says so once.
 */
import type { Person } from '../catalog/schema';
import { SYSTEM_ACTOR, type ApprovalStageState, type NewEvent, type RequestRecord } from '../requests/model';

/** Escalation levels an overdue stage gets before nobody is left to ask. */
export const MAX_ESCALATIONS = 2;

/**
 * How much earlier than the stage's deadline its wait may end and still count as overdue: the wait is
 * timed in whole seconds, and its heartbeat timeout ends it a second before its timeout.
 */
const EARLY_MS = 60_000;

export function escalationTarget(
  request: Pick<RequestRecord, 'requesterId' | 'approvals'>,
  stage: ApprovalStageState,
  context: { person(id: string): Person | undefined; beneficiaryId?: string },
): Person | undefined {
  const involved = new Set([
    request.requesterId,
    context.beneficiaryId,
    ...request.approvals.flatMap((s) => s.approvers.flatMap((a) => [a.id, a.onBehalfOf])),
  ]);
  const original = stage.approvers.find((a) => !a.escalation);
  const managerOf = (id: string | undefined) => {
    const managerId = id ? context.person(id)?.managerId : undefined;
    return managerId ? context.person(managerId) : undefined;
  };
  let target = managerOf(original?.onBehalfOf ?? original?.id);
  while (target && involved.has(target.id)) target = managerOf(target.id);
  return target;
}

export interface EscalationContext {
  person(id: string): Person | undefined;
  beneficiaryId?: string;
  now: Date;
  /** The deadline of the person an escalation adds now. */
  nextDueAt(): string;
}

export interface StageEscalation {
  stage: ApprovalStageState;
  event: NewEvent;
}

/**
 * What the stage's wait timing out means. Null when there is nothing to do: the deadline has not
 * passed (a retried task after an escalation moved it) or nobody is left to ask already, so each
 * missed deadline escalates once and the stage says it is stuck once.
 */
export function escalateStage(
  request: Pick<RequestRecord, 'requesterId' | 'approvals'>,
  stage: ApprovalStageState,
  context: EscalationContext,
): StageEscalation | null {
  if (stage.status !== 'pending' || !stage.dueAt || stage.escalationExhaustedAt) return null;
  if (Date.parse(stage.dueAt) - context.now.getTime() > EARLY_MS) return null;
  const at = context.now.toISOString();
  const level = (stage.escalations ?? 0) + 1;
  const target = level <= MAX_ESCALATIONS ? escalationTarget(request, stage, context) : undefined;
  const overdueSince = stage.overdueSince ?? stage.dueAt;
  const system = { at, ...SYSTEM_ACTOR };
  if (!target)
    return {
      stage: { ...stage, overdueSince, escalationExhaustedAt: at },
      event: { ...system, type: 'approval_overdue', data: { stage: stage.stage, overdueSince, dueAt: stage.dueAt } },
    };
  return {
    stage: {
      ...stage,
      escalations: level,
      overdueSince,
      dueAt: context.nextDueAt(),
      approvers: [...stage.approvers, { id: target.id, name: target.name, escalation: true }],
    },
    event: {
      ...system,
      type: 'approval_escalated',
      data: { stage: stage.stage, level, overdueSince, escalatedTo: target.id, escalatedToName: target.name },
    },
  };
}
