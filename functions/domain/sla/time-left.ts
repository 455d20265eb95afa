/**
 * Time to a deadline in working time, as the rest of the portal says deadlines (working-time.ts):
 * "2 working days", "5 working hours", "overdue by 1 working day" (ru: "2 рабочих дня",
 * "просрочено на 1 рабочий день"); under an hour in minutes.
 */
import type { Locale } from '../catalog/schema';
import type { BusinessCalendar } from './business-calendar';
import { workingTime } from './working-time';

function duration(hours: number, hoursPerDay: number, locale: Locale): string | undefined {
  if (hours >= 1) return workingTime(hours, hoursPerDay, locale);
  const minutes = Math.floor(hours * 60);
  return minutes >= 1 ? `${minutes} ${locale === 'ru' ? 'мин' : 'min'}` : undefined;
}

/**
 * Time to a deadline: `workingHours` (≥ 0) left until it, or since it when `overdue`, with
 * `hoursPerDay` working hours in a day of its calendar. Overdue at night is overdue by no working
 * time at all: then it just says "overdue".
 */
export function describeTimeLeft(
  left: { workingHours: number; overdue: boolean },
  hoursPerDay: number,
  locale: Locale,
): string {
  const text = duration(left.workingHours, hoursPerDay, locale);
  if (!left.overdue) return text ?? (locale === 'ru' ? 'меньше минуты' : 'under a minute');
  if (!text) return locale === 'ru' ? 'просрочено' : 'overdue';
  return locale === 'ru' ? `просрочено на ${text}` : `overdue by ${text}`;
}

/** Working time from `now` to `due`, or from `due` to `now` once it has passed. */
export function workingTimeLeft(calendar: BusinessCalendar, due: Date, now: Date) {
  const overdue = now.getTime() > due.getTime();
  const workingHours = overdue ? calendar.businessHoursBetween(due, now) : calendar.businessHoursBetween(now, due);
  return { workingHours, overdue };
}
