/**
 * What the SLA timer does when it wakes: which thresholds (75 % warning, 100 % breach, for the
 * response and the resolution clocks) have passed and not been announced yet, and when to wake next.
 * Recomputed from the request's start and pauses every time, so nothing is lost or announced twice.
 */
import type { NewEvent, RequestRecord } from '../requests/model';
import { isInQueue, SYSTEM_ACTOR } from '../requests/model';
import type { BusinessCalendar } from './business-calendar';
import type { SlaTargets } from './request-sla';

export const WARNING_SHARE = 0.75;
/** While the clock is paused there is no deadline to wait for: look again a day later. */
const PAUSED_RECHECK_MS = 24 * 3600 * 1000;

export interface SlaWatch {
  done: boolean;
  events: NewEvent[];
  slaEvents: string[];
  breached: boolean;
  wakeAt: string | null;
}

interface Threshold {
  key: string;
  at: Date;
  clock: 'response' | 'resolution';
  kind: 'warning' | 'breach';
}

function thresholds(request: RequestRecord, targets: SlaTargets, calendar: BusinessCalendar): Threshold[] | null {
  const { sla } = request;
  if (!sla.startedAt) return [];
  const start = new Date(sla.startedAt);
  const pauses = sla.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) }));
  const clocks: ['response' | 'resolution', number][] = [['resolution', targets.resolutionHours]];
  if (!sla.respondedAt) clocks.push(['response', targets.responseHours]);
  const list: Threshold[] = [];
  for (const [clock, hours] of clocks) {
    for (const [kind, share] of [
      ['warning', WARNING_SHARE],
      ['breach', 1],
    ] as const) {
      const at = calendar.dueAt(start, hours * share, pauses);
      if (at === null) return null;
      list.push({ key: `${clock}_${kind}`, at, clock, kind });
    }
  }
  return list;
}

export function watchSla(
  request: RequestRecord,
  context: { targets: SlaTargets; calendar: BusinessCalendar; now: Date; teamLeadId: string | undefined },
): SlaWatch {
  const base = { events: [], slaEvents: request.slaEvents, breached: request.sla.breached };
  if (!isInQueue(request.status)) return { ...base, done: true, wakeAt: null };
  const all = thresholds(request, context.targets, context.calendar);
  if (all === null)
    return { ...base, done: false, wakeAt: new Date(context.now.getTime() + PAUSED_RECHECK_MS).toISOString() };
  const fresh = all.filter((th) => !request.slaEvents.includes(th.key));
  const due = fresh.filter((th) => th.at <= context.now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const later = fresh.filter((th) => th.at > context.now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const at = context.now.toISOString();
  const system = { at, ...SYSTEM_ACTOR };
  const events: NewEvent[] = due.flatMap((th): NewEvent[] => {
    const data = { clock: th.clock, dueAt: th.at.toISOString(), assigneeId: request.assigneeId };
    if (th.kind === 'warning') return [{ ...system, type: 'sla_warning' as const, data }];
    return [
      { ...system, type: 'sla_breached' as const, data },
      { ...system, type: 'escalated' as const, data: { clock: th.clock, escalatedTo: context.teamLeadId ?? null } },
    ];
  });
  return {
    done: later.length === 0,
    events,
    slaEvents: [...request.slaEvents, ...due.map((th) => th.key)],
    breached: request.sla.breached || due.some((th) => th.kind === 'breach'),
    wakeAt: later[0]?.at.toISOString() ?? null,
  };
}
