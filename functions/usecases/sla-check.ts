/**
 * The SLA timer's wake-up: announce the thresholds that passed (once each), escalate breaches to the
 * team lead, and say when to wake next. A timer superseded by a newer one ends.
 */
import { watchSla } from '../domain/sla/sla-watch';
import type { Needs } from '../ports';
import { calendarOf, catalog } from './catalog';
import { mutate, type MutatePorts } from './mutate';

export interface SlaWake {
  done: boolean;
  wakeAt: string | null;
}

export async function checkSla(
  ports: MutatePorts & Needs<'directory'>,
  input: { requestId: string; timer: string },
): Promise<SlaWake> {
  let answer: SlaWake = { done: true, wakeAt: null };
  await mutate(ports, input.requestId, (request) => {
    const service = catalog.service(request.serviceId);
    if (!service || request.slaTimer !== input.timer) {
      answer = { done: true, wakeAt: null };
      return null;
    }
    const watch = watchSla(request, {
      targets: service.sla,
      calendar: calendarOf(service),
      now: ports.clock.now(),
      teamLeadId: ports.directory.team(request.team)?.leadId,
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
}
