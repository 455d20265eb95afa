/**
 * The script of one demo request: submitted, its approval stages decided (the CFO slowly), the
 * team's queue (legal slowly), maybe a question to the requester, resolved, then closed or
 * reopened; a few are rejected, returned or cancelled. Stops wherever `now` falls.
 */
import type { Person, Service } from '../../functions/domain/catalog/schema';
import type { FieldValues } from '../../functions/domain/forms/conditions';
import type { OrgDirectory, RoutingContext } from '../../functions/domain/routing/approval-chain';
import { routeApprovals } from '../../functions/domain/routing/approval-chain';
import { catalog } from '../../functions/usecases/catalog';
import type { Decision, RequestRecord } from '../../functions/domain/requests/model';
import { newRequestRecord } from '../../functions/domain/requests/new-request';
import { newSla } from '../../functions/domain/sla/request-sla';
import { DELAYS, ODDS, SLOW_APPROVER, UNDERSTAFFED_TEAM } from './profile';
import type { RequestSim } from './request-sim';

export interface RequestPlan {
  id: string;
  requester: Person;
  fields: FieldValues;
  submittedAt: Date;
  org: OrgDirectory;
  /** Agents of each team. */
  agentsOf(team: string): Person[];
}

/** The demo history routes as the portal does, with nobody away. */
const routingOf = (plan: RequestPlan): RoutingContext => ({
  org: plan.org,
  delegateOf: () => undefined,
  fallback: catalog.data.company.fallbackApprovers,
});

export const person = (org: OrgDirectory, id: string) => {
  const found = org.person(id);
  if (!found) throw new Error(`No person ${id}`);
  return found;
};

/** Version 0 and no history yet: the simulation appends every event, `submitted` first. */
function initialRecord(plan: RequestPlan, service: Service, at: string): RequestRecord {
  const born = newRequestRecord({ id: plan.id, service, requester: plan.requester, fields: plan.fields, at });
  return { ...born, status: 'pending_approval', version: 0, lastSeq: 0 };
}

export function submit(sim: RequestSim, plan: RequestPlan) {
  const { service } = sim.options;
  const at = plan.submittedAt;
  const approvals = routeApprovals(service, plan.requester, plan.fields, routingOf(plan));
  const first = approvals.findIndex((s) => s.status === 'pending');
  const record = initialRecord(plan, service, at.toISOString());
  if (first >= 0) approvals[first] = sim.activate(approvals[first] as (typeof approvals)[number], at);
  const queued = first < 0;
  const state: RequestRecord = {
    ...record,
    approvals,
    currentStage: queued ? null : first,
    status: queued ? 'in_progress' : 'pending_approval',
    sla: queued ? sim.startedSla(at) : newSla(),
  };
  sim.start(state, {
    at: at.toISOString(),
    actorId: plan.requester.id,
    actorName: plan.requester.name,
    type: 'submitted',
    to: state.status,
    data: { serviceId: service.id, team: service.team },
  });
}

const approvalDelay = (sim: RequestSim, approverId: string) => {
  const d = approverId === SLOW_APPROVER ? DELAYS.slowApproval : DELAYS.approval;
  return sim.rng.lognormal(d.median, d.spread);
};

function decisionOf(sim: RequestSim): Decision {
  if (sim.request.round > 1) return 'approve';
  return sim.rng.weighted<Decision>([
    ['reject', ODDS.reject],
    ['return', ODDS.return],
    ['approve', 1 - ODDS.reject - ODDS.return],
  ]);
}

/** The current stage's approvers decide (the first for `any`, each for `all`); false if it stops. */
function decideStage(sim: RequestSim, plan: RequestPlan): boolean {
  const index = sim.request.currentStage;
  const stage = index === null ? undefined : sim.request.approvals[index];
  if (!stage?.activatedAt) return false;
  const timed = stage.approvers
    .filter((a) => !a.decision)
    .map((a) => ({ id: a.id, at: sim.after(stage.activatedAt as string, approvalDelay(sim, a.id)) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { id, at } of stage.mode === 'any' ? timed.slice(0, 1) : timed) {
    if (!sim.reach(at)) return false;
    const decision = decisionOf(sim);
    const comment = decision === 'approve' ? undefined : 'Please check the amount';
    const result = sim.decide(person(plan.org, id), { stage: stage.stage, decision, comment }, at);
    if (decision === 'return') return answerReturn(sim, plan, at);
    if (result.outcome !== 'pending' && result.outcome !== 'approved') return false;
  }
  return true;
}

/** A returned request: the requester answers, and the chain starts again (round 2). */
function answerReturn(sim: RequestSim, plan: RequestPlan, returnedAt: Date): boolean {
  const at = sim.after(returnedAt, sim.rng.lognormal(DELAYS.requesterAnswer.median, DELAYS.requesterAnswer.spread));
  if (!sim.reach(at)) return false;
  const { service } = sim.options;
  const approvals = routeApprovals(service, plan.requester, plan.fields, routingOf(plan));
  const first = approvals.findIndex((s) => s.status === 'pending');
  if (first >= 0) approvals[first] = sim.activate(approvals[first] as (typeof approvals)[number], at);
  sim.emit(
    {
      at: at.toISOString(),
      actorId: plan.requester.id,
      actorName: plan.requester.name,
      type: 'info_provided',
      from: 'waiting_for_requester',
      to: 'pending_approval',
      comment: 'Corrected',
    },
    { status: 'pending_approval', resumeStatus: null, approvals, currentStage: first, round: sim.request.round + 1 },
  );
  return runApprovals(sim, plan);
}

/** Every stage in turn; true when all are approved. */
export function runApprovals(sim: RequestSim, plan: RequestPlan): boolean {
  while (sim.request.status === 'pending_approval' && sim.request.currentStage !== null) {
    if (!decideStage(sim, plan)) return false;
    if (sim.request.status !== 'pending_approval') return false;
  }
  return sim.request.status === 'pending_approval';
}

export const agentFor = (sim: RequestSim, plan: RequestPlan) => sim.rng.pick(plan.agentsOf(sim.request.team));

export const queueDelay = (sim: RequestSim) => {
  const d = sim.request.team === UNDERSTAFFED_TEAM ? DELAYS.understaffedQueue : DELAYS.queue;
  return sim.rng.lognormal(d.median, d.spread);
};
