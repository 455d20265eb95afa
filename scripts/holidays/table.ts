/** The table scripts/generate-holidays.ts writes and test/unit/public-holidays.test.ts compares with. */
import { demoCatalog } from '../../catalog';
import { regionKey, type HolidayRegion } from '../../functions/domain/sla/public-holidays';
import { assertKnownToDateHolidays, computePublicHolidays } from './compute';

/** Deadlines are computed for dates a few years back (history) and ahead (long SLAs, future years). */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2045;

export interface HolidayTable {
  firstYear: number;
  lastYear: number;
  /** Region key ('RU', 'DE-BY') → year → 'MM-DD MM-DD ...'. */
  regions: Record<string, Record<number, string>>;
}

/** The regions the catalog's calendars name. */
export function catalogRegions(): HolidayRegion[] {
  const regions = new Map<string, HolidayRegion>();
  for (const { holidays } of demoCatalog.calendars) if (holidays) regions.set(regionKey(holidays), holidays);
  return [...regions.values()];
}

function yearsOf(where: HolidayRegion): Record<number, string> {
  assertKnownToDateHolidays(where);
  const byYear: Record<number, string[]> = {};
  // An entry of the year before can run into FIRST_YEAR (New Year holidays listed under Dec 31).
  for (let year = FIRST_YEAR - 1; year <= LAST_YEAR; year += 1) {
    for (const date of computePublicHolidays(where, year)) {
      const dateYear = Number(date.slice(0, 4));
      if (dateYear >= FIRST_YEAR && dateYear <= LAST_YEAR) (byYear[dateYear] ??= []).push(date.slice(5));
    }
  }
  const years: Record<number, string> = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) years[year] = [...new Set(byYear[year])].sort().join(' ');
  return years;
}

export function holidayTable(): HolidayTable {
  const regions: HolidayTable['regions'] = {};
  for (const where of catalogRegions()) regions[regionKey(where)] = yearsOf(where);
  return { firstYear: FIRST_YEAR, lastYear: LAST_YEAR, regions };
}
