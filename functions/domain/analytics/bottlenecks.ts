/**
 * Where requests wait longest: every approver (approval waiting by the approver a decision was
 * made for), every team (queue waiting before a first response) and the time spent waiting for
 * requesters, ranked by total waiting time in the period, each with a plain sentence in ru or en:
 * "Approvals by Natalia Orlova (CFO) waited 3.2 business days at p50, 41% of all approval waiting".
 * Approvals waiting now that stand out (open-work.ts) are ranked with them by the time waited so far,
 * per approval stage, and an overdue one is never left out. Time in progress is work, not waiting,
 * and is not ranked.
 */
import type { Locale, Localized } from '../catalog/schema';
import { percentile } from './histogram';
import { dimensionId, parseDimensionId, readMeasure, type DimensionKind, type Fields, type Measure } from './model';
import type { WaitingStage } from './open-work';

export interface Names {
  person(id: string): { name: string; title?: Localized } | undefined;
  team(id: string): Localized | undefined;
  /** The category of a service. */
  category(serviceId: string): string;
  /** The title of a service. */
  service(serviceId: string): Localized | undefined;
}

/** `approval`: approvals of one catalog stage waiting now. */
export type BottleneckKind = 'approver' | 'stage' | 'team' | 'approval';

export interface Bottleneck {
  kind: BottleneckKind;
  id: string;
  totalWaitHours: number;
  /** Of the waiting it is compared with (all approval waiting, all queue waiting, all waiting), 0..1. */
  share: number;
  p50Hours: number | null;
  sentence: string;
  /** Approvals waiting now (kind `approval`): how many, how many overdue, the longest wait so far. */
  open?: number;
  overdue?: number;
  oldestHours?: number;
}

export const MAX_BOTTLENECKS = 5;

interface Candidate {
  kind: BottleneckKind;
  id: string;
  total: number;
  pool: number;
  p50: number | null;
  waiting?: WaitingStage;
}

function candidates(totals: ReadonlyMap<string, Fields>, kind: DimensionKind, measure: Measure) {
  const found: { id: string; total: number; p50: number | null }[] = [];
  for (const [dimension, fields] of totals) {
    const parsed = parseDimensionId(dimension);
    if (parsed?.kind !== kind) continue;
    const value = readMeasure(fields, measure);
    if (value.sumHours > 0)
      found.push({ id: parsed.key, total: value.sumHours, p50: percentile(value.histogram, 0.5) });
  }
  return found;
}

const stageTotal = (totals: ReadonlyMap<string, Fields>, stage: 'approval' | 'queue' | 'waiting_for_requester') =>
  readMeasure(totals.get(dimensionId({ kind: 'stage', key: stage })) ?? {}, stage).sumHours;

function allCandidates(totals: ReadonlyMap<string, Fields>, waiting: readonly WaitingStage[]): Candidate[] {
  const approvers = candidates(totals, 'approver', 'decision');
  const teams = candidates(totals, 'team', 'queue');
  const sum = (list: { total: number }[]) => list.reduce((s, c) => s + c.total, 0);
  const requester = readMeasure(
    totals.get(dimensionId({ kind: 'stage', key: 'waiting_for_requester' })) ?? {},
    'waiting_for_requester',
  );
  const allWaiting = stageTotal(totals, 'approval') + stageTotal(totals, 'queue') + requester.sumHours;
  const waitingNow = waiting.reduce((s, w) => s + w.totalHours, 0);
  return [
    ...approvers.map((c) => ({ ...c, kind: 'approver' as const, pool: sum(approvers) })),
    ...teams.map((c) => ({ ...c, kind: 'team' as const, pool: sum(teams) })),
    ...(requester.sumHours > 0
      ? [
          {
            kind: 'stage' as const,
            id: 'waiting_for_requester',
            total: requester.sumHours,
            pool: allWaiting,
            p50: percentile(requester.histogram, 0.5),
          },
        ]
      : []),
    ...waiting.map((w) => ({
      kind: 'approval' as const,
      id: w.stage,
      total: w.totalHours,
      pool: waitingNow,
      p50: w.p50Hours,
      waiting: w,
    })),
  ];
}

function formatNumber(value: number, locale: Locale) {
  const text = value.toFixed(1);
  return locale === 'ru' ? text.replace('.', ',') : text;
}

/** "3.2 business days" when a working day or more, else "5.5 business hours" (ru: "3,2 рабочего дня"). */
export function formatDuration(hours: number | null, locale: Locale, hoursPerDay: number): string {
  if (hours === null) return locale === 'ru' ? 'н/д' : 'n/a';
  const days = hours >= hoursPerDay;
  const value = formatNumber(days ? hours / hoursPerDay : hours, locale);
  // One decimal always: Russian takes the genitive singular after a fraction.
  if (locale === 'ru') return `${value} ${days ? 'рабочего дня' : 'рабочего часа'}`;
  return `${value} business ${days ? 'days' : 'hours'}`;
}

type Say = (
  c: Candidate,
  names: Names,
  parts: { wait: string; share: string; locale: Locale; hoursPerDay: number },
) => string;

const SENTENCES: Record<BottleneckKind, Say> = {
  approver(c, names, { wait, share, locale }) {
    const person = names.person(c.id);
    const who = `${person?.name ?? c.id}${person?.title ? ` (${person.title[locale]})` : ''}`;
    return locale === 'ru'
      ? `Согласующий ${who}: согласования ждали ${wait} по медиане — ${share} всего ожидания согласований`
      : `Approvals by ${who} waited ${wait} at p50, ${share} of all approval waiting`;
  },
  team(c, names, { wait, share, locale }) {
    const team = names.team(c.id)?.[locale] ?? c.id;
    return locale === 'ru'
      ? `Очередь «${team}»: первого ответа ждали ${wait} по медиане — ${share} всего ожидания в очередях`
      : `Requests in the ${team} queue waited ${wait} at p50 for a first response, ${share} of all queue waiting`;
  },
  stage: (_c, _names, { wait, share, locale }) =>
    locale === 'ru'
      ? `Ожидание ответа заявителя: ${wait} по медиане — ${share} всего ожидания`
      : `Requests waited for the requester ${wait} at p50, ${share} of all waiting`,
  approval(c, _names, { locale, hoursPerDay }) {
    const { title, open, overdue, oldestHours } = c.waiting as WaitingStage;
    const oldest = formatDuration(oldestHours, locale, hoursPerDay);
    return locale === 'ru'
      ? `${title.ru} — ждут решения: ${open}, дольше всех — ${oldest}, просрочено: ${overdue}`
      : `${title.en}: ${open} waiting for a decision, the longest for ${oldest}, ${overdue} overdue`;
  },
};

function sentence(c: Candidate, names: Names, options: { locale: Locale; hoursPerDay: number }) {
  const wait = formatDuration(c.p50, options.locale, options.hoursPerDay);
  const share = `${Math.round((c.pool > 0 ? c.total / c.pool : 0) * 100)}%`;
  return SENTENCES[c.kind](c, names, { wait, share, ...options });
}

const byTotal = (a: Candidate, b: Candidate) => b.total - a.total || a.id.localeCompare(b.id);

/** The largest totals, but never without an overdue approval: a manager must see what is late now. */
function pick(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(byTotal);
  const overdue = ranked.filter((c) => (c.waiting?.overdue ?? 0) > 0);
  const rest = ranked.filter((c) => !overdue.includes(c));
  return [...overdue, ...rest].slice(0, MAX_BOTTLENECKS).sort(byTotal);
}

export function rankBottlenecks(
  totals: ReadonlyMap<string, Fields>,
  names: Names,
  options: { locale: Locale; hoursPerDay: number; waiting?: readonly WaitingStage[] },
): Bottleneck[] {
  const { waiting = [], ...say } = options;
  return pick(allCandidates(totals, waiting)).map((c) => ({
    kind: c.kind,
    id: c.id,
    totalWaitHours: Math.round(c.total * 10) / 10,
    share: c.pool > 0 ? Math.round((c.total / c.pool) * 1000) / 1000 : 0,
    p50Hours: c.p50 === null ? null : Math.round(c.p50 * 100) / 100,
    sentence: sentence(c, names, say),
    ...(c.waiting && {
      open: c.waiting.open,
      overdue: c.waiting.overdue,
      oldestHours: Math.round(c.waiting.oldestHours * 100) / 100,
    }),
  }));
}
