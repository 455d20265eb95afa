/**
 * The SLA timer's wake-up: announce the thresholds that passed (once each), escalate breaches to the
 * team lead, and say when to wake next. A timer superseded by a newer one ends.
 */
import { watchSla } from '../domain/sla/sla-watch';
import { clock } from '../adapters/clock';
import { calendarOf, catalog } from '../usecases/catalog';
import { mutate } from '../usecases/mutate';
import { workflowTask } from './task';

export const handler = workflowTask('sla-check', async (input: { requestId: string; timer: string }) => {
  let answer: { done: boolean; wakeAt: string | null } = { done: true, wakeAt: null };
  await mutate(input.requestId, (request) => {
    const service = catalog.service(request.serviceId);
    if (!service || request.slaTimer !== input.timer) {
      answer = { done: true, wakeAt: null };
      return null;
    }
    const watch = watchSla(request, {
      targets: service.sla,
      calendar: calendarOf(service),
      now: clock.now(),
      teamLeadId: catalog.team(request.team)?.leadId,
    });
    answer = { done: watch.done, wakeAt: watch.wakeAt };
    if (watch.events.length === 0) return null;
    return {
      changes: { slaEvents: watch.slaEvents, sla: { ...request.sla, breached: watch.breached } },
      events: watch.events,
      bumpsVersion: false,
    };
  });
  return answer;
});
