/**
 * Submitting, listing and reading requests.
 */
import { ulid } from 'ulid';
import type { Locale, Service } from '../domain/catalog/schema';
import { DomainError, forbidden, notFound, validationFailed } from '../domain/errors';
import { validateForm } from '../domain/forms/validate';
import { t } from '../domain/i18n';
import { canView, isAdmin, relationsOf, visibleHistory } from '../domain/requests/access';
import type { HistoryEvent, Principal, RequestRecord, RequestStatus } from '../domain/requests/model';
import { newSla, withDueDates } from '../domain/sla/request-sla';
import { clock } from '../adapters/clock';
import {
  getRequest,
  getRequestWithHistory,
  insertRequest,
  listAll,
  listByRequester,
  listTeamQueue,
  type Page,
} from '../adapters/store/requests';
import type { IdempotencyDraft } from './idempotency';
import { calendarOf, catalog, todayFor } from './catalog';
import { presentRequest } from './present';

export function serviceOrFail(serviceId: string, locale: Locale, path = 'serviceId'): Service {
  const service = catalog.service(serviceId);
  if (!service) throw validationFailed(t(locale, 'serviceNotFound'), [{ path, message: t(locale, 'serviceNotFound') }]);
  return service;
}

export function validateFields(service: Service, fields: unknown, locale: Locale, dropHidden = false) {
  return validateForm(service.fields, fields, {
    locale,
    today: todayFor(service, clock.now()),
    isKnownUser: (id) => catalog.person(id) !== undefined,
    dropHidden,
  });
}

export async function submitRequest(
  principal: Principal,
  input: { serviceId: string; fields: Record<string, unknown> },
  locale: Locale,
  idempotency?: IdempotencyDraft,
) {
  const service = serviceOrFail(input.serviceId, locale);
  const form = validateFields(service, input.fields, locale);
  if (!form.ok) throw validationFailed(t(locale, 'formInvalid'), form.details);
  const now = clock.now();
  const at = now.toISOString();
  const id = ulid(now.getTime());
  // Until approval routing runs as a workflow, every request goes straight to its team's queue.
  const status: RequestStatus = 'in_progress';
  const request: RequestRecord = {
    id,
    serviceId: service.id,
    serviceTitle: service.title,
    requesterId: principal.id,
    requesterName: principal.name,
    status,
    resumeStatus: null,
    fields: form.values,
    version: 1,
    lastSeq: 1,
    assigneeId: null,
    assigneeName: null,
    team: service.team,
    createdAt: at,
    updatedAt: at,
    resolvedAt: null,
    sla: withDueDates({ ...newSla(), startedAt: at }, service.sla, calendarOf(service)),
    approvals: [],
  };
  const first: HistoryEvent = {
    seq: 1,
    at,
    actorId: principal.id,
    actorName: principal.name,
    type: 'submitted',
    to: status,
    data: { serviceId: service.id, team: service.team },
  };
  await insertRequest(request, first, idempotency && { ...idempotency, status: 201, requestId: id });
  return presentRequest(request, locale);
}

/** The request if the caller may see it; otherwise "not found", never revealing it exists. */
export async function visibleRequest(principal: Principal, id: string, locale: Locale) {
  const request = await getRequest(id);
  const relations = request && relationsOf(principal, request);
  if (!request || !relations || !canView(relations)) throw notFound(t(locale, 'requestNotFound'));
  return { request, relations };
}

export async function requestDetail(principal: Principal, id: string, locale: Locale) {
  const found = await getRequestWithHistory(id);
  const relations = found ? relationsOf(principal, found.request) : undefined;
  if (!found || !relations || !canView(relations)) throw notFound(t(locale, 'requestNotFound'));
  return { ...presentRequest(found.request, locale), history: visibleHistory(found.history, relations) };
}

export interface ListInput {
  view: 'mine' | 'queue' | 'approvals' | 'all';
  status?: RequestStatus;
  serviceId?: string;
  team?: string;
  limit: number;
  cursor?: string;
}

export async function listRequests(principal: Principal, input: ListInput, locale: Locale) {
  const page = await listPage(principal, input, locale);
  return { items: page.items.map((r) => presentRequest(r, locale)), nextCursor: page.nextCursor };
}

function listPage(principal: Principal, input: ListInput, locale: Locale): Promise<Page<RequestRecord>> {
  switch (input.view) {
    case 'mine':
      return listByRequester(principal.id, input);
    case 'queue': {
      // One Query per page: the team is the caller's first team unless `team` picks another of theirs.
      const team = input.team ?? principal.teams[0];
      if (team && !principal.teams.includes(team))
        throw new DomainError('validation_failed', t(locale, 'invalidInput'), [
          { path: 'team', message: t(locale, 'notATeamMember', { team }) },
        ]);
      return team ? listTeamQueue(team, input) : Promise.resolve({ items: [], nextCursor: null });
    }
    case 'approvals':
      return Promise.resolve({ items: [], nextCursor: null });
    case 'all':
      if (!isAdmin(principal)) throw forbidden(t(locale, 'adminsOnly'));
      return listAll(input);
  }
}
