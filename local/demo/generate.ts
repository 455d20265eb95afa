/**
 * A realistic quarter of history for the demo company, deterministic for a seed: `requests`
 * submissions spread over the business hours of the `days` before `now`, across the catalog's
 * services and the whole directory, each lived through by request-sim.ts with the real domain code.
 */
import { ulid } from 'ulid';
import type { Person } from '../../functions/domain/catalog/schema';
import type { HistoryEvent, RequestRecord } from '../../functions/domain/requests/model';
import { toLocal } from '../../functions/domain/sla/local-time';
import { catalog } from '../../functions/usecases/catalog';
import type { Service } from '../../functions/domain/catalog/schema';
import { demoCalendar } from './fast-calendar';
import { fillForm } from './fields';
import { runApprovals, submit, type RequestPlan } from './lifecycle';
import { fulfil } from './fulfilment';
import { SERVICE_WEIGHTS } from './profile';
import { Random } from './random';
import { RequestSim } from './request-sim';

export interface DemoOptions {
  requests: number;
  days: number;
  seed: number;
  now: Date;
}

export interface DemoRequest {
  request: RequestRecord;
  history: HistoryEvent[];
}

const DAY_MS = 86_400_000;

function calendarFor(service: Service) {
  const data = catalog.calendar(service.sla.calendar);
  if (!data) throw new Error(`No calendar ${service.sla.calendar}`);
  return demoCalendar(data);
}

const agentsOf = (team: string): Person[] =>
  catalog.teamMembers(team).filter((p) => p.roles.includes('agent') && !p.roles.includes('admin'));

/** Submission instants, uniform over the business hours of the window, oldest first. */
function submissionTimes(options: DemoOptions, rng: Random): Date[] {
  const calendar = calendarFor(catalog.services[0] as Service);
  const start = new Date(options.now.getTime() - options.days * DAY_MS);
  const total = calendar.businessHoursBetween(start, options.now);
  const offsets = Array.from({ length: options.requests }, () => rng.next() * total).sort((a, b) => a - b);
  // Step from one to the next: each walk is short, the whole window is walked once.
  let at = start;
  let walked = 0;
  return offsets.map((hours) => {
    at = calendar.addBusinessHours(at, hours - walked);
    walked = hours;
    return at;
  });
}

export function generateDemoHistory(options: DemoOptions): DemoRequest[] {
  const rng = new Random(options.seed);
  const services = catalog.services.map((s) => [s, SERVICE_WEIGHTS[s.id] ?? 1] as const);
  const people = catalog.data.directory;
  return submissionTimes(options, rng).map((submittedAt) => {
    const service = rng.weighted(services);
    const requester = rng.pick(people);
    const calendar = calendarFor(service);
    const plan: RequestPlan = {
      id: ulid(submittedAt.getTime(), rng.next),
      requester,
      fields: fillForm(service, {
        rng,
        requester,
        colleagues: people.filter((p) => p.id !== requester.id),
        today: toLocal(submittedAt, calendar.timeZone).date,
      }),
      submittedAt,
      org: catalog,
      agentsOf,
    };
    const sim = new RequestSim({
      service,
      calendar,
      now: options.now,
      rng,
      teamLeadId: catalog.team(service.team)?.leadId,
    });
    submit(sim, plan);
    const approved = sim.request.status !== 'pending_approval' || runApprovals(sim, plan);
    if (approved) fulfil(sim, plan, new Date(sim.request.updatedAt));
    return { request: sim.request, history: sim.history };
  });
}
