/**
 * GET /api/analytics as the portal reads it (functions/api/schemas.ts `analyticsSchema`), and what
 * the charts derive from it: totals, SLA by category (from the per-service met/missed counts), the
 * names of stages, categories and teams in the reader's language, hours and percentages.
 */
import type { Locale } from '../../api/types';
import { formatDecimal, formatPercent } from '../../format';
import { translate, type UiKey } from '../../i18n';

export type StageId = 'approval' | 'queue' | 'in_progress' | 'waiting_for_requester';

export interface VolumeRow {
  serviceId: string;
  category: string;
  submitted: number;
  resolved: number;
}

export interface ServiceSla {
  serviceId: string;
  compliancePct: number | null;
  met: number;
  missed: number;
  breached: number;
}

export interface StageRow {
  stage: StageId | string;
  p50Hours: number | null;
  p90Hours: number | null;
  count: number;
}

export interface BacklogRow {
  team: string;
  open: number;
  breached: number;
  oldestAgeHours: number | null;
}

export interface BottleneckRow {
  kind: 'approver' | 'stage' | 'team';
  id: string;
  totalWaitHours: number;
  share: number;
  p50Hours: number | null;
  sentence: string;
}

export interface AnalyticsReport {
  period: { from: string; to: string; days: number };
  scope: { kind: 'all' | 'department'; department?: string };
  generatedAt: string;
  volume: VolumeRow[];
  sla: { compliancePct: number | null; breached: number; byService: ServiceSla[] };
  stages: StageRow[];
  backlog: BacklogRow[];
  bottlenecks: BottleneckRow[];
}

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

const CATEGORIES = ['hr', 'finance', 'legal', 'it', 'procurement', 'admin'] as const;

export const categoryName = (category: string, locale: Locale) =>
  (CATEGORIES as readonly string[]).includes(category) ? translate(locale, `cat_${category}` as UiKey) : category;

/** Business hours, one decimal: "12.5 h", "12,5 ч"; "—" when nothing was measured. */
export const formatHours = (value: number | null, locale: Locale) =>
  value === null ? '—' : translate(locale, 'hours', { n: formatDecimal(value, locale) });

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
  met: number;
  missed: number;
  open: number;
  openBreached: number;
}

export function totalsOf(report: AnalyticsReport): Totals {
  const add = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  return {
    submitted: add(report.volume, (v) => v.submitted),
    resolved: add(report.volume, (v) => v.resolved),
    met: add(report.sla.byService, (s) => s.met),
    missed: add(report.sla.byService, (s) => s.missed),
    open: add(report.backlog, (b) => b.open),
    openBreached: add(report.backlog, (b) => b.breached),
  };
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
