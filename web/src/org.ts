/**
 * Names of teams and departments, and the time zones of business calendars, from the same catalog
 * code the API is built from (the API has no endpoint for them yet; see the report's API gaps).
 */
import { calendars } from '../../catalog/calendars';
import { departments } from '../../catalog/departments';
import { teams } from '../../catalog/teams';
import { workdayHours, workingTime } from '../../functions/domain/sla/working-time';
import type { Locale } from './api/types';

export const teamName = (id: string, locale: Locale) => teams.find((team) => team.id === id)?.name[locale] ?? id;

export const departmentName = (id: string, locale: Locale) =>
  departments.find((department) => department.id === id)?.name[locale] ?? id;

export const calendarTimeZone = (calendarId: string) =>
  calendars.find((calendar) => calendar.id === calendarId)?.timeZone ?? 'Europe/Moscow';

/** Business hours on a calendar as people say them: "5 рабочих дней", "4 working hours". */
export function workingTimeOn(calendarId: string, hours: number, locale: Locale): string {
  const calendar = calendars.find((c) => c.id === calendarId);
  return workingTime(hours, calendar ? workdayHours(calendar) : 8, locale);
}
