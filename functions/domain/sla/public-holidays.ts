/**
 * Public holidays from `date-holidays`, as local 'YYYY-MM-DD' dates, computed once per
 * country/region/year and shared by every calendar in the process.
 */
import Holidays from 'date-holidays';
import { addDays } from './local-time';

const DAY_MS = 86_400_000;

export interface HolidayRegion {
  country: string;
  region?: string | undefined;
}

const byYear = new Map<string, ReadonlySet<string>>();

/**
 * date-holidays silently falls back to no holidays (unknown country) or national ones (unknown
 * region); a typo in the catalog must fail loudly instead of quietly shifting every deadline.
 */
export function assertKnownRegion({ country, region }: HolidayRegion): void {
  const registry = new Holidays();
  if (!registry.getCountries()[country]) throw new RangeError(`date-holidays does not know country ${country}`);
  if (region !== undefined && !registry.getStates(country)?.[region]) {
    throw new RangeError(`date-holidays does not know region ${region} of ${country}`);
  }
}

function holidaysOf(where: HolidayRegion): Holidays {
  return where.region === undefined ? new Holidays(where.country) : new Holidays(where.country, where.region);
}

function load(where: HolidayRegion, year: number): ReadonlySet<string> {
  const dates = new Set<string>();
  // Only 'public' days are days off; 'bank', 'observance' and the like are ordinary working days.
  for (const holiday of holidaysOf(where).getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    // One entry can span several days (RU '01-02 P5D' is Jan 2–6). Holidays that start at a
    // non-midnight hour (e.g. the evening before) still name their civil day first in `date`.
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    const first = holiday.date.slice(0, 10);
    for (let i = 0; i < days; i += 1) dates.add(addDays(first, i));
  }
  return dates;
}

/** Public holiday dates listed under `year` (a multi-day entry may run into the next year). */
export function publicHolidays(where: HolidayRegion, year: number): ReadonlySet<string> {
  const key = `${where.country}/${where.region ?? ''}/${year}`;
  let dates = byYear.get(key);
  if (!dates) {
    dates = load(where, year);
    byYear.set(key, dates);
  }
  return dates;
}

export function isPublicHoliday(where: HolidayRegion, date: string): boolean {
  const year = Number(date.slice(0, 4));
  return publicHolidays(where, year).has(date) || publicHolidays(where, year - 1).has(date);
}
