/**
 * The analytics page in the browser, over a seeded month of history (300 requests lived through by
 * the real routing, approval and SLA code, with the planted bottlenecks): the admin sees a chart
 * per report whose printed numbers are the API's own (volume, SLA overall and by category, stage
 * percentiles, backlog), the ranked bottleneck sentences in her language, the data tables behind
 * "Show data", other periods, a manager's department scope, a phone layout, no axe violations,
 * and the page's code loaded only when it is opened. The desktop picture is README's.
 * This file owns an in-process runtime with a frozen clock (like test/analytics).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnalyticsReport } from '../../functions/domain/analytics/report';
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
const hours = (value: number | null, l: Locale) =>
  value === null
    ? '—'
    : norm(`${new Intl.NumberFormat(TAG[l], { maximumFractionDigits: 1 }).format(value)} ${l === 'ru' ? 'ч' : 'h'}`);
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

async function expectStages(page: Page, report: Report, locale: Locale) {
  const rows = await chartRows(page, 'stages');
  expect(Object.keys(rows)).toEqual(['approval', 'queue', 'in_progress', 'waiting_for_requester']);
  for (const s of report.stages)
    expect(rows[s.stage]?.texts, s.stage).toEqual({ p50: hours(s.p50Hours, locale), p90: hours(s.p90Hours, locale) });
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
    expect(row?.texts.oldest, b.team).toBe(hours(b.oldestAgeHours, locale));
  }
}

async function expectCharts(page: Page, report: Report, locale: Locale) {
  await expectVolume(page, report, locale);
  await expectSla(page, report, locale);
  await expectStages(page, report, locale);
  await expectBacklog(page, report, locale);
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
    expect(norm(await olga.locator('[data-kpi="onTime"] .kpi-value').textContent())).toBe(
      pct(report.sla.compliancePct, 'ru'),
    );
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
