/**
 * One demo request's life as the real domain code would record it: a RequestRecord and its
 * history, built event by event with the real routing, decision and SLA-watch functions. Time only
 * moves forward; whatever would happen after `now` does not happen (the request stays open there).
 */
import type { Person, Service } from '../../functions/domain/catalog/schema';
import { decideApproval, type DecisionInput } from '../../functions/domain/requests/approvals';
import {
  isInQueue,
  type ApprovalStageState,
  type HistoryEvent,
  type NewEvent,
  type Principal,
  type RequestRecord,
} from '../../functions/domain/requests/model';
import type { BusinessCalendar } from '../../functions/domain/sla/business-calendar';
import { newSla, withDueDates } from '../../functions/domain/sla/request-sla';
import { watchSla } from '../../functions/domain/sla/sla-watch';
import type { Random } from './random';

export const principalOf = (person: Person): Principal => ({
  id: person.id,
  email: person.email,
  name: person.name,
  locale: person.locale,
  roles: person.roles,
  teams: person.teams,
});

export interface SimOptions {
  service: Service;
  calendar: BusinessCalendar;
  now: Date;
  rng: Random;
  teamLeadId: string | undefined;
}

export class RequestSim {
  request!: RequestRecord;
  readonly history: HistoryEvent[] = [];
  /** No SLA threshold falls due before this (ms); any change of the clocks resets it. */
  private quietUntil = 0;

  constructor(readonly options: SimOptions) {}

  get rng() {
    return this.options.rng;
  }

  /** `hours` business hours after `from`. */
  after(from: Date | string, hours: number): Date {
    return this.options.calendar.addBusinessHours(new Date(from), Math.max(hours, 0.02));
  }

  /** Records the SLA events due before `at`; false if `at` is after now (nothing more happens). */
  reach(at: Date): boolean {
    const past = at.getTime() <= this.options.now.getTime();
    this.watchSla(past ? at : this.options.now);
    return past;
  }

  start(request: RequestRecord, event: NewEvent) {
    this.request = { ...request, lastSeq: 0, version: 0 };
    this.emit(event, {});
  }

  emit(event: NewEvent, changes: Partial<RequestRecord>, bumpsVersion = true) {
    const seq = this.request.lastSeq + 1;
    const data = { ...event.data, imported: true };
    this.history.push({ ...event, data, seq });
    if (changes.sla || changes.status) this.quietUntil = 0;
    this.request = {
      ...this.request,
      ...changes,
      lastSeq: seq,
      version: this.request.version + (bumpsVersion ? 1 : 0),
      updatedAt: event.at,
    };
  }

  /** SLA warnings and breaches that fell due before `until`, at their due time (as the timer would). */
  private watchSla(until: Date) {
    const { request } = this;
    if (!isInQueue(request.status) || !request.sla.startedAt || until.getTime() < this.quietUntil) return;
    const { service, calendar, teamLeadId } = this.options;
    const watch = watchSla(request, { targets: service.sla, calendar, now: new Date(until.getTime() - 1), teamLeadId });
    this.quietUntil = watch.wakeAt && !watch.events.length ? Date.parse(watch.wakeAt) : 0;
    let lastDue = request.updatedAt;
    for (const event of watch.events) {
      lastDue = typeof event.data?.dueAt === 'string' ? event.data.dueAt : lastDue;
      this.emit({ ...event, at: lastDue }, {}, false);
    }
    if (watch.events.length > 0)
      this.request = {
        ...this.request,
        slaEvents: watch.slaEvents,
        sla: { ...this.request.sla, breached: watch.breached },
      };
  }

  activate(stage: ApprovalStageState, at: Date): ApprovalStageState {
    return {
      ...stage,
      activatedAt: at.toISOString(),
      dueAt: this.options.calendar.addBusinessHours(at, stage.dueHours).toISOString(),
    };
  }

  /** A decision through the real approval rules. */
  decide(approver: Person, input: DecisionInput, at: Date) {
    const result = decideApproval(this.request, input, {
      principal: principalOf(approver),
      now: at.toISOString(),
      locale: approver.locale,
      delegators: new Set(),
      stageDueAt: (stage) => this.options.calendar.addBusinessHours(at, stage.dueHours).toISOString(),
    });
    this.emit(result.transition.event, result.transition.changes);
    return result;
  }

  /** The clocks start when the request enters the team's queue. */
  startedSla(at: Date) {
    return withDueDates({ ...newSla(), startedAt: at.toISOString() }, this.options.service.sla, this.options.calendar);
  }

  /** Deadlines follow every pause and resumption. */
  recomputeSla(sla: RequestRecord['sla']) {
    return withDueDates(sla, this.options.service.sla, this.options.calendar);
  }
}
