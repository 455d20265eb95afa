/**
 * Comments and actions on a request. Each is: read the request (one GetItem), decide in the domain,
 * commit the new state and its history event in one conditional transaction. If another change
 * landed in between, the decision is taken again on fresh data (unless the caller pinned a version).
 */
import type { Locale } from '../domain/catalog/schema';
import { conflict, forbidden } from '../domain/errors';
import { t } from '../domain/i18n';
import { seesInternal, type Relation } from '../domain/requests/access';
import { applyAction, type ActionInput, type Transition } from '../domain/requests/actions';
import type { HistoryEvent, Principal, RequestRecord } from '../domain/requests/model';
import { withDueDates } from '../domain/sla/request-sla';
import { clock } from '../adapters/clock';
import { commitChange, WriteConflictError } from '../adapters/store/requests';
import type { IdempotencyDraft } from './idempotency';
import { calendarOf, catalog } from './catalog';
import { presentRequest } from './present';
import { validateFields, visibleRequest } from './requests';

const ATTEMPTS = 3;

interface Decision {
  transition: Transition;
  /** State changes bump the version; comments only append history. */
  bumpsVersion: boolean;
}

async function change(
  principal: Principal,
  target: { id: string; version?: number; locale: Locale; idempotency?: IdempotencyDraft; status: number },
  decide: (request: RequestRecord, relations: Set<Relation>) => Decision,
) {
  for (let attempt = 1; ; attempt++) {
    const { request, relations } = await visibleRequest(principal, target.id, target.locale);
    if (target.version !== undefined && target.version !== request.version)
      throw conflict(t(target.locale, 'staleVersion', { current: request.version }), [
        { path: 'version', message: t(target.locale, 'staleVersion', { current: request.version }) },
      ]);
    const { transition, bumpsVersion } = decide(request, relations);
    const seq = request.lastSeq + 1;
    const after = settle(request, transition, { seq, bumpsVersion });
    const event: HistoryEvent = { ...transition.event, seq };
    try {
      await commitChange(
        request,
        after,
        event,
        target.idempotency && { ...target.idempotency, status: target.status, requestId: request.id, seq },
      );
      return { request: after, event };
    } catch (error) {
      const retry = error instanceof WriteConflictError && error.reason === 'changed' && attempt < ATTEMPTS;
      if (retry && target.version === undefined) continue;
      if (error instanceof WriteConflictError && error.reason === 'changed')
        throw conflict(t(target.locale, 'concurrentChange'));
      throw error;
    }
  }
}

function settle(
  request: RequestRecord,
  transition: Transition,
  next: { seq: number; bumpsVersion: boolean },
): RequestRecord {
  const merged: RequestRecord = {
    ...request,
    ...transition.changes,
    lastSeq: next.seq,
    version: request.version + (next.bumpsVersion ? 1 : 0),
    updatedAt: transition.event.at,
  };
  const service = catalog.service(request.serviceId);
  if (!service || merged.sla === request.sla) return merged;
  return { ...merged, sla: withDueDates(merged.sla, service.sla, calendarOf(service)) };
}

export async function performAction(
  principal: Principal,
  id: string,
  input: ActionInput & { version?: number },
  context: { locale: Locale; idempotency?: IdempotencyDraft },
) {
  const { request } = await change(
    principal,
    { id, version: input.version, locale: context.locale, idempotency: context.idempotency, status: 200 },
    (current, relations) => {
      const service = catalog.service(current.serviceId);
      const transition = applyAction(current, input, {
        principal,
        relations,
        now: clock.nowIso(),
        locale: context.locale,
        teamAgent: (userId, team) => {
          const person = catalog.person(userId);
          return person?.teams.includes(team) && person.roles.includes('agent') ? { name: person.name } : undefined;
        },
        validateFields: (values) =>
          service
            ? validateFields(service, values, context.locale, true)
            : { ok: false, details: [{ path: 'fields', message: t(context.locale, 'serviceNotFound') }] },
      });
      return { transition, bumpsVersion: true };
    },
  );
  return presentRequest(request, context.locale);
}

export async function addComment(
  principal: Principal,
  id: string,
  input: { text: string; internal?: boolean },
  context: { locale: Locale; idempotency?: IdempotencyDraft },
) {
  const { event } = await change(
    principal,
    { id, locale: context.locale, idempotency: context.idempotency, status: 201 },
    (request, relations) => {
      const internal = input.internal === true;
      if (internal && !seesInternal(relations)) throw forbidden(t(context.locale, 'internalForTeam'));
      // A public answer from the team is the first response the SLA waits for.
      const answers = !internal && (relations.has('team') || relations.has('assignee')) && !request.sla.respondedAt;
      const now = clock.nowIso();
      return {
        transition: {
          changes: answers ? { sla: { ...request.sla, respondedAt: now } } : {},
          event: {
            at: now,
            actorId: principal.id,
            actorName: principal.name,
            type: 'comment',
            comment: input.text.trim(),
            internal: internal || undefined,
          },
        },
        bumpsVersion: false,
      };
    },
  );
  return event;
}
