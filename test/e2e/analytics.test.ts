/**
 * The analytics page in the browser, over a seeded month of history (300 requests lived through by
 * the real routing, approval and SLA code, with the planted bottlenecks): the admin sees a chart
 * per report whose printed numbers are the API's own (volume, SLA overall and by category, stage
 * percentiles, backlog), the ranked bottleneck sentences in her language, the data tables behind
 * "Show data", other periods, a manager's department scope, a phone layout, no axe violations,
 * and the page's code loaded only when it is opened. Requests waiting for approval count as open
 * work (overdue ones as overdue and as a bottleneck), the headlines agree, count axes tick in whole
 * numbers and time bars are labelled in their axis's unit. The desktop picture is README's.
 * This file owns an in-process runtime with a frozen clock (like test/analytics).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnalyticsReport } from '../../functions/domain/analytics/report';
import { generateDemoHistory } from '../../local/demo/generate';
import { startRuntime, type Runtime } from '../../local/runtime';
import { clientFor, type ApiClient } from '../support/client';
import { DESKTOP, PHONE, launch, open, screenshot, seriousViolations, signIn, type Browser } from './browser';
import { FRIDAY_5PM } from '../support/moments';

// The seeded month ends at the chosen Friday 17:00 in Moscow.
const NOW = FRIDAY_5PM;
const SEED = { requests: 300, days: 30, seed: 42 };
const CHARTS = ['volume', 'sla', 'stages', 'backlog'];

// Seeding, pages and API calls on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

type Locale = 'ru' | 'en';
type Report = AnalyticsReport & {
  hoursPerDay: number;
  period: { from: string; to: string; days: number };
  scope: { kind: 'all' } | { kind: 'department'; department: string };
};

let runtime: Runtime;
let api: ApiClient;
let browser: Browser;
let olga: Page;
const scripts: string[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startRuntime({ port: 0, clockStart: NOW, clockFrozen: true }), launch()]);
  api = clientFor(runtime.url);
  // The handlers' modules read the runtime's environment when loaded: after startRuntime.
  const { seedDemoHistory } = await import('../../local/demo-history');
  await seedDemoHistory({ ...SEED, now: new Date(NOW) });
  await runtime.clock.settle();
  browser.context.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function reportFor(userId: string, locale: Locale, query = ''): Promise<Report> {
  const answer = await api.call('GET', `/analytics${query}`, undefined, {
    token: await api.tokenFor(userId),
    headers: { 'accept-language': locale },
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.body as Report;
}

// The portal's number formats (web/src/format.ts), spaces normalised: Node's and Chromium's ICU may differ there.
const TAG: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };
const norm = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const count = (n: number, l: Locale) => norm(new Intl.NumberFormat(TAG[l]).format(n));
/** A number printed by the page ("1,5", "12"), back to a number. */
const parse = (text: string) => Number(text.replace(/\s/g, '').replace(',', '.'));
const pct = (value: number | null, l: Locale) =>
  value === null
    ? '—'
    : norm(new Intl.NumberFormat(TAG[l], { style: 'percent', maximumFractionDigits: 1 }).format(value / 100));

interface ChartRow {
  /** Per series: the value behind the bar (data-value) and the number printed on or after it. */
  values: Record<string, string>;
  texts: Record<string, string>;
  /** The number printed after a stacked bar. */
  totals: string[];
}

/** Every row of a chart as drawn, by its key (service, category, stage, team). */
function chartRows(page: Page, chart: string): Promise<Record<string, ChartRow>> {
  return page.locator(`[data-chart="${chart}"] .chart-row`).evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((row) => {
        const series = [...row.querySelectorAll('[data-series]')];
        const text = (el: { textContent: string | null } | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
        return [
          row.getAttribute('data-key') ?? '',
          {
            values: Object.fromEntries(
              series.map((g) => [g.getAttribute('data-series'), g.getAttribute('data-value')]),
            ),
            texts: Object.fromEntries(
              series.map((g) => [g.getAttribute('data-series'), text(g.querySelector('.chart-value, .chart-inside'))]),
            ),
            totals: [...row.querySelectorAll('[data-total]')].map((t) => text(t)),
          },
        ];
      }),
    ),
  );
}

async function expectVolume(page: Page, report: Report, locale: Locale) {
  const rows = await chartRows(page, 'volume');
  expect(Object.keys(rows)).toEqual(report.volume.map((v) => v.serviceId));
  for (const v of report.volume) {
    expect(rows[v.serviceId]?.values, v.serviceId).toEqual({
      submitted: String(v.submitted),
      resolved: String(v.resolved),
    });
    expect(rows[v.serviceId]?.texts, v.serviceId).toEqual({
      submitted: count(v.submitted, locale),
      resolved: count(v.resolved, locale),
    });
  }
}

async function expectSla(page: Page, report: Report, locale: Locale) {
  const sla = page.locator('[data-chart="sla"]');
  expect(norm(await sla.locator('.donut-center').textContent())).toBe(pct(report.sla.compliancePct, locale));
  const met = report.sla.byService.reduce((sum, s) => sum + s.met, 0);
  expect(await sla.locator('.donut [data-series="met"]').getAttribute('data-value')).toBe(String(met));
  // By category: the printed share is the API's own per-category compliance.
  const rows = await chartRows(page, 'sla');
  const categories = report.categories.filter((c) => c.compliancePct !== null);
  expect(Object.keys(rows).sort()).toEqual(categories.map((c) => c.id).sort());
  for (const c of categories) expect(rows[c.id]?.totals, c.id).toEqual([pct(c.compliancePct, locale)]);
  // The worst category first.
  const worst = [...categories].sort((a, b) => (a.compliancePct ?? 0) - (b.compliancePct ?? 0))[0];
  expect(Object.keys(rows)[0]).toBe(worst?.id);
}

const UNIT_HOURS: Record<string, (report: Report) => number> = {
  minute: () => 1 / 60,
  hour: () => 1,
  day: (report) => report.hoursPerDay,
};

/**
 * A time panel's bars against their labels: each label is its value in the axis's unit (the unit
 * the axis's last tick is written in), rounded as the ticks are; a bar is drawn only for a label
 * that is not 0.
 */
async function expectTimeLabels(
  page: Page,
  report: Report,
  { chart, panel }: { chart: string; panel: string },
  values: Map<string, number | null>,
) {
  const axis = page.locator(`[data-chart="${chart}"] .chart-axis[data-panel="${panel}"]`);
  const unit = (await axis.getAttribute('data-unit')) ?? '';
  const per = UNIT_HOURS[unit]?.(report);
  expect(per, `${chart}: a time unit`).toBeDefined();
  const ticks = (await axis.locator('.chart-tick').allTextContents()).map(norm);
  const unitText = ticks[ticks.length - 1]?.replace(/^[\d\s,.]+/, '') ?? '';
  expect(unitText, `${chart}: the unit on the last tick`).not.toBe('');
  const bars = await page.locator(`[data-chart="${chart}"] [data-panel="${panel}"] [data-series]`).evaluateAll((gs) =>
    gs.map((g) => ({
      key: `${g.closest('.chart-row')?.getAttribute('data-key')}:${g.getAttribute('data-series')}`,
      drawn: Number(g.querySelector('rect')?.getAttribute('width') ?? 0),
      label: (g.querySelector('.chart-value')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
  expect(bars.length).toBe(values.size);
  for (const bar of bars) {
    const value = values.get(bar.key);
    if (value === null || value === undefined) {
      expect(bar.label, bar.key).toBe('—');
      continue;
    }
    expect(bar.label.endsWith(unitText), `${bar.key}: "${bar.label}" in ${unitText}`).toBe(true);
    const number = parse(bar.label.slice(0, -unitText.length));
    expect(Math.abs(number - value / (per ?? 1)), `${bar.key}: ${bar.label} for ${value} h`).toBeLessThanOrEqual(0.5);
    expect(bar.drawn > 0, `${bar.key}: a bar for "${bar.label}"`).toBe(number > 0);
  }
}

async function expectStages(page: Page, report: Report) {
  const rows = await chartRows(page, 'stages');
  expect(Object.keys(rows)).toEqual(['approval', 'queue', 'in_progress', 'waiting_for_requester']);
  const values = new Map(
    report.stages.flatMap((s) => [
      [`${s.stage}:p50`, s.p50Hours],
      [`${s.stage}:p90`, s.p90Hours],
    ]),
  );
  await expectTimeLabels(page, report, { chart: 'stages', panel: 'hours' }, values);
}

/** Count axes (volume, open requests) tick in whole numbers only. */
async function expectWholeTicks(page: Page) {
  for (const [chart, panel] of [
    ['volume', 'count'],
    ['backlog', 'open'],
  ] as const) {
    const ticks = (
      await page.locator(`[data-chart="${chart}"] .chart-axis[data-panel="${panel}"] .chart-tick`).allTextContents()
    ).map(norm);
    expect(ticks.length, chart).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick, `${chart} tick`).toMatch(/^\d[\d ]*$/);
  }
}

async function expectBacklog(page: Page, report: Report, locale: Locale) {
  const rows = await chartRows(page, 'backlog');
  expect(Object.keys(rows).sort()).toEqual(report.backlog.map((b) => b.team).sort());
  for (const b of report.backlog) {
    const row = rows[b.team];
    expect(row?.totals, b.team).toEqual([count(b.open, locale)]);
    expect(row?.values, b.team).toEqual({
      onTime: String(b.open - b.breached),
      breached: String(b.breached),
      oldest: b.oldestAgeHours === null ? '' : String(b.oldestAgeHours),
    });
  }
  // Team names, not ids.
  const labels = await page.locator('[data-chart="backlog"] .chart-label title').allTextContents();
  expect(labels.sort()).toEqual(report.backlog.map((b) => b.name).sort());
  await expectTimeLabels(
    page,
    report,
    { chart: 'backlog', panel: 'oldest' },
    new Map(report.backlog.map((b) => [`${b.team}:oldest`, b.oldestAgeHours])),
  );
}

async function expectCharts(page: Page, report: Report, locale: Locale) {
  await expectVolume(page, report, locale);
  await expectSla(page, report, locale);
  await expectStages(page, report);
  await expectBacklog(page, report, locale);
  await expectWholeTicks(page);
}

const OPEN_TEXT: Record<Locale, (open: Report['open']) => string[]> = {
  ru: (o) => [`в согласовании ${o.inApproval} · у команд ${o.atTeams}`, `просрочено сейчас: ${o.overdue}`],
  en: (o) => [`awaiting approval ${o.inApproval} · with teams ${o.atTeams}`, `${o.overdue} overdue now`],
};

/** The headlines as printed: open now counts approvals (split, overdue said), on time and late agree. */
async function expectHeadlines(page: Page, report: Report, locale: Locale) {
  const kpi = (id: string, part = '.kpi-value') => page.locator(`[data-kpi="${id}"] ${part}`).textContent().then(norm);
  expect(await kpi('open')).toBe(count(report.open.total, locale));
  expect([await kpi('open', '.kpi-note'), await kpi('open', '.kpi-alert')]).toEqual(
    OPEN_TEXT[locale](report.open).map(norm),
  );
  expect(await kpi('onTime')).toBe(pct(report.sla.compliancePct, locale));
  expect(await kpi('late')).toBe(count(report.sla.missed, locale));
  expect(report.sla.met + report.sla.missed).toBe(report.volume.reduce((sum, v) => sum + v.resolved, 0));
}

const sentences = (page: Page) => page.locator('[data-testid="bottlenecks"] .bottleneck-sentence').allTextContents();

/** Screenshot + axe: no serious or critical accessibility violations. */
async function check(page: Page, name: string) {
  const path = await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  return path;
}

describe('analytics page for the admin', () => {
  it('should draw a figure per report with the API’s numbers and the ranked bottlenecks (ru)', async () => {
    olga = await signIn(browser, runtime.url, 'olga.smirnova');
    expect(
      scripts.some((s) => s.includes('/Analytics-')),
      'the analytics code is not on the first pages',
    ).toBe(false);
    await open(olga, runtime.url, '/analytics');
    await olga.locator('[data-chart="backlog"] svg').waitFor();
    expect(
      scripts.some((s) => s.includes('/Analytics-')),
      'the analytics chunk, loaded on demand',
    ).toBe(true);
    expect(await olga.locator('html').getAttribute('lang')).toBe('ru');
    const report = await reportFor('olga.smirnova', 'ru');

    const figures = olga.locator('figure[data-chart]');
    expect(await figures.evaluateAll((els) => els.map((el) => el.getAttribute('data-chart')))).toEqual([
      'volume',
      'stages',
      'sla',
      'backlog',
    ]);
    for (const chart of CHARTS) {
      const figure = olga.locator(`figure[data-chart="${chart}"]`);
      expect(norm(await figure.locator('figcaption h2').textContent()), chart).not.toBe('');
      const labels = await figure
        .locator('svg[role="img"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
      expect(labels.length, chart).toBeGreaterThan(0);
      for (const label of labels) expect(label?.length ?? 0, chart).toBeGreaterThan(40);
    }
    const top = report.volume[0];
    expect(await olga.locator('[data-chart="volume"] svg').getAttribute('aria-label')).toContain(
      `подано ${top?.submitted}, выполнено ${top?.resolved}`,
    );
    await expectCharts(olga, report, 'ru');

    expect(norm(await olga.locator('[data-kpi="submitted"] .kpi-value').textContent())).toBe(
      count(
        report.volume.reduce((sum, v) => sum + v.submitted, 0),
        'ru',
      ),
    );
    await expectHeadlines(olga, report, 'ru');
    expect(report.bottlenecks.length).toBeGreaterThan(0);
    expect(await sentences(olga)).toEqual(report.bottlenecks.map((b) => b.sentence));
    expect(norm(await olga.locator('[data-testid="period"]').textContent())).toContain('Все подразделения');

    // The numbers as a table, on demand.
    const volume = olga.locator('[data-chart="volume"]');
    await volume.locator('summary').click();
    expect(await volume.locator('table tbody tr').count()).toBe(report.volume.length);
    expect(await volume.locator('table tbody tr').first().locator('td').allTextContents()).toEqual([
      String(top?.submitted),
      String(top?.resolved),
    ]);
    expect(await seriousViolations(olga), 'axe with a data table open').toEqual([]);
    await volume.locator('summary').click();

    await olga.evaluate('window.scrollTo(0, 0)');
    // test-output/screenshots/analytics.png; README's web/docs/analytics.png is a copy of it.
    await check(olga, 'analytics');
  });

  it('should switch to English with the API’s English sentences', async () => {
    await olga.locator('.lang button[lang="en"]').click();
    await expect.poll(() => olga.locator('#page-title').textContent()).toBe('Analytics');
    const report = await reportFor('olga.smirnova', 'en');
    await expect.poll(() => sentences(olga)).toEqual(report.bottlenecks.map((b) => b.sentence));
    expect(await olga.locator('[data-chart="volume"] .chart-legend').textContent()).toContain('Submitted');
    expect(await olga.locator('[data-chart="volume"] svg').getAttribute('aria-label')).toContain(
      `${report.volume[0]?.submitted} submitted, ${report.volume[0]?.resolved} resolved`,
    );
    await expectCharts(olga, report, 'en');
    await expectHeadlines(olga, report, 'en');
    await check(olga, 'analytics-en');
  });

  it('should show another period ending on the same day', async () => {
    await olga.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => olga.locator('[data-testid="period"]').textContent()).toContain('(7 days)');
    await expect
      .poll(() => olga.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'))
      .toBe('true');
    const report = await reportFor('olga.smirnova', 'en', '?from=2026-11-28&to=2026-12-04');
    expect(report.period.days).toBe(7);
    await expect
      .poll(async () => Object.keys(await chartRows(olga, 'volume')))
      .toEqual(report.volume.map((v) => v.serviceId));
    await expectCharts(olga, report, 'en');
  });

  it('should fit a phone without horizontal scrolling', async () => {
    await olga.setViewportSize(PHONE);
    await olga.locator('[data-chart="volume"] svg').waitFor();
    const overflow = await olga.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, 'no horizontal scrolling at 375 px').toBe(0);
    const widest = await olga
      .locator('svg.chart')
      .evaluateAll((svgs) => Math.max(...svgs.map((svg) => svg.getBoundingClientRect().right)));
    expect(widest, 'every chart inside the screen').toBeLessThanOrEqual(PHONE.width);
    await check(olga, 'analytics-phone');
    await olga.setViewportSize(DESKTOP);
    await olga.close();
  });
});

describe('open approvals in the analytics', () => {
  // The seeded month's requests still waiting for a decision at the chosen Friday, some past their stage's deadline.
  const waiting = generateDemoHistory({ ...SEED, now: new Date(NOW) })
    .map((d) => d.request)
    .filter((r) => r.status === 'pending_approval');
  const stageOf = (r: (typeof waiting)[number]) => r.approvals[r.currentStage ?? -1];
  const overdue = waiting.filter((r) => Date.parse(stageOf(r)?.dueAt ?? '') <= Date.parse(NOW));

  it('should count every request waiting for approval as open, and the overdue ones as overdue', async () => {
    expect(overdue.length, 'the seed has overdue approvals').toBeGreaterThan(0);
    const report = await reportFor('olga.smirnova', 'ru');
    const atTeams = report.backlog.reduce((sum, b) => sum + b.open, 0);
    expect(report.open).toMatchObject({
      inApproval: waiting.length,
      inApprovalOverdue: overdue.length,
      atTeams,
      total: waiting.length + atTeams,
    });
  });

  it('should show the overdue approvals among the bottlenecks on the page, per stage', async () => {
    const report = await reportFor('olga.smirnova', 'ru');
    // A stage as its title names it (services may give one stage different ids).
    const stages = new Set(overdue.map((r) => stageOf(r)?.title.ru));
    const now = report.bottlenecks.filter((b) => b.kind === 'approval');
    expect(new Set(now.map((b) => b.sentence.split(' — ')[0]))).toEqual(stages);
    expect(now.reduce((sum, b) => sum + (b.overdue ?? 0), 0)).toBe(overdue.length);
    const page = await signIn(browser, runtime.url, 'olga.smirnova');
    await open(page, runtime.url, '/analytics');
    await page.locator('[data-chart="backlog"] svg').waitFor();
    const locale = ((await page.locator('html').getAttribute('lang')) ?? 'ru') as Locale;
    const shown = await reportFor('olga.smirnova', locale);
    const items = page.locator('[data-testid="bottlenecks"] .bottleneck[data-kind="approval"] .bottleneck-sentence');
    expect((await items.allTextContents()).map(norm)).toEqual(
      shown.bottlenecks.filter((b) => b.kind === 'approval').map((b) => norm(b.sentence)),
    );
    expect(await page.getByText(locale === 'ru' ? 'нет заметных ожиданий' : 'nothing waited long').count()).toBe(0);
    await expectHeadlines(page, shown, locale);
    expect(await seriousViolations(page), 'axe with open approvals').toEqual([]);
    await page.close();
  });
});

describe('analytics page for a manager', () => {
  it('should say it covers her department and chart its numbers', async () => {
    const elena = await signIn(browser, runtime.url, 'elena.kuznetsova');
    await open(elena, runtime.url, '/analytics');
    await elena.locator('[data-chart="backlog"] svg').waitFor();
    // The language chosen in this browser (English, above) outlives a sign-in: whichever it is, the same numbers.
    const locale = ((await elena.locator('html').getAttribute('lang')) ?? 'ru') as Locale;
    const report = await reportFor('elena.kuznetsova', locale);
    expect(report.scope).toEqual({ kind: 'department', department: 'sales' });
    expect(norm(await elena.locator('[data-testid="period"]').textContent())).toContain(
      locale === 'ru' ? 'Подразделение: Отдел продаж' : 'Department: Sales',
    );
    await expectVolume(elena, report, locale);
    await expectBacklog(elena, report, locale);
    expect(await seriousViolations(elena), 'axe for the manager').toEqual([]);
    await elena.close();
    expect(browser.pageErrors).toEqual([]);
  });
});
