/** The company's catalog, loaded and checked once per process, and its business calendars. */
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../domain/catalog/catalog';
import type { Calendar, Service } from '../domain/catalog/schema';
import { BusinessCalendar } from '../domain/sla/business-calendar';

export const catalog = loadCatalog(demoCatalog);

const calendars = new Map(catalog.data.calendars.map((c) => [c.id, new BusinessCalendar(c)]));

export function calendarOf(service: Service): BusinessCalendar {
  const calendar = calendars.get(service.sla.calendar);
  if (!calendar) throw new Error(`No calendar ${service.sla.calendar}`);
  return calendar;
}

/** Today's date where the service's team works, for "not in the past" form dates. */
export function todayFor(service: Service, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: calendarOf(service).timeZone }).format(now);
}

/** The company's own calendar (`company.defaultCalendar`): the analytics' days and working hours. */
export function companyCalendar(): { definition: Calendar; business: BusinessCalendar } {
  const id = catalog.data.company.defaultCalendar;
  const definition = catalog.calendar(id);
  const business = calendars.get(id);
  if (!definition || !business) throw new Error('The company calendar is missing');
  return { definition, business };
}
