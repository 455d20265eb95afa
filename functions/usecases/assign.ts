/**
 * The request enters its team's queue: when approvals are complete it goes `in_progress` with its SLA
 * clocks started, and it is given to the least-loaded available agent (the reason is recorded), never
 * to its requester nor, where the service separates them, to whoever approved it; if that leaves
 * nobody, it waits unassigned in the queue. An approved absence request also records the requester's
 * absence and their deputy's delegation.
 */
import type { Service } from '../domain/catalog/schema';
import { SYSTEM_ACTOR, type NewEvent, type RequestRecord } from '../domain/requests/model';
import { fulfilmentExclusions } from '../domain/requests/segregation';
import { pickAssignee } from '../domain/routing/assignment';
import { newSla, withDueDates } from '../domain/sla/request-sla';
import type { Calls, Needs } from '../ports';
import { absenceWrites } from './absences';
import { calendarOf, catalog } from './catalog';
import { mutate, type MutatePorts, type Mutation } from './mutate';
import { absencesToday } from './org';

export type AssignPorts = MutatePorts &
  Calls<'absences', 'currentAbsences' | 'leavesOf'> &
  Needs<'directory' | 'teams'>;

const approvalsComplete = (r: RequestRecord) =>
  r.status === 'pending_approval' && r.approvals.every((s) => s.status === 'approved' || s.status === 'skipped');

async function chooseAssignee(ports: AssignPorts, request: RequestRecord, service: Service, now: Date) {
  if (service.assignment === 'manual') return undefined;
  const [absences, load, rotation] = await Promise.all([
    absencesToday(ports, service, now),
    ports.teams.openLoadByAssignee(request.team),
    ports.teams.nextRotation(request.team),
  ]);
  const agents = ports.directory.teamMembers(request.team).filter((p) => p.roles.includes('agent'));
  const excluded = fulfilmentExclusions(request, service);
  return pickAssignee(agents, load, absences.absent, { strategy: service.assignment, rotation, excluded });
}

/** Why nobody was given the request: manual assignment, or nobody available (and who was set aside). */
function unassignedReason(ports: AssignPorts, request: RequestRecord, service: Service) {
  if (service.assignment === 'manual') return { reason: 'manual_assignment' };
  const members = new Set(ports.directory.teamMembers(request.team).map((p) => p.id));
  const excluded = [...fulfilmentExclusions(request, service)]
    .filter(([id]) => members.has(id))
    .map(([id, reason]) => ({ id, reason }));
  return { reason: 'nobody_available', ...(excluded.length > 0 ? { excluded } : {}) };
}

/** What entering the queue changes: status, SLA start, assignee, and the event that says so. */
async function intoQueue(
  ports: AssignPorts,
  current: RequestRecord,
  service: Service,
  entering: boolean,
): Promise<Mutation | null> {
  const now = ports.clock.now();
  const at = now.toISOString();
  const choice = await chooseAssignee(ports, current, service, now);
  if (!choice && !entering) return null;
  const changes: Partial<RequestRecord> = { status: 'in_progress', currentStage: null };
  if (entering) changes.sla = withDueDates({ ...newSla(), startedAt: at }, service.sla, calendarOf(service));
  if (choice) Object.assign(changes, { assigneeId: choice.assignee.id, assigneeName: choice.assignee.name });
  const event: NewEvent = {
    at,
    ...SYSTEM_ACTOR,
    type: choice ? 'assigned' : 'status_changed',
    ...(entering ? { from: current.status, to: 'in_progress' as const } : {}),
    data: choice
      ? { assigneeId: choice.assignee.id, assigneeName: choice.assignee.name, reason: 'auto', ...choice.reason }
      : unassignedReason(ports, current, service),
  };
  return { changes, events: [event], bumpsVersion: true, absence: await absenceWrites(ports, current, service, now) };
}

/**
 * The lifecycle's assign step: a request whose approvals are complete enters the queue; one already in
 * it without an assignee is tried again. Anything else (another round, already assigned) is left alone.
 */
export async function enterQueue(ports: AssignPorts, input: { requestId: string; round: number }) {
  const { request } = await mutate(ports, input.requestId, (current) => {
    const service = catalog.service(current.serviceId);
    const entering = approvalsComplete(current);
    const unassigned = current.status === 'in_progress' && current.assigneeId === null;
    if (!service || current.round !== input.round || !(entering || unassigned)) return null;
    return intoQueue(ports, current, service, entering);
  });
  return { assigneeId: request.assigneeId };
}
