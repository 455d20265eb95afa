/**
 * Public holidays from `date-holidays`, as local 'YYYY-MM-DD' dates. Only the generator and its test
 * use this: date-holidays with its time-zone and astronomy data is ~1.4 MB minified, so the functions
 * ship the generated dates (functions/domain/sla/public-holidays.generated.ts) instead of the library.
 */
import Holidays from 'date-holidays';
import type { HolidayRegion } from '../../functions/domain/sla/public-holidays';
import { addDays } from '../../functions/domain/sla/local-time';

const DAY_MS = 86_400_000;

/**
 * date-holidays silently falls back to no holidays (unknown country) or national ones (unknown
 * region); a typo in the catalog must fail loudly instead of quietly shifting every deadline.
 */
export function assertKnownToDateHolidays({ country, region }: HolidayRegion): void {
  const registry = new Holidays();
  if (!registry.getCountries()[country]) throw new RangeError(`date-holidays does not know country ${country}`);
  if (region !== undefined && !registry.getStates(country)?.[region]) {
    throw new RangeError(`date-holidays does not know region ${region} of ${country}`);
  }
}

function holidaysOf(where: HolidayRegion): Holidays {
  return where.region === undefined ? new Holidays(where.country) : new Holidays(where.country, where.region);
}

/** The public holiday dates of the entries date-holidays lists under `year` (some run into the next year). */
export function computePublicHolidays(where: HolidayRegion, year: number): string[] {
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
  return [...dates].sort();
}
