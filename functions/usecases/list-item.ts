/**
 * A request as lists show it: the request, plus what was asked in one line and the working time
 * left to its resolution deadline, both in the reader's language. Computed from the request item
 * and the catalog alone, so a list stays one Query.
 */
import type { Locale } from '../domain/catalog/schema';
import { summarize } from '../domain/catalog/summary';
import { isInQueue, type RequestRecord } from '../domain/requests/model';
import { matchesWords, searchWords } from '../domain/requests/search';
import { describeTimeLeft, workingTimeLeft } from '../domain/sla/time-left';
import { workdayHours } from '../domain/sla/working-time';
import type { Directory } from '../ports';
import { calendarOf, catalog } from './catalog';
import { presentRequest } from './present';

function summaryOf(directory: Directory, request: RequestRecord, locale: Locale): string {
  const service = catalog.service(request.serviceId);
  return service ? summarize(service, request.fields, locale, (id) => directory.person(id)?.name) : '';
}

/** Working time to the resolution deadline of a request in its team's queue whose clock runs. */
function slaLeft(request: RequestRecord, locale: Locale, now: Date) {
  const service = catalog.service(request.serviceId);
  const calendar = service && catalog.calendar(service.sla.calendar);
  const due = request.sla.resolutionDueAt;
  const paused = request.sla.pauses.some((p) => p.to === null);
  if (!service || !calendar || !due || paused || !isInQueue(request.status)) return null;
  const left = workingTimeLeft(calendarOf(service), new Date(due), now);
  return {
    workingHours: Math.round(left.workingHours * 10) / 10,
    overdue: left.overdue,
    text: describeTimeLeft(left, workdayHours(calendar), locale),
  };
}

export function presentListItem(directory: Directory, request: RequestRecord, locale: Locale, now: Date) {
  return {
    ...presentRequest(request, locale),
    summary: summaryOf(directory, request, locale),
    slaLeft: slaLeft(request, locale, now),
  };
}

/**
 * The test of a free-text query (`q`): its words in the service title (either language), the
 * summary, the requester's or assignee's name or the request id (its code); undefined for no query.
 */
export function searchFor(directory: Directory, query: string | undefined, locale: Locale) {
  const words = searchWords(query ?? '');
  if (words.length === 0) return undefined;
  return (request: RequestRecord) =>
    matchesWords(words, [
      request.serviceTitle.en,
      request.serviceTitle.ru,
      summaryOf(directory, request, locale),
      request.requesterName,
      request.assigneeName,
      request.id,
    ]);
}
