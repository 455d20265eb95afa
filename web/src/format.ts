/** Dates, money and durations in the reader's language. */
import type { Locale } from './api/types';
import { translate } from './i18n';

const TAG: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

export const formatDateTime = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** A calendar date (YYYY-MM-DD), shown as that day wherever the reader is. */
export const formatDate = (day: string, locale: Locale) =>
  new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export const formatNumber = (value: number, locale: Locale) => new Intl.NumberFormat(TAG[locale]).format(value);

/** A number with at most `digits` decimals (12.5, 12,5). */
export const formatDecimal = (value: number, locale: Locale, digits = 1) =>
  new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: digits }).format(value);

/** A percentage given as 0..100 (76.4%, 76,4 %). */
export const formatPercent = (value: number, locale: Locale) =>
  new Intl.NumberFormat(TAG[locale], { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);

/** Money with its sign in both languages (250 000 ₽, ₽250,000), as on the form's amount field. */
const moneyFormat = (currency: string, locale: Locale) =>
  new Intl.NumberFormat(TAG[locale], { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });

export function formatMoney(value: { amount: number; currency?: string }, locale: Locale) {
  try {
    return moneyFormat(value.currency ?? 'RUB', locale).format(value.amount);
  } catch {
    return `${formatNumber(value.amount, locale)} ${value.currency ?? ''}`.trim();
  }
}

/** A currency's sign (₽ for RUB), or its code when it has none. */
export function currencySign(currency: string, locale: Locale): string {
  try {
    return (
      moneyFormat(currency, locale)
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency
    );
  } catch {
    return currency;
  }
}

/** 2 d 4 h, 3 h 12 min, 12 min: the two largest units. */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return translate(locale, 'lessThanMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(translate(locale, 'days', { n: days }));
  if (hours > 0) parts.push(translate(locale, 'hours', { n: hours }));
  if (days === 0 && mins > 0) parts.push(translate(locale, 'minutes', { n: mins }));
  return parts.slice(0, 2).join(' ');
}

export const shortId = (id: string) => id.slice(-6);

/** Days in an inclusive date range, or null when it is not a complete, ordered range. */
export function rangeDays(from: unknown, to: unknown): number | null {
  if (typeof from !== 'string' || typeof to !== 'string') return null;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return Number.isFinite(days) && days >= 1 ? days : null;
}
