/**
 * An approval stage missed its deadline: ask the approver's manager too (their approval completes
 * the stage), record it, and give the stage a new deadline. After two escalations only the deadline
 * moves, so the wait never ends without a decision but never loops faster than the deadline either.
 */
import type { Service } from '../domain/catalog/schema';
import type { ApprovalStageState, RequestRecord } from '../domain/requests/model';
import { clock } from '../adapters/clock';
import { beneficiaryOf } from '../domain/routing/approval-chain';
import { escalationTarget } from '../domain/routing/escalation';
import { calendarOf, catalog } from '../usecases/catalog';
import { org } from '../usecases/org';
import { mutate } from '../usecases/mutate';
import { workflowTask } from '../shared/workflow-task';
import type { StageInput } from './start-stage';

const MAX_ESCALATIONS = 2;

/** The person escalation level `level` adds to the stage, if any is left to ask. */
function targetAt(level: number, request: RequestRecord, stage: ApprovalStageState, service: Service) {
  if (level > MAX_ESCALATIONS) return undefined;
  return escalationTarget(request, stage, {
    person: org.person,
    beneficiaryId: beneficiaryOf(service, request.fields, org)?.id,
  });
}

export const handler = workflowTask('escalate-approval', async (input: StageInput) => {
  await mutate(input.requestId, (request) => {
    const stage = request.approvals[input.stageIndex];
    const service = catalog.service(request.serviceId);
    const waiting = request.round === input.round && request.currentStage === input.stageIndex;
    if (!stage || !service || !waiting || stage.status !== 'pending' || request.status !== 'pending_approval')
      return null;
    const now = clock.now();
    const level = (stage.escalations ?? 0) + 1;
    const target = targetAt(level, request, stage, service);
    const escalated: ApprovalStageState = {
      ...stage,
      escalations: level,
      dueAt: calendarOf(service).addBusinessHours(now, stage.dueHours).toISOString(),
      approvers: target
        ? [...stage.approvers, { id: target.id, name: target.name, escalation: true }]
        : stage.approvers,
    };
    return {
      changes: { approvals: request.approvals.map((s, i) => (i === input.stageIndex ? escalated : s)) },
      events: [
        {
          at: now.toISOString(),
          actorId: 'system',
          actorName: 'Backoffice Portal',
          type: 'approval_escalated',
          data: { stage: stage.stage, level, overdueSince: stage.dueAt, escalatedTo: target?.id ?? null },
        },
      ],
      bumpsVersion: true,
    };
  });
  return {};
});
