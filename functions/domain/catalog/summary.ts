/**
 * What a request asked for in one short line ("Ноутбуки для отдела продаж · 250 000 ₽", "14–25 дек."):
 * the service's summary fields, formatted for the reader, so lists say more than a title and a code.
 */
import type { FieldValues } from '../forms/conditions';
import type { Field, Locale, Service } from './schema';

const TAG: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };
const SEPARATOR = ' · ';
/** A free-text value longer than this is cut: the line is a glance, the request page has the rest. */
const MAX_TEXT = 60;

/** Dates are calendar days (YYYY-MM-DD): shown as that day wherever the reader is. */
const dayFormat = (locale: Locale) =>
  new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'short', timeZone: 'UTC' });
const day = (value: unknown) => new Date(`${String(value)}T00:00:00Z`);
const isDay = (value: unknown) => typeof value === 'string' && !Number.isNaN(day(value).getTime());

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1).trimEnd()}…` : flat;
}

function money(value: unknown, locale: Locale): string | undefined {
  const { amount, currency = 'RUB' } = (value ?? {}) as { amount?: unknown; currency?: string };
  if (typeof amount !== 'number') return undefined;
  const digits = Number.isInteger(amount) ? 0 : 2;
  return new Intl.NumberFormat(TAG[locale], {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

function dateRange(value: unknown, locale: Locale): string | undefined {
  const { from, to } = (value ?? {}) as { from?: unknown; to?: unknown };
  if (!isDay(from) || !isDay(to)) return undefined;
  return dayFormat(locale).formatRange(day(from), day(to));
}

const optionLabel = (field: Field, value: unknown, locale: Locale) =>
  'options' in field ? (field.options.find((o) => o.value === value)?.label[locale] ?? String(value)) : String(value);

type PersonName = (id: string) => string | undefined;
/** One field's value as the line shows it; undefined leaves the field out. */
type Present = (field: Field, value: unknown, locale: Locale, personName: PersonName) => string | undefined;

const text: Present = (_field, value) => (typeof value === 'string' && value.trim() ? clip(value) : undefined);

const presenters: Record<Field['kind'], Present> = {
  text,
  textarea: text,
  email: text,
  money: (_field, value, locale) => money(value, locale),
  date: (_field, value, locale) => (isDay(value) ? dayFormat(locale).format(day(value)) : undefined),
  dateRange: (_field, value, locale) => dateRange(value, locale),
  select: (field, value, locale) => optionLabel(field, value, locale),
  multiselect: (field, value, locale) =>
    Array.isArray(value) ? value.map((v) => optionLabel(field, v, locale)).join(', ') : undefined,
  // A bare number says nothing ("3"): it keeps its label ("Quantity: 3").
  number: (field, value, locale) =>
    typeof value === 'number' ? `${field.label[locale]}: ${value.toLocaleString(TAG[locale])}` : undefined,
  // A ticked box reads as its label ("Same-day urgent delivery"); an unticked one is not news.
  checkbox: (field, value, locale) => (value === true ? clip(field.label[locale]) : undefined),
  user: (_field, value, _locale, personName) => (typeof value === 'string' ? (personName(value) ?? value) : undefined),
};

/** The request's summary line in the reader's language; empty when none of the fields has a value. */
export function summarize(service: Service, fields: FieldValues, locale: Locale, personName: PersonName): string {
  return service.summary
    .flatMap((id) => {
      const field = service.fields.find((f) => f.id === id);
      const value = fields[id];
      if (!field || value === undefined || value === null) return [];
      return presenters[field.kind](field, value, locale, personName) ?? [];
    })
    .join(SEPARATOR);
}
