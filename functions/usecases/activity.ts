/**
 * Comments and actions on a request: read (one GetItem), decide in the domain, commit the new state
 * and its history event in one conditional transaction.
 */
import type { Locale, Service } from '../domain/catalog/schema';
import { conflict, forbidden, notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { canView, relationsOf, seesInternal, type Relation } from '../domain/requests/access';
import { applyAction, type ActionInput } from '../domain/requests/actions';
import { rerouteReason, type RerouteReason } from '../domain/requests/approved-content';
import type { Principal, RequestRecord } from '../domain/requests/model';
import { withDueDates } from '../domain/sla/request-sla';
import type { IdempotencyDraft } from './idempotency';
import { calendarOf, catalog } from './catalog';
import { mutate, TransientError, type Mutation, type MutatePorts } from './mutate';
import { presentRequest } from './present';
import { validateFields } from './form-fields';
import { needsNewApproval, reroute, type RoutingPorts } from './routing';

export type ActivityPorts = MutatePorts & RoutingPorts;

interface Target {
  id: string;
  version?: number;
  locale: Locale;
  idempotency?: IdempotencyDraft;
  status: number;
}

async function change(
  ports: MutatePorts,
  principal: Principal,
  target: Target,
  decide: (request: RequestRecord, relations: Set<Relation>) => Mutation | Promise<Mutation>,
) {
  const { locale } = target;
  try {
    return await mutate(
      ports,
      target.id,
      (request) => {
        const relations = relationsOf(principal, request);
        if (!canView(relations)) throw notFound(t(locale, 'requestNotFound'));
        if (target.version !== undefined && target.version !== request.version)
          throw conflict(t(locale, 'staleVersion', { current: request.version }), [
            { path: 'version', message: t(locale, 'staleVersion', { current: request.version }) },
          ]);
        return decide(request, relations);
      },
      {
        missing: () => notFound(t(locale, 'requestNotFound')),
        actorId: principal.id,
        idempotency: (request, seq) =>
          target.idempotency && { ...target.idempotency, status: target.status, requestId: request.id, seq },
      },
    );
  } catch (error) {
    if (error instanceof TransientError) throw conflict(t(locale, 'concurrentChange'));
    throw error;
  }
}

/** Deadlines follow every change of the SLA clock (pauses, resumption). */
function withSla(request: RequestRecord, changes: Partial<RequestRecord>): Partial<RequestRecord> {
  const service = catalog.service(request.serviceId);
  if (!service || !changes.sla) return changes;
  return { ...changes, sla: withDueDates(changes.sla, service.sla, calendarOf(service)) };
}

/**
 * A request returned by an approver goes through its approval chain again, on the updated form; so
 * does an approved one whose requester changed a field the approvers saw (F2), and one whose new
 * answers need an approval it does not have (e.g. a higher amount). The reason goes on the event.
 */
async function routeAgainIfNeeded(
  ports: ActivityPorts,
  current: RequestRecord,
  changes: Partial<RequestRecord>,
  input: ActionInput,
  service: Service | undefined,
): Promise<{ changes: Partial<RequestRecord>; because?: RerouteReason }> {
  if (!service || input.type !== 'provide_info') return { changes };
  const next = { ...current, ...changes };
  const because = await whyRouteAgain(ports, current, next, service);
  if (!because) return { changes };
  return { changes: { ...changes, ...(await reroute(ports, next, service, ports.clock.now())) }, because };
}

/** The domain's reasons first (returned, approved fields changed), then whether a new stage applies. */
async function whyRouteAgain(
  ports: ActivityPorts,
  current: RequestRecord,
  next: RequestRecord,
  service: Service,
): Promise<RerouteReason | undefined> {
  const reason = rerouteReason(service, current, next);
  if (reason) return reason;
  return (await needsNewApproval(ports, next, service, ports.clock.now()))
    ? { reroutedBecause: 'approval_needed' }
    : undefined;
}

export async function performAction(
  ports: ActivityPorts,
  principal: Principal,
  id: string,
  input: ActionInput & { version?: number },
  context: { locale: Locale; idempotency?: IdempotencyDraft },
) {
  const { locale } = context;
  const { request } = await change(
    ports,
    principal,
    { id, version: input.version, status: 200, ...context },
    async (current, relations) => {
      const service = catalog.service(current.serviceId);
      const transition = applyAction(current, input, {
        principal,
        relations,
        now: ports.clock.now().toISOString(),
        locale,
        teamAgent: (userId, team) => {
          const person = ports.directory.person(userId);
          return person?.teams.includes(team) && person.roles.includes('agent') ? { name: person.name } : undefined;
        },
        validateFields: (values) =>
          service
            ? validateFields(ports, service, values, locale, true)
            : { ok: false, details: [{ path: 'fields', message: t(locale, 'serviceNotFound') }] },
      });
      const { changes, because } = await routeAgainIfNeeded(
        ports,
        current,
        withSla(current, transition.changes),
        input,
        service,
      );
      // The event says where the request really went (back to approval when it was routed again), and why.
      const event = changes.status ? { ...transition.event, to: changes.status } : transition.event;
      if (because) event.data = { ...event.data, ...because };
      return { changes, events: [event], bumpsVersion: true };
    },
  );
  return presentRequest(request, locale);
}

export async function addComment(
  ports: MutatePorts,
  principal: Principal,
  id: string,
  input: { text: string; internal?: boolean },
  context: { locale: Locale; idempotency?: IdempotencyDraft },
) {
  const { events } = await change(ports, principal, { id, status: 201, ...context }, (request, relations) => {
    const internal = input.internal === true;
    if (internal && !seesInternal(relations)) throw forbidden(t(context.locale, 'internalForTeam'));
    // A closed or cancelled request is over: nobody works on it, so a comment would go unanswered.
    if (request.status === 'closed' || request.status === 'cancelled')
      throw conflict(t(context.locale, 'commentsClosed'));
    // A public answer from the team is the first response the SLA waits for.
    const answers = !internal && (relations.has('team') || relations.has('assignee')) && !request.sla.respondedAt;
    const now = ports.clock.now().toISOString();
    return {
      changes: answers ? { sla: { ...request.sla, respondedAt: now } } : {},
      events: [
        {
          at: now,
          actorId: principal.id,
          actorName: principal.name,
          type: 'comment',
          comment: input.text.trim(),
          internal: internal || undefined,
        },
      ],
      bumpsVersion: false,
    };
  });
  return events[0];
}
