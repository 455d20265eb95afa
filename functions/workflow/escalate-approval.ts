/**
 * An approval stage's wait timed out: add the next person up (their approval completes the stage)
 * with a new deadline, or, with nobody left to ask, keep the stage overdue and say so once
 * (domain/routing/escalation.ts). Safe to run twice: a second run finds nothing overdue to escalate.
 */
import { clock } from '../adapters/clock';
import { beneficiaryOf } from '../domain/routing/approval-chain';
import { escalateStage } from '../domain/routing/escalation';
import { calendarOf, catalog } from '../usecases/catalog';
import { org } from '../usecases/org';
import { mutate } from '../usecases/mutate';
import { workflowTask } from './task';
import type { StageInput } from './start-stage';

export const handler = workflowTask('escalate-approval', async (input: StageInput) => {
  await mutate(input.requestId, (request) => {
    const stage = request.approvals[input.stageIndex];
    const service = catalog.service(request.serviceId);
    const waiting = request.round === input.round && request.currentStage === input.stageIndex;
    if (!stage || !service || !waiting || request.status !== 'pending_approval') return null;
    const now = clock.now();
    const escalation = escalateStage(request, stage, {
      person: org.person,
      beneficiaryId: beneficiaryOf(service, request.fields, org)?.id,
      now,
      nextDueAt: () => calendarOf(service).addBusinessHours(now, stage.dueHours).toISOString(),
    });
    if (!escalation) return null;
    return {
      changes: { approvals: request.approvals.map((s, i) => (i === input.stageIndex ? escalation.stage : s)) },
      events: [escalation.event],
      bumpsVersion: true,
    };
  });
  return {};
});
