/**
 * Who sees which analytics, and for which days: admins see everything, a manager (anyone with
 * direct reports) their own department, anyone else nothing; the period defaults to the last 30 days
 * of the company calendar and is at most 366 days.
 */
import type { Locale, Person } from '../catalog/schema';
import { forbidden, validationFailed } from '../errors';
import { addDays, parseLocalDate } from '../sla/local-time';
import type { Principal } from '../requests/model';
import type { Scope } from './model';

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

const messages = {
  forbidden: {
    en: 'Analytics are for administrators and managers',
    ru: 'Аналитика доступна администраторам и руководителям',
  },
  reversed: { en: 'Must not be after `to`', ru: 'Не может быть позже `to`' },
  tooLong: { en: `The period is at most ${MAX_DAYS} days`, ru: `Период не длиннее ${MAX_DAYS} дней` },
  invalid: { en: 'Invalid period', ru: 'Неверный период' },
} as const;

export const analyticsText = (locale: Locale, key: keyof typeof messages) => messages[key][locale];

export function scopeFor(principal: Principal, directory: readonly Person[], locale: Locale): Scope {
  if (principal.roles.includes('admin')) return { kind: 'all' };
  const me = directory.find((p) => p.id === principal.id);
  const manages = directory.some((p) => p.managerId === principal.id);
  if (!me || !manages) throw forbidden(analyticsText(locale, 'forbidden'));
  return { kind: 'department', department: me.department };
}

export interface Period {
  from: string;
  to: string;
  days: string[];
}

const DAY_MS = 86_400_000;

/** `from`/`to` are valid YYYY-MM-DD dates (checked by the API schema); `today` is the company's date. */
export function periodOf(query: { from?: string; to?: string }, today: string, locale: Locale): Period {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  const span = Math.round((parseLocalDate(to) - parseLocalDate(from)) / DAY_MS) + 1;
  if (span < 1)
    throw validationFailed(analyticsText(locale, 'invalid'), [
      { path: 'query.from', message: analyticsText(locale, 'reversed') },
    ]);
  if (span > MAX_DAYS)
    throw validationFailed(analyticsText(locale, 'invalid'), [
      { path: query.from ? 'query.from' : 'query.to', message: analyticsText(locale, 'tooLong') },
    ]);
  return { from, to, days: Array.from({ length: span }, (_, i) => addDays(from, i)) };
}
