/**
 * The team's part of a demo request: it enters the queue (assigned automatically, or waiting for
 * someone to take it), gets a first response, maybe asks the requester something, is resolved and
 * then closed or reopened. Legal answers late; everything stops at `now`.
 */
import type { Person } from '../../functions/domain/catalog/schema';
import type { RequestRecord } from '../../functions/domain/requests/model';
import { agentFor, person, queueDelay, type RequestPlan } from './lifecycle';
import { DELAYS, ODDS, UNDERSTAFFED_TEAM } from './profile';
import { SYSTEM_ACTOR } from '../../functions/domain/requests/model';
import type { RequestSim } from './request-sim';

const iso = (d: Date) => d.toISOString();
const by = (p: Person) => ({ actorId: p.id, actorName: p.name });

function enterQueue(sim: RequestSim, plan: RequestPlan, at: Date) {
  const entering = sim.request.status === 'pending_approval';
  const manual = sim.options.service.assignment === 'manual';
  const agent = manual ? undefined : agentFor(sim, plan);
  const changes: Partial<RequestRecord> = { status: 'in_progress', currentStage: null };
  if (entering) changes.sla = sim.startedSla(at);
  if (agent) Object.assign(changes, { assigneeId: agent.id, assigneeName: agent.name });
  sim.emit(
    {
      at: iso(at),
      ...SYSTEM_ACTOR,
      type: agent ? 'assigned' : 'status_changed',
      ...(entering ? { from: 'pending_approval' as const, to: 'in_progress' as const } : {}),
      data: agent
        ? { assigneeId: agent.id, assigneeName: agent.name, reason: 'auto', strategy: sim.options.service.assignment }
        : { reason: 'manual_assignment' },
    },
    changes,
  );
}

/** The first answer: an agent takes an unassigned request, or the assignee writes to the requester. */
function firstResponse(sim: RequestSim, plan: RequestPlan, at: Date): Person {
  const responded = { ...sim.request.sla, respondedAt: sim.request.sla.respondedAt ?? iso(at) };
  if (sim.request.assigneeId) {
    const assignee = person(plan.org, sim.request.assigneeId);
    sim.emit({ at: iso(at), ...by(assignee), type: 'comment', comment: 'Taken into work' }, { sla: responded }, false);
    return assignee;
  }
  const agent = agentFor(sim, plan);
  sim.emit(
    {
      at: iso(at),
      ...by(agent),
      type: 'assigned',
      data: { assigneeId: agent.id, assigneeName: agent.name, previousAssigneeId: null, reason: 'taken' },
    },
    { assigneeId: agent.id, assigneeName: agent.name, sla: responded },
  );
  return agent;
}

/** The assignee asks; the requester answers later. False if it stops. */
function askRequester(sim: RequestSim, plan: RequestPlan, assignee: Person, at: Date): Date | null {
  if (!sim.reach(at)) return null;
  sim.emit(
    {
      at: iso(at),
      ...by(assignee),
      type: 'info_requested',
      from: 'in_progress',
      to: 'waiting_for_requester',
      comment: 'Which cost centre?',
    },
    {
      status: 'waiting_for_requester',
      resumeStatus: 'in_progress',
      sla: sim.recomputeSla({ ...sim.request.sla, pauses: [...sim.request.sla.pauses, { from: iso(at), to: null }] }),
    },
  );
  const answered = sim.after(at, sim.rng.lognormal(DELAYS.requesterAnswer.median, DELAYS.requesterAnswer.spread));
  if (!sim.reach(answered)) return null;
  const pauses = sim.request.sla.pauses.map((p) => (p.to === null ? { ...p, to: iso(answered) } : p));
  sim.emit(
    {
      at: iso(answered),
      ...by(plan.requester),
      type: 'info_provided',
      from: 'waiting_for_requester',
      to: 'in_progress',
      comment: 'CC-42',
    },
    { status: 'in_progress', resumeStatus: null, sla: sim.recomputeSla({ ...sim.request.sla, pauses }) },
  );
  return answered;
}

function resolve(sim: RequestSim, assignee: Person, at: Date) {
  sim.emit(
    { at: iso(at), ...by(assignee), type: 'resolved', from: sim.request.status, to: 'resolved', comment: 'Done' },
    { status: 'resolved', resolvedAt: iso(at), resumeStatus: null },
  );
}

const workHours = (sim: RequestSim) => {
  const d = sim.request.team === UNDERSTAFFED_TEAM ? DELAYS.understaffedWorkShare : DELAYS.workShare;
  return sim.options.service.sla.resolutionHours * sim.rng.lognormal(d.median, d.spread);
};

function cancel(sim: RequestSim, plan: RequestPlan, at: Date) {
  if (!sim.reach(at)) return;
  sim.emit(
    {
      at: iso(at),
      ...by(plan.requester),
      type: 'cancelled',
      from: sim.request.status,
      to: 'cancelled',
      comment: 'No longer needed',
    },
    { status: 'cancelled', resumeStatus: null },
  );
}

/** After the resolution: reopened and resolved again, or closed by the requester, or left resolved. */
function afterResolution(sim: RequestSim, plan: RequestPlan, assignee: Person, resolvedAt: Date) {
  const later = sim.after(resolvedAt, sim.rng.lognormal(DELAYS.closeAfter.median, DELAYS.closeAfter.spread));
  if (!sim.reach(later)) return;
  if (sim.rng.chance(ODDS.reopen)) {
    sim.emit(
      {
        at: iso(later),
        ...by(plan.requester),
        type: 'reopened',
        from: 'resolved',
        to: 'in_progress',
        comment: 'Not quite',
      },
      { status: 'in_progress', resolvedAt: null },
    );
    const again = sim.after(later, workHours(sim) / 2);
    if (sim.reach(again)) resolve(sim, assignee, again);
    return;
  }
  if (sim.rng.chance(ODDS.close))
    sim.emit(
      { at: iso(later), ...by(plan.requester), type: 'closed', from: 'resolved', to: 'closed' },
      { status: 'closed' },
    );
}

/** From the end of the approvals (or the submission) to the end. */
export function fulfil(sim: RequestSim, plan: RequestPlan, approvedAt: Date) {
  const queuedAt = sim.request.status === 'pending_approval' ? new Date(approvedAt.getTime() + 60_000) : approvedAt;
  if (!sim.reach(queuedAt)) return;
  if (sim.request.status === 'pending_approval' || sim.request.assigneeId === null) enterQueue(sim, plan, queuedAt);
  const respondAt = sim.after(queuedAt, queueDelay(sim));
  if (sim.rng.chance(ODDS.cancel)) return cancel(sim, plan, sim.after(queuedAt, queueDelay(sim) / 2));
  if (!sim.reach(respondAt)) return;
  const assignee = firstResponse(sim, plan, respondAt);
  let from: Date | null = respondAt;
  if (sim.rng.chance(ODDS.requestInfo))
    from = askRequester(sim, plan, assignee, sim.after(respondAt, workHours(sim) / 3));
  if (!from) return;
  const resolvedAt = sim.after(from, workHours(sim));
  if (!sim.reach(resolvedAt)) return;
  resolve(sim, assignee, resolvedAt);
  afterResolution(sim, plan, assignee, resolvedAt);
}
