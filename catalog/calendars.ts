/**
 * Business calendars for SLA clocks. Public holidays (and the transferred working days of the Russian
 * production calendar) come from date-holidays; `overrides` are company-specific exceptions.
 */
import type { CatalogInput } from '../functions/domain/catalog/schema';

export const calendars: CatalogInput['calendars'] = [
  {
    id: 'ru-msk',
    name: { en: 'Moscow office (Mon–Fri, 9:00–18:00 MSK)', ru: 'Офис в Москве (пн–пт, 9:00–18:00 МСК)' },
    timeZone: 'Europe/Moscow',
    workdayStart: '09:00',
    workdayEnd: '18:00',
    workdays: [1, 2, 3, 4, 5],
    holidays: { country: 'RU' },
    overrides: [],
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
