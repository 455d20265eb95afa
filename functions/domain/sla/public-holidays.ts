/**
 * Public holidays as local 'YYYY-MM-DD' dates, looked up in a table generated from date-holidays
 * (`npm run generate:holidays`, for every region the catalog's calendars name): the library with its
 * time-zone and astronomy data would be ~1.4 MB of every function bundle, the table is a few KB.
 */
import { PUBLIC_HOLIDAYS } from './public-holidays.generated';

export interface HolidayRegion {
  country: string;
  region?: string | undefined;
}

type HolidayTable = Readonly<Record<string, Readonly<Record<number, string>>>>;
const table: HolidayTable = PUBLIC_HOLIDAYS.regions;

/** The table's key of a region: 'RU', 'DE-BY'. */
export function regionKey({ country, region }: HolidayRegion): string {
  return region === undefined ? country : `${country}-${region}`;
}

const byKey = new Map<string, ReadonlyMap<number, ReadonlySet<string>>>();

function yearsOf(key: string): ReadonlyMap<number, ReadonlySet<string>> {
  let years = byKey.get(key);
  if (!years) {
    const entries = Object.entries(table[key] ?? {});
    years = new Map(entries.map(([year, days]) => [Number(year), new Set(days.split(' ').map((d) => `${year}-${d}`))]));
    byKey.set(key, years);
  }
  return years;
}

/**
 * A calendar naming a region the table lacks must fail loudly at start-up instead of quietly
 * counting holidays as working days.
 */
export function assertKnownRegion(where: HolidayRegion): void {
  if (!table[regionKey(where)]) {
    throw new RangeError(`no public holidays of ${regionKey(where)}: add the calendar, then npm run generate:holidays`);
  }
}

export function isPublicHoliday(where: HolidayRegion, date: string): boolean {
  const year = Number(date.slice(0, 4));
  const days = yearsOf(regionKey(where)).get(year);
  if (!days) {
    // A deadline computed without the year's holidays would be silently wrong.
    throw new RangeError(
      `public holidays are generated for ${PUBLIC_HOLIDAYS.firstYear}-${PUBLIC_HOLIDAYS.lastYear}, not ${year}: ` +
        'npm run generate:holidays',
    );
  }
  return days.has(date);
}
