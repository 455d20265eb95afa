/**
 * Business calendars for SLA clocks. Public holidays (and the transferred working days of the Russian
 * production calendar) come from date-holidays; `overrides` are company-specific exceptions.
 */
import type { CatalogInput } from '../functions/domain/catalog/schema';

export const calendars: CatalogInput['calendars'] = [
  {
    id: 'ru-msk',
    name: {
      en: 'Moscow office (Mon–Fri, 9:00–18:00 MSK, lunch 13:00–14:00)',
      ru: 'Офис в Москве (пн–пт, 9:00–18:00 МСК, обед 13:00–14:00)',
    },
    timeZone: 'Europe/Moscow',
    // The standard Russian office day: 9:00–18:00 with an unpaid hour for lunch, 8 working hours.
    workdayStart: '09:00',
    workdayEnd: '18:00',
    breaks: [{ start: '13:00', end: '14:00' }],
    workdays: [1, 2, 3, 4, 5],
    holidays: { country: 'RU' },
    // date-holidays knows the holidays themselves but no transfers after 2022, and of the statutory
    // carry-overs (Labour Code art. 112: a holiday on a weekend moves the day off to the next working
    // day, except for Jan 1–8) only Mar 8 on a Sunday. Pre-holiday short days are not modelled.
    overrides: [
      // 2026, government decree No. 1466 of 24.09.2025: the days off of Saturday Jan 3 and Sunday
      // Jan 4 move to Friday Jan 9 and Thursday Dec 31.
      { date: '2026-01-09', working: false },
      { date: '2026-12-31', working: false },
      // 2026, art. 112: Victory Day falls on Saturday May 9, so Monday May 11 is a day off.
      { date: '2026-05-11', working: false },
      // 2027, art. 112: May 1 (Sat), May 9 (Sun) and June 12 (Sat) fall on weekends.
      { date: '2027-05-03', working: false },
      { date: '2027-05-10', working: false },
      { date: '2027-06-14', working: false },
      // 2027: no transfer decree is known here (it usually appears in the autumn before), so the
      // transfers of Sat Jan 2 and Sun Jan 3, 2027 are not listed; add them once it is published.
    ],
  },
  {
    id: 'en-london',
    name: { en: 'London office (Mon–Fri, 9:00–18:00 UK time)', ru: 'Офис в Лондоне (пн–пт, 9:00–18:00 по Лондону)' },
    timeZone: 'Europe/London',
    workdayStart: '09:00',
    workdayEnd: '18:00',
    workdays: [1, 2, 3, 4, 5],
    holidays: { country: 'GB' },
    overrides: [],
  },
];
