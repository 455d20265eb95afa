/**
 * The route a request would take: who approves, on whose behalf, each stage's expected decision and
 * when it should be done. Asked while the form is being filled: only the values that pass validation
 * count, and a stage whose condition is on a field not filled yet is shown with that condition.
 */
import type { Locale, Service } from '../domain/catalog/schema';
import { conditionHolds, type FieldValues } from '../domain/forms/conditions';
import { describeCondition } from '../domain/forms/describe-condition';
import type { Principal } from '../domain/requests/model';
import { schedule } from '../domain/sla/expected-completion';
import { calendarOf } from './catalog';
import { requesterOf } from './org';
import { validateFields } from './form-fields';
import { routeRequest, type RoutingPorts } from './routing';
import type { Needs } from '../ports';

/** Whether a field's value is settled: filled in validly, or hidden by a condition on a filled field. */
function settled(service: Service, id: string, values: FieldValues): boolean {
  if (id in values) return true;
  const showIf = service.fields.find((f) => f.id === id)?.showIf;
  return showIf !== undefined && showIf.field in values && !conditionHolds(showIf, values);
}

export async function previewRoute(
  ports: RoutingPorts & Needs<'clock'>,
  principal: Principal,
  service: Service,
  fields: unknown,
  locale: Locale,
) {
  const values = validateFields(ports, service, fields, locale).values ?? {};
  const now = ports.clock.now();
  const requester = requesterOf(ports.directory, principal);
  const open = service.approvals.filter((s) => s.when && !settled(service, s.when.field, values));
  const known = await routeRequest(ports, service, requester, values, now);
  // The open stages routed as if they applied (the known ones from the route that is sure).
  const assumed =
    open.length === 0
      ? known
      : await routeRequest(
          ports,
          { ...service, approvals: service.approvals.map((s) => (open.includes(s) ? { ...s, when: undefined } : s)) },
          requester,
          values,
          now,
        );
  const stages = service.approvals.flatMap((rule) => {
    const condition = open.includes(rule) && rule.when ? describeCondition(rule.when, service.fields, locale) : null;
    const stage = (condition ? assumed : known).approvals.find((s) => s.stage === rule.id);
    return stage ? [{ stage, condition }] : [];
  });
  const pending = stages.filter(({ stage }) => stage.status === 'pending');
  const plan = schedule(
    calendarOf(service),
    now,
    pending.map(({ stage }) => stage.dueHours),
    service.sla.resolutionHours,
  );
  return {
    approvals: stages.map(({ stage: s, condition }) => {
      const index = pending.findIndex(({ stage }) => stage === s);
      const dueAt = plan.stages[index];
      return {
        stage: s.stage,
        title: s.title[locale],
        mode: s.mode,
        status: s.status,
        approvers: s.approvers.map(({ id, name, onBehalfOf }) => ({ id, name, ...(onBehalfOf ? { onBehalfOf } : {}) })),
        ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
        ...(condition ? { condition } : {}),
        ...(s.notes ? { notes: s.notes } : {}),
      };
    }),
    team: service.team,
    // With stages still open this is the latest date: the one if they all apply.
    dueAt: plan.done.toISOString(),
  };
}
