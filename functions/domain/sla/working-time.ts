/**
 * Deadlines as people say them: in working days once a deadline is at least one working day
 * ("5 рабочих дней", "1 working day"), in working hours below that ("4 рабочих часа"). Plural forms
 * come from Intl.PluralRules. Pure and small: the portal imports it for catalog cards, the service
 * page and the request page.
 */
import type { Calendar, Locale } from '../catalog/schema';
import { parseClock } from './local-time';

const TAG: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const UNITS: Record<Locale, { day: Forms; hour: Forms }> = {
  en: {
    day: { one: 'working day', other: 'working days' },
    hour: { one: 'working hour', other: 'working hours' },
  },
  ru: {
    // `other` is the form of fractions: "1,5 рабочего дня".
    day: { one: 'рабочий день', few: 'рабочих дня', many: 'рабочих дней', other: 'рабочего дня' },
    hour: { one: 'рабочий час', few: 'рабочих часа', many: 'рабочих часов', other: 'рабочего часа' },
  },
};

/** Working hours in one working day of a calendar: the workday minus its breaks (8 for 9:00–18:00 with lunch). */
export function workdayHours(
  calendar: Pick<Calendar, 'workdayStart' | 'workdayEnd'> & { breaks?: Calendar['breaks'] },
) {
  const breaks = (calendar.breaks ?? []).reduce((sum, b) => sum + parseClock(b.end) - parseClock(b.start), 0);
  return (parseClock(calendar.workdayEnd) - parseClock(calendar.workdayStart) - breaks) / 60;
}

/** A count with its unit in the reader's language: "1 рабочий день", "2 working hours". */
function counted(n: number, unit: 'day' | 'hour', locale: Locale): string {
  const forms = UNITS[locale][unit];
  const count = new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: 1 }).format(n);
  return `${count} ${forms[new Intl.PluralRules(TAG[locale]).select(n)] ?? forms.other}`;
}

/** `hours` business hours as working days (≥ one working day, to a tenth) or else working hours. */
export function workingTime(hours: number, hoursPerDay: number, locale: Locale): string {
  const days = Math.round((hours / hoursPerDay) * 10) / 10;
  return hours >= hoursPerDay ? counted(days, 'day', locale) : counted(hours, 'hour', locale);
}
