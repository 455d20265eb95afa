/**
 * What lists say about a request: the summary line of its key fields in both languages, the working
 * time left to its deadline, and the free-text search over them.
 */
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { CatalogError, loadCatalog } from '../../functions/domain/catalog/catalog';
import type { Locale } from '../../functions/domain/catalog/schema';
import { summarize } from '../../functions/domain/catalog/summary';
import { matchesWords, searchWords } from '../../functions/domain/requests/search';
import { BusinessCalendar } from '../../functions/domain/sla/business-calendar';
import { describeTimeLeft, workingTimeLeft } from '../../functions/domain/sla/time-left';
import { workdayHours } from '../../functions/domain/sla/working-time';

const catalog = loadCatalog(demoCatalog);
const names: Record<string, string> = { 'ivan.sidorov': 'Иван Сидоров' };
const personName = (id: string) => names[id];
function calendarOf(id: string) {
  const calendar = catalog.calendar(id);
  if (!calendar) throw new Error(`no calendar ${id}`);
  return calendar;
}
/** ICU separates thousands and currency with (narrow) no-break spaces: compared as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

function summary(serviceId: string, fields: Record<string, unknown>, locale: Locale) {
  const service = catalog.service(serviceId);
  if (!service) throw new Error(`no service ${serviceId}`);
  return plain(summarize(service, fields, locale, personName));
}

describe('the summary line of a request', () => {
  it('should say what a purchase is for and what it costs, in both languages', () => {
    const fields = { item: 'Ноутбуки для отдела продаж', quantity: 3, amount: { amount: 250_000, currency: 'RUB' } };
    expect(summary('purchase', fields, 'ru')).toBe('Ноутбуки для отдела продаж · 250 000 ₽');
    expect(summary('purchase', fields, 'en')).toBe('Ноутбуки для отдела продаж · RUB 250,000');
  });

  it('should give the dates of a vacation as a short range, then its kind', () => {
    const fields = { type: 'annual', period: { from: '2026-12-14', to: '2026-12-25' } };
    expect(summary('vacation', fields, 'ru')).toBe('14–25 дек. · Ежегодный оплачиваемый отпуск');
    expect(summary('vacation', fields, 'en')).toBe('14 – 25 Dec · Annual paid leave');
  });

  it('should name the system, the access levels and the colleague of an access request', () => {
    const fields = { system: 'crm', accessLevel: ['read', 'write'], forUser: 'ivan.sidorov', justification: 'x' };
    expect(summary('access-request', fields, 'ru')).toBe('CRM · Чтение, Редактирование · Иван Сидоров');
    expect(summary('access-request', fields, 'en')).toBe('CRM · Read, Edit · Иван Сидоров');
  });

  it('should give a number its label, a ticked box its label and leave out what is empty or unticked', () => {
    expect(summary('equipment', { item: 'laptop', quantity: 2 }, 'ru')).toBe('Ноутбук · Количество: 2');
    expect(summary('equipment', { item: 'laptop', quantity: 2 }, 'en')).toBe('Laptop · Quantity: 2');
    const courier = { recipient: 'ООО «Ромашка»', deliverBy: '2026-12-09', urgent: true };
    expect(summary('courier', courier, 'ru')).toBe('ООО «Ромашка» · 9 дек. · Срочная доставка в день обращения');
    expect(summary('courier', { ...courier, urgent: false }, 'en')).toBe('ООО «Ромашка» · 9 Dec');
  });

  it('should cut long free text and flatten its lines', () => {
    const item = `${'Очень длинное наименование товара '.repeat(4)}\nвторая строка`;
    const line = summary('purchase', { item, amount: { amount: 10.5, currency: 'RUB' } }, 'ru');
    const [text, cost] = line.split(' · ');
    expect(text?.length).toBeLessThanOrEqual(60);
    expect(text).toMatch(/…$/);
    expect(cost).toBe('10,50 ₽');
  });

  it('should be empty when no summary field has a value', () => {
    expect(summary('nda', {}, 'en')).toBe('');
  });

  it('should be declared for every service with 1–3 fields it has', () => {
    for (const service of catalog.services) {
      expect(service.summary.length, service.id).toBeGreaterThanOrEqual(1);
      expect(service.summary.length, service.id).toBeLessThanOrEqual(3);
      for (const id of service.summary)
        expect(
          service.fields.map((f) => f.id),
          service.id,
        ).toContain(id);
    }
  });

  it('should refuse a catalog whose summary names a field the service does not have', () => {
    const broken = structuredClone(demoCatalog) as unknown as { services: { summary: string[] }[] };
    broken.services.forEach((service) => (service.summary = ['nowhere']));
    expect(() => loadCatalog(broken)).toThrow(CatalogError);
    expect(() => loadCatalog(broken)).toThrow(/summary: unknown field nowhere/);
  });
});

describe('working time left to a deadline', () => {
  const msk = new BusinessCalendar(calendarOf('ru-msk'));
  const hoursPerDay = workdayHours(calendarOf('ru-msk'));

  it('should say working days from one on, else working hours, else minutes, with Russian plurals', () => {
    const left = (workingHours: number, locale: Locale) =>
      describeTimeLeft({ workingHours, overdue: false }, hoursPerDay, locale);
    expect(left(40, 'ru')).toBe('5 рабочих дней');
    expect(left(17.5, 'ru')).toBe('2,2 рабочего дня');
    expect(left(8, 'ru')).toBe('1 рабочий день');
    expect(left(5, 'ru')).toBe('5 рабочих часов');
    expect(left(2, 'ru')).toBe('2 рабочих часа');
    expect(left(1, 'ru')).toBe('1 рабочий час');
    expect(left(0.5, 'ru')).toBe('30 мин');
    expect(left(40, 'en')).toBe('5 working days');
    expect(left(12, 'en')).toBe('1.5 working days');
    expect(left(1, 'en')).toBe('1 working hour');
    expect(left(0, 'en')).toBe('under a minute');
  });

  it('should say overdue by how much, or just overdue when no working time has passed since', () => {
    const late = (workingHours: number, locale: Locale) =>
      describeTimeLeft({ workingHours, overdue: true }, hoursPerDay, locale);
    expect(late(3, 'ru')).toBe('просрочено на 3 рабочих часа');
    expect(late(16, 'en')).toBe('overdue by 2 working days');
    expect(late(0, 'ru')).toBe('просрочено');
    expect(late(0, 'en')).toBe('overdue');
  });

  it('should count only working time between now and the deadline', () => {
    // Friday 16:00 Moscow to Monday 12:00: 2 h on Friday and 3 h on Monday (09:00-12:00).
    const friday = new Date('2026-12-04T13:00:00Z');
    const monday = new Date('2026-12-07T09:00:00Z');
    expect(workingTimeLeft(msk, monday, friday)).toEqual({ workingHours: 5, overdue: false });
    expect(workingTimeLeft(msk, friday, monday)).toEqual({ workingHours: 5, overdue: true });
  });
});

describe('free-text search', () => {
  const texts = ['Заявка на закупку', 'Ноутбуки для отдела продаж · 250 000 ₽', 'Иван Сидоров', '01JF3K7Q2M9ABC'];

  it('should find every word of the query in any case, with ё as е and without the # of a code', () => {
    expect(matchesWords(searchWords('ноутбуки сидоров'), texts)).toBe(true);
    expect(matchesWords(searchWords('НОУТБУКИ'), texts)).toBe(true);
    expect(matchesWords(searchWords('#m9abc'), texts)).toBe(true);
    expect(matchesWords(searchWords('Семён'), ['Семен Петров'])).toBe(true);
    expect(matchesWords(searchWords('ноутбуки петров'), texts)).toBe(false);
  });

  it('should match everything with an empty query', () => {
    expect(searchWords('  # ')).toEqual([]);
    expect(matchesWords([], texts)).toBe(true);
  });
});
