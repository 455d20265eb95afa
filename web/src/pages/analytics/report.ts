/**
 * GET /api/analytics, and what the charts derive from it: SLA by category (from the per-service met/missed counts), the names of
 * stages and categories in the reader's language (services and teams come named by the API),
 * durations in the unit a chart's axis chose, and percentages.
 */
import type { ApiAnalytics } from '../../../../functions/api/schemas';
import { CATEGORIES } from '../../../../functions/domain/catalog/vocabulary';
import type { Locale } from '../../api/types';
import { timeUnit, type Unit } from '../../components/charts/scale';
import { formatDecimal, formatNumber, formatPercent } from '../../format';
import { translate, type UiKey } from '../../i18n';

/** The report as the API sends it (its schema, `analyticsSchema`, is also the OpenAPI document's). */
export type AnalyticsReport = ApiAnalytics;
export type BacklogRow = AnalyticsReport['backlog'][number];
export type BottleneckRow = AnalyticsReport['bottlenecks'][number];

const STAGE_NAMES: Record<string, UiKey> = {
  approval: 'stageApproval',
  queue: 'stageQueue',
  in_progress: 'st_in_progress',
  waiting_for_requester: 'st_waiting_for_requester',
};

export const stageName = (stage: string, locale: Locale) => {
  const key = STAGE_NAMES[stage];
  return key ? translate(locale, key) : stage;
};

export const categoryName = (category: string, locale: Locale) =>
  (CATEGORIES as readonly string[]).includes(category) ? translate(locale, `cat_${category}` as UiKey) : category;

/** Business hours, one decimal: "12.5 h", "12,5 ч"; "—" when nothing was measured. */
export const formatHours = (value: number | null, locale: Locale) =>
  value === null ? '—' : translate(locale, 'hours', { n: formatDecimal(value, locale) });

/** A duration on its own (a table cell, a sentence): in the unit its size reads best in, one decimal. */
export function formatTime(hours: number | null, locale: Locale, hoursPerDay: number): string {
  if (hours === null) return '—';
  const { unit, per } = timeUnit(hours, hoursPerDay);
  const value = unit === 'minute' ? Math.round(hours / per) : Math.round((hours / per) * 10) / 10;
  return translate(locale, UNIT_KEY[unit] ?? 'hours', { n: formatDecimal(value, locale) });
}

const UNIT_KEY: Partial<Record<Unit, UiKey>> = { minute: 'minutes', hour: 'hours', day: 'workdays' };
/** On a chart, where room is short, days are "d": its text says they are working days. */
const CHART_UNIT_KEY: Partial<Record<Unit, UiKey>> = { ...UNIT_KEY, day: 'chartWorkdays' };

/** A value already in a chart axis's unit and rounding: "3", "12 min", "1.5 d", "75%". */
export function formatIn(locale: Locale) {
  return (value: number, unit: Unit) => {
    if (unit === 'percent') return formatPercent(value, locale);
    const key = CHART_UNIT_KEY[unit];
    return key ? translate(locale, key, { n: formatDecimal(value, locale, 3) }) : formatNumber(value, locale);
  };
}

export const formatPct = (value: number | null, locale: Locale) =>
  value === null ? '—' : formatPercent(value, locale);

/** Met / (met + missed), rounded to 0.1 as the API rounds it; null with nothing resolved. */
export function compliance(met: number, missed: number): number | null {
  const resolved = met + missed;
  return resolved === 0 ? null : Math.round((met / resolved) * 1000) / 10;
}

export interface CategorySla {
  category: string;
  met: number;
  missed: number;
  pct: number | null;
}

/** SLA met and missed per category (the sum of its services), the worst compliance first. */
export function slaByCategory(report: AnalyticsReport, categoryOf: (serviceId: string) => string): CategorySla[] {
  const sums = new Map<string, { met: number; missed: number }>();
  for (const row of report.sla.byService) {
    const category = categoryOf(row.serviceId);
    const sum = sums.get(category) ?? { met: 0, missed: 0 };
    sums.set(category, { met: sum.met + row.met, missed: sum.missed + row.missed });
  }
  return [...sums]
    .map(([category, { met, missed }]) => ({ category, met, missed, pct: compliance(met, missed) }))
    .filter((row) => row.met + row.missed > 0)
    .sort((a, b) => (a.pct ?? 101) - (b.pct ?? 101) || a.category.localeCompare(b.category));
}

export interface Totals {
  submitted: number;
  resolved: number;
}

export function totalsOf(report: AnalyticsReport): Totals {
  const add = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  return { submitted: add(report.volume, (v) => v.submitted), resolved: add(report.volume, (v) => v.resolved) };
}

/** Teams with the most overdue, then the most open, requests first. */
export const backlogByUrgency = (rows: BacklogRow[]) =>
  [...rows].sort((a, b) => b.breached - a.breached || b.open - a.open || a.team.localeCompare(b.team));

/** YYYY-MM-DD plus `days` (negative: before). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
