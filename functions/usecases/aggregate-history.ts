/**
 * Counting history events into the analytics aggregates, exactly once each. Primary course, for a
 * batch of outbox events: 1. skip the events already counted (one BatchGetItem per 100);
 * 2. read the history of each request with new events (one Query each, the request with its history);
 * 3. replay it to see what
 * each new event completes; 4. write marks and additions in as few transactions as fit; 5. return
 * the business metrics of the events this call counted (never those of a redelivery).
 * Imported history (`data.imported`, the local demo quarter) is not the consumer's: the import
 * counts it itself with the same code (`countImported`), once, and the consumer skips it.
 */
import type { Service } from '../domain/catalog/schema';
import { contributionsOf, metricsOf, type MetricPoint, type RequestFacts } from '../domain/analytics/contributions';
import type { Scope } from '../domain/analytics/model';
import { observeAll } from '../domain/analytics/walk';
import type { HistoryEvent } from '../domain/requests/model';
import { toLocal } from '../domain/sla/local-time';
import type { AggregateStore, AggregationUnit, Directory, RequestStore } from '../ports';
import { calendarOf, catalog, companyCalendar } from './catalog';
import { isImported } from './imported';

export interface OutboxItem {
  requestId: string;
  event: HistoryEvent;
}

/** The company calendar's date of an instant: the day an event is counted on. */
export const dayOf = (at: string) => toLocal(new Date(at), companyCalendar().business.timeZone).date;

function factsOf(
  directory: Directory,
  history: readonly HistoryEvent[],
): { facts: RequestFacts; service: Service } | undefined {
  const submitted = history.find((e) => e.type === 'submitted');
  const service = catalog.service(String(submitted?.data?.serviceId ?? ''));
  if (!submitted || !service) return undefined;
  const requester = directory.person(submitted.actorId);
  const team = typeof submitted.data?.team === 'string' ? submitted.data.team : service.team;
  return {
    service,
    facts: { serviceId: service.id, category: service.category, team, department: requester?.department ?? 'unknown' },
  };
}

export interface CountedUnit {
  unit: AggregationUnit;
  metrics: MetricPoint[];
}

/** The units (and metrics) of the events of one request's history whose seq is in `seqs`. */
export function unitsOf(
  directory: Directory,
  requestId: string,
  history: readonly HistoryEvent[],
  seqs: ReadonlySet<number>,
): CountedUnit[] {
  const known = factsOf(directory, history);
  const scopes: Scope[] = known
    ? [{ kind: 'all' }, { kind: 'department', department: known.facts.department }]
    : [{ kind: 'all' }];
  const observations = known
    ? observeAll(history, {
        hoursBetween: (from, to) => calendarOf(known.service).businessHoursBetween(new Date(from), new Date(to)),
        isTeamMember: (id) => directory.person(id)?.teams.includes(known.facts.team) ?? false,
      })
    : [];
  return history.flatMap((event, i) => {
    if (!seqs.has(event.seq)) return [];
    const seen = observations[i] ?? [];
    const contributions = known ? contributionsOf(seen, known.facts, dayOf(event.at)) : [];
    return [
      {
        unit: { requestId, seq: event.seq, at: event.at, scopes, contributions },
        metrics: known ? metricsOf(seen, known.facts) : [],
      },
    ];
  });
}

/** Counts what is new in `histories` (request id -> full history, oldest first); returns the metrics. */
async function aggregateHistories(
  ports: { aggregates: Pick<AggregateStore, 'countOnce'>; directory: Directory },
  histories: ReadonlyMap<string, readonly HistoryEvent[]>,
  only?: ReadonlyMap<string, ReadonlySet<number>>,
): Promise<MetricPoint[]> {
  const counted: CountedUnit[] = [];
  for (const [requestId, history] of histories)
    counted.push(
      ...unitsOf(ports.directory, requestId, history, only?.get(requestId) ?? new Set(history.map((e) => e.seq))),
    );
  const byKey = new Map(counted.map((c) => [`${c.unit.requestId}#${c.unit.seq}`, c]));
  const applied = await ports.aggregates.countOnce(counted.map((c) => c.unit));
  return applied.flatMap((unit) => byKey.get(`${unit.requestId}#${unit.seq}`)?.metrics ?? []);
}

const withEvent = (history: HistoryEvent[], event: HistoryEvent) =>
  history.some((e) => e.seq === event.seq) ? history : [...history, event].sort((a, b) => a.seq - b.seq);

/** The import's counting: the same units, added without marks (no stream consumer counts them). */
export async function countImported(
  ports: { aggregates: Pick<AggregateStore, 'addImported'>; directory: Directory },
  histories: ReadonlyMap<string, readonly HistoryEvent[]>,
) {
  const units = [...histories].flatMap(([requestId, history]) =>
    unitsOf(ports.directory, requestId, history, new Set(history.map((e) => e.seq))).map((c) => c.unit),
  );
  await ports.aggregates.addImported(units);
}

/** The stream consumer's work for one batch; returns the metrics of the events newly counted. */
export async function aggregateOutbox(
  ports: {
    aggregates: Pick<AggregateStore, 'countedEvents' | 'countOnce'>;
    requests: Pick<RequestStore, 'getRequestWithHistory'>;
    directory: Directory;
  },
  all: readonly OutboxItem[],
): Promise<MetricPoint[]> {
  const items = all.filter((i) => !isImported(i.event));
  if (items.length === 0) return [];
  const counted = await ports.aggregates.countedEvents(
    items.map((i) => ({ requestId: i.requestId, seq: i.event.seq })),
  );
  const fresh = new Map<string, HistoryEvent[]>();
  for (const { requestId, event } of items) {
    if (counted.has(`${requestId}#${event.seq}`)) continue;
    fresh.set(requestId, [...(fresh.get(requestId) ?? []), event]);
  }
  const histories = new Map<string, HistoryEvent[]>();
  const only = new Map<string, Set<number>>();
  for (const [requestId, events] of fresh) {
    let history = (await ports.requests.getRequestWithHistory(requestId))?.history ?? [];
    for (const event of events) history = withEvent(history, event);
    histories.set(requestId, history);
    only.set(requestId, new Set(events.map((e) => e.seq)));
  }
  return aggregateHistories(ports, histories, only);
}
