/**
 * Submitting, listing and reading requests.
 */
import { ulid } from 'ulid';
import type { Locale, Service } from '../domain/catalog/schema';
import { DomainError, forbidden, notFound, validationFailed } from '../domain/errors';
import { t } from '../domain/i18n';
import { canView, isAdmin, relationsOf, visibleHistory } from '../domain/requests/access';
import type { HistoryEvent, Principal, RequestRecord, RequestStatus } from '../domain/requests/model';
import { newRequestRecord } from '../domain/requests/new-request';
import { expectedCompletion } from '../domain/sla/expected-completion';
import { InvalidCursorError, type Calls, type ListOptions, type Needs, type Page } from '../ports';
import type { IdempotencyDraft } from './idempotency';
import { calendarOf, catalog } from './catalog';
import { validateFields } from './form-fields';
import { commitNew, rateLimitFor, withSlaTimer } from './commit';
import { isRequestId } from './mutate';
import { requesterOf, todayUtc } from './org';
import { assertRoutable, routedState, routeRequest, type RoutingPorts } from './routing';
import { presentRequest } from './present';
import { presentListItem, searchFor } from './list-item';

export function serviceOrFail(serviceId: string, locale: Locale, path = 'serviceId'): Service {
  const service = catalog.service(serviceId);
  if (!service) throw validationFailed(t(locale, 'serviceNotFound'), [{ path, message: t(locale, 'serviceNotFound') }]);
  return service;
}

export type SubmitPorts = Calls<'requests', 'insertRequest'> &
  Calls<'workflows', 'start' | 'stop'> &
  RoutingPorts &
  Needs<'clock'>;
type ReadPorts = Calls<'requests', 'listByRequester' | 'listTeamQueue' | 'listAll'> &
  Calls<'approvals', 'listApprovalTasks'> &
  Calls<'absences', 'delegatorsOf'> &
  Needs<'clock' | 'directory'>;

export async function submitRequest(
  ports: SubmitPorts,
  principal: Principal,
  input: { serviceId: string; fields: Record<string, unknown> },
  locale: Locale,
  idempotency?: IdempotencyDraft,
) {
  const service = serviceOrFail(input.serviceId, locale);
  const form = validateFields(ports, service, input.fields, locale);
  if (!form.ok) throw validationFailed(t(locale, 'formInvalid'), form.details);
  const now = ports.clock.now();
  const at = now.toISOString();
  const id = ulid(now.getTime());
  const route = await routeRequest(ports, service, requesterOf(ports.directory, principal), form.values, now);
  assertRoutable(route, locale);
  const request: RequestRecord = {
    ...newRequestRecord({ id, service, requester: principal, fields: form.values, at }),
    ...routedState(route, service, now),
  };
  const notes = route.approvals.flatMap((s) => (s.notes ?? []).map((note) => ({ stage: s.stage, ...note })));
  const first: HistoryEvent = {
    seq: 1,
    at,
    actorId: principal.id,
    actorName: principal.name,
    type: 'submitted',
    to: request.status,
    data: { serviceId: service.id, team: service.team, ...(notes.length > 0 ? { routing: notes } : {}) },
  };
  const routed = withSlaTimer(undefined, request);
  await commitNew(ports, routed, first, {
    idempotency: idempotency && { ...idempotency, status: 201, requestId: id },
    rateLimit: rateLimitFor(ports.clock, principal.id),
  });
  return presentRequest(routed, locale);
}

export async function requestDetail(
  ports: Calls<'requests', 'getRequestWithHistory'> & Calls<'absences', 'delegatorsOf'> & Needs<'clock'>,
  principal: Principal,
  id: string,
  locale: Locale,
) {
  const { clock } = ports;
  const found = isRequestId(id) ? await ports.requests.getRequestWithHistory(id) : undefined;
  if (!found) throw notFound(t(locale, 'requestNotFound'));
  let relations = relationsOf(principal, found.request);
  // A delegate sees the requests they decide for; only asked when nothing else lets them see it.
  if (!canView(relations) && found.request.status === 'pending_approval')
    relations = relationsOf(
      principal,
      found.request,
      new Set(await ports.absences.delegatorsOf(principal.id, todayUtc(clock))),
    );
  if (!canView(relations)) throw notFound(t(locale, 'requestNotFound'));
  const service = catalog.service(found.request.serviceId);
  const expectedDoneAt = service
    ? expectedCompletion(found.request, service.sla.resolutionHours, calendarOf(service), clock.now())
    : null;
  return {
    ...presentRequest(found.request, locale),
    history: visibleHistory(found.history, relations),
    expectedDoneAt,
  };
}

export interface ListInput {
  view: 'mine' | 'queue' | 'approvals' | 'all';
  status?: RequestStatus;
  serviceId?: string;
  team?: string;
  /** A user id, or `none`: the requests nobody is assigned to. */
  assigneeId?: string;
  /** Free text: words of the title, summary, requester, assignee or code. */
  q?: string;
  limit: number;
  cursor?: string;
}

export async function listRequests(ports: ReadPorts, principal: Principal, input: ListInput, locale: Locale) {
  const { assigneeId, q, ...rest } = input;
  const options = {
    ...rest,
    ...(assigneeId ? { assigneeId: assigneeId === 'none' ? null : assigneeId } : {}),
    matches: searchFor(ports.directory, q, locale),
  };
  const page = await listPage(ports, principal, options, locale).catch((error: unknown) => {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw validationFailed(t(locale, 'badCursor'), [{ path: 'query.cursor', message: t(locale, 'badCursor') }]);
  });
  const now = ports.clock.now();
  return {
    items: page.items.map((r) => presentListItem(ports.directory, r, locale, now)),
    nextCursor: page.nextCursor,
  };
}

type PageInput = Omit<ListInput, 'assigneeId' | 'q'> & ListOptions;

function listPage(
  ports: ReadPorts,
  principal: Principal,
  input: PageInput,
  locale: Locale,
): Promise<Page<RequestRecord>> {
  switch (input.view) {
    case 'mine':
      return ports.requests.listByRequester(principal.id, input);
    case 'queue': {
      // One Query per page: the team is the caller's first team unless `team` picks another of theirs.
      const team = input.team ?? principal.teams[0];
      if (team && !principal.teams.includes(team))
        throw new DomainError('validation_failed', t(locale, 'invalidInput'), [
          { path: 'query.team', message: t(locale, 'notATeamMember', { team }) },
        ]);
      return team ? ports.requests.listTeamQueue(team, input) : Promise.resolve({ items: [], nextCursor: null });
    }
    case 'approvals':
      return approvalInbox(ports, principal, input);
    case 'all':
      if (!isAdmin(principal)) throw forbidden(t(locale, 'adminsOnly'));
      return ports.requests.listAll(input);
  }
}

/**
 * Requests waiting for the caller's decision, oldest first: their own inbox (one Query, paged), plus
 * the inboxes of people they currently decide for as a delegate (first page of each, merged).
 */
async function approvalInbox(ports: ReadPorts, principal: Principal, input: PageInput): Promise<Page<RequestRecord>> {
  const own = await ports.approvals.listApprovalTasks(principal.id, input);
  if (input.cursor) return own;
  const delegators = await ports.absences.delegatorsOf(principal.id, todayUtc(ports.clock));
  if (delegators.length === 0) return own;
  const firstPage = { ...input, cursor: undefined };
  const pages = await Promise.all(delegators.map((id) => ports.approvals.listApprovalTasks(id, firstPage)));
  const seen = new Set<string>();
  // A delegate never decides their own request, even when its approver delegated to them.
  const merged = [own, ...pages]
    .flatMap((page) => page.items)
    .filter((r) => r.requesterId !== principal.id && !seen.has(r.id) && seen.add(r.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { items: merged.slice(0, input.limit), nextCursor: own.nextCursor };
}
