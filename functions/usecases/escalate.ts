/**
 * An approval stage's wait timed out: add the next person up (their approval completes the stage)
 * with a new deadline, or, with nobody left to ask, keep the stage overdue and say so once
 * (domain/routing/escalation.ts). Safe to run twice: a second run finds nothing overdue to escalate.
 */
import { beneficiaryOf } from '../domain/routing/approval-chain';
import { escalateStage } from '../domain/routing/escalation';
import type { Needs } from '../ports';
import { calendarOf, catalog } from './catalog';
import { mutate, type MutatePorts } from './mutate';
import type { StageInput } from './stage-timeout';

export async function escalateApproval(ports: MutatePorts & Needs<'directory'>, input: StageInput) {
  await mutate(ports, input.requestId, (request) => {
    const stage = request.approvals[input.stageIndex];
    const service = catalog.service(request.serviceId);
    const waiting = request.round === input.round && request.currentStage === input.stageIndex;
    if (!stage || !service || !waiting || request.status !== 'pending_approval') return null;
    const now = ports.clock.now();
    const escalation = escalateStage(request, stage, {
      person: (id) => ports.directory.person(id),
      beneficiaryId: beneficiaryOf(service, request.fields, ports.directory)?.id,
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
}
