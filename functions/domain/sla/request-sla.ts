/**
 * A request's SLA deadlines, always recomputed from when it entered the queue and its pauses, so a
 * changed calendar or a late pause never loses time.
 */
import type { SlaState } from '../requests/model';
import type { BusinessCalendar } from './business-calendar';

export interface SlaTargets {
  responseHours: number;
  resolutionHours: number;
}

export function withDueDates(sla: SlaState, targets: SlaTargets, calendar: BusinessCalendar): SlaState {
  if (!sla.startedAt) return sla;
  const start = new Date(sla.startedAt);
  const pauses = sla.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) }));
  const due = (hours: number) => calendar.dueAt(start, hours, pauses)?.toISOString() ?? null;
  return {
    ...sla,
    // Once answered, the response deadline is history and no longer moves.
    responseDueAt: sla.respondedAt ? sla.responseDueAt : due(targets.responseHours),
    resolutionDueAt: due(targets.resolutionHours),
  };
}

export const newSla = (): SlaState => ({
  startedAt: null,
  responseDueAt: null,
  resolutionDueAt: null,
  respondedAt: null,
  pauses: [],
  breached: false,
});
