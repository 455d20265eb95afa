/**
 * Whom an overdue approval stage escalates to: the approver's manager, or the next person up past
 * anyone who already takes part in the request (its requester and beneficiary, and every approver of
 * any stage), so that nobody decides two stages of one round.
 */
import type { Person } from '../catalog/schema';
import type { ApprovalStageState, RequestRecord } from '../requests/model';

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
