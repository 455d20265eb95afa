/**
 * Routing a request through its approval chain: at submit, on preview, and again when a returned
 * request is resubmitted.
 */
import type { Locale, Person, Service } from '../domain/catalog/schema';
import type { FieldValues } from '../domain/forms/conditions';
import { conflict } from '../domain/errors';
import { t } from '../domain/i18n';
import { hasUnroutableStage, routeApprovals } from '../domain/routing/approval-chain';
import type { ApprovalStageState, RequestRecord } from '../domain/requests/model';
import { newSla, withDueDates } from '../domain/sla/request-sla';
import type { Calls, Needs } from '../ports';
import { calendarOf, catalog } from './catalog';
import { absencesToday, activateStage, requesterOf } from './org';

export type RoutingPorts = Calls<'absences', 'currentAbsences'> & Needs<'directory'>;

export interface Route {
  approvals: ApprovalStageState[];
  currentStage: number | null;
}

export async function routeRequest(
  ports: RoutingPorts,
  service: Service,
  requester: Person,
  fields: FieldValues,
  now: Date,
): Promise<Route> {
  const absences = await absencesToday(ports, service, now);
  const approvals = routeApprovals(service, requester, fields, {
    org: ports.directory,
    delegateOf: absences.delegateOf,
    fallback: catalog.data.company.fallbackApprovers,
  });
  const first = approvals.findIndex((s) => s.status === 'pending');
  if (first >= 0) approvals[first] = activateStage(approvals[first] as ApprovalStageState, service, now);
  return { approvals, currentStage: first >= 0 ? first : null };
}

/** Routing fails closed: a request with a stage nobody can decide is not accepted (409, say whom to ask). */
export function assertRoutable(route: Route, locale: Locale): void {
  if (hasUnroutableStage(route.approvals)) throw conflict(t(locale, 'noApprover'));
}

/** The state a request takes once routed: waiting for its first stage, or straight in the queue. */
export function routedState(route: Route, service: Service, now: Date): Partial<RequestRecord> {
  if (route.currentStage !== null) return { ...route, status: 'pending_approval', sla: newSla() };
  const sla = withDueDates({ ...newSla(), startedAt: now.toISOString() }, service.sla, calendarOf(service));
  return { ...route, status: 'in_progress', sla };
}

/** A resubmitted request: a new approval round on its current form. */
export async function reroute(
  ports: RoutingPorts,
  request: RequestRecord,
  service: Service,
  now: Date,
): Promise<Partial<RequestRecord>> {
  const requester = requesterOf(ports.directory, { id: request.requesterId, name: request.requesterName });
  const route = await routeRequest(ports, service, requester, request.fields, now);
  assertRoutable(route, requester.locale);
  return { ...routedState(route, service, now), round: request.round + 1, resumeStatus: null };
}

/** True when the request's current form needs an approval stage it has not passed. */
export async function needsNewApproval(
  ports: RoutingPorts,
  request: RequestRecord,
  service: Service,
  now: Date,
): Promise<boolean> {
  if (service.approvals.length === 0) return false;
  const requester = requesterOf(ports.directory, { id: request.requesterId, name: request.requesterName });
  const route = await routeRequest(ports, service, requester, request.fields, now);
  const approved = new Set(request.approvals.filter((s) => s.status === 'approved').map((s) => s.stage));
  return route.approvals.some((s) => s.status === 'pending' && !approved.has(s.stage));
}
