import { describe, expect, it } from 'vitest';
import { PUBLIC_HOLIDAYS } from '../../functions/domain/sla/public-holidays.generated';
import { assertKnownRegion, isPublicHoliday } from '../../functions/domain/sla/public-holidays';
import { assertKnownToDateHolidays, computePublicHolidays } from '../../scripts/holidays/compute';
import { catalogRegions, holidayTable } from '../../scripts/holidays/table';

describe('the generated public holiday table', () => {
  it('should equal what date-holidays computes for every calendar of the catalog (else: npm run generate:holidays)', () => {
    expect(PUBLIC_HOLIDAYS).toEqual(holidayTable());
  });

  it('should cover every region a catalog calendar names', () => {
    for (const region of catalogRegions()) expect(() => assertKnownRegion(region)).not.toThrow();
  });

  it('should answer from the table like date-holidays does', () => {
    expect(isPublicHoliday({ country: 'RU' }, '2026-01-05')).toBe(true); // '01-02 P5D' spans Jan 2-6
    expect(isPublicHoliday({ country: 'RU' }, '2026-03-09')).toBe(true); // Mar 8 on a Sunday moves to Monday
    expect(isPublicHoliday({ country: 'RU' }, '2026-03-10')).toBe(false);
    expect(isPublicHoliday({ country: 'GB' }, '2026-04-03')).toBe(true); // Good Friday
    expect(isPublicHoliday({ country: 'GB' }, '2026-04-05')).toBe(false); // Easter Sunday: an observance
  });

  it('should refuse a year outside the table rather than count its holidays as working days', () => {
    expect(() => isPublicHoliday({ country: 'RU' }, `${PUBLIC_HOLIDAYS.lastYear + 1}-01-01`)).toThrow(
      /npm run generate:holidays/,
    );
  });

  it('should refuse a region the table lacks', () => {
    expect(() => assertKnownRegion({ country: 'DE' })).toThrow(/DE.*npm run generate:holidays/);
  });
});

describe('computing public holidays with date-holidays', () => {
  it('should keep only public days, not bank holidays or observances', () => {
    const germany = computePublicHolidays({ country: 'DE' }, 2026);
    expect(germany).not.toContain('2026-12-24'); // Christmas Eve afternoon is 'bank' in DE
    expect(germany).toContain('2026-12-25');
  });

  it('should reject a country or region date-holidays does not know', () => {
    expect(() => assertKnownToDateHolidays({ country: 'XX' })).toThrow(RangeError);
    expect(() => assertKnownToDateHolidays({ country: 'GB', region: 'ZZZ' })).toThrow(RangeError);
  });
});
