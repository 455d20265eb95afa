/**
 * Every page of the portal, in both languages, on a desktop and on a phone: axe-core finds no serious
 * or critical violation, and on the phone every tap target is at least 24×24 CSS px (WCAG 2.5.8; the
 * one exception taken is WCAG's own, narrowly: a link inside a sentence). Each page is one test that
 * runs its four combinations (2 languages × 2 viewports); the data behind the pages (a request waiting
 * for approval, one in the team queue, one resolved) is made through the API first, so no page is
 * checked empty.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';
import { DESKTOP, PHONE, launch, seriousViolations, signIn, smallTapTargets, type Browser } from './browser';

// Four page loads and axe runs per test on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

let portal: IsolatedRuntime;
let browser: Browser;
const ids = { pending: '', queued: '', resolved: '' };

const purchase = (item: string, amount: number) => ({
  serviceId: 'purchase',
  fields: {
    item,
    quantity: 1,
    amount: { amount, currency: 'RUB' },
    neededBy: '2026-12-22', // three weeks after the runtime's clock start (TUESDAY_10AM)
    justification: 'Рабочее место нового сотрудника',
  },
});

async function call(who: string, method: string, path: string, body?: unknown) {
  const response = await portal.as(who, method, path, body);
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  await portal.settle();
  return response.body;
}

beforeAll(async () => {
  [portal, browser] = await Promise.all([startIsolatedRuntime({ clockStart: TUESDAY_10AM }), launch()]);
  ids.pending = (await call('ivan.sidorov', 'POST', '/requests', purchase('Монитор 27"', 30_000))).id;
  ids.queued = (await call('ivan.sidorov', 'POST', '/requests', purchase('Док-станция', 15_000))).id;
  await call('elena.kuznetsova', 'POST', `/requests/${ids.queued}/approvals/manager/decision`, { decision: 'approve' });
  ids.resolved = (await call('ivan.sidorov', 'POST', '/requests', purchase('Клавиатура', 5_000))).id;
  await call('elena.kuznetsova', 'POST', `/requests/${ids.resolved}/approvals/manager/decision`, {
    decision: 'approve',
  });
  // Assigned automatically to one of the procurement agents: that one resolves it.
  const { assigneeId } = await call('andrey.kozlov', 'GET', `/requests/${ids.resolved}`);
  await call(assigneeId, 'POST', `/requests/${ids.resolved}/actions`, {
    type: 'resolve',
    comment: 'Закуплено, ждите доставку',
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const pages = new Map<string, Page>();

/** One tab per person, signed in once. */
async function tabOf(userId: string): Promise<Page> {
  let page = pages.get(userId);
  if (!page) {
    page = await signIn(browser, portal.url, userId);
    pages.set(userId, page);
  }
  return page;
}

async function chooseLanguage(page: Page, locale: 'ru' | 'en') {
  if ((await page.locator('html').getAttribute('lang')) === locale) return;
  await page.locator(`.lang button[lang="${locale}"]`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
}

/**
 * Every combination of language and viewport of one page, opened once and switched in place (as a
 * reader does): what was found, by combination (axe's serious violations' ids and targets, and on the
 * phone the tap targets that are too small).
 */
async function violationsOn(page: Page, open: (page: Page) => Promise<void>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  await open(page);
  for (const locale of ['ru', 'en'] as const) {
    await chooseLanguage(page, locale);
    // The page re-renders in the new language (and may reload its data): let it settle.
    await page.waitForLoadState('networkidle');
    // A page reloading its data shows the old one dimmed (aria-busy): axe would judge the dimmed colours.
    await page.waitForFunction(`!document.querySelector('[aria-busy="true"]')`);
    await page.waitForTimeout(200); // the dimming's fade-out
    for (const [name, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(size);
      const axe = (await seriousViolations(page)).map((v) => `axe ${v.id}: ${v.targets.join(', ')}`);
      const small = name === 'phone' ? (await smallTapTargets(page)).map((t) => `too small to tap: ${t}`) : [];
      found[`${locale}/${name}`] = [...axe, ...small];
    }
  }
  await page.setViewportSize(DESKTOP);
  return found;
}

const none = { 'ru/desktop': [], 'ru/phone': [], 'en/desktop': [], 'en/phone': [] };

/** Navigates and waits for the page's heading (and, when given, something the page must show). */
const visit = (path: string, ready?: string) => async (page: Page) => {
  await page.goto(`${portal.url}${path}`);
  await page.locator('#page-title').first().waitFor();
  if (ready) await page.locator(ready).first().waitFor();
};

describe('every page, ru and en, desktop and phone (4 combinations each): axe and tap targets', () => {
  it('should pass on the sign-in page', async () => {
    const page = await browser.context.newPage();
    const found = await violationsOn(page, async (p) => {
      await p.goto(`${portal.url}/signin`);
      await p.locator('[data-user]').first().waitFor();
    });
    expect(found).toEqual(none);
    await page.close();
  });

  it('should pass on the catalog', async () => {
    expect(await violationsOn(await tabOf('ivan.sidorov'), visit('/', '.service-card'))).toEqual(none);
  });

  it('should pass on a service form with its route preview', async () => {
    expect(await violationsOn(await tabOf('ivan.sidorov'), visit('/services/purchase', '#f-item'))).toEqual(none);
  });

  it('should pass on a service form showing its errors', async () => {
    const found = await violationsOn(await tabOf('ivan.sidorov'), async (page) => {
      await visit('/services/purchase', '#f-item')(page);
      await page.locator('form button[type="submit"]').click();
      await page.locator('#f-item-error').waitFor();
    });
    expect(found).toEqual(none);
  });

  it('should pass on a form with dates and people (vacation)', async () => {
    expect(await violationsOn(await tabOf('ivan.sidorov'), visit('/services/vacation', '#f-period'))).toEqual(none);
  });

  it('should pass on "My requests"', async () => {
    expect(
      await violationsOn(await tabOf('ivan.sidorov'), visit('/requests', `[data-request="${ids.pending}"]`)),
    ).toEqual(none);
  });

  it('should pass on a request waiting for approval, as the requester', async () => {
    expect(await violationsOn(await tabOf('ivan.sidorov'), visit(`/requests/${ids.pending}`))).toEqual(none);
  });

  it('should pass on a resolved request, as the requester (close or reopen)', async () => {
    expect(await violationsOn(await tabOf('ivan.sidorov'), visit(`/requests/${ids.resolved}`))).toEqual(none);
  });

  it('should pass on the approvals inbox and a request to decide', async () => {
    const elena = await tabOf('elena.kuznetsova');
    expect(await violationsOn(elena, visit('/approvals', `[data-request="${ids.pending}"]`))).toEqual(none);
    expect(await violationsOn(elena, visit(`/requests/${ids.pending}`))).toEqual(none);
  });

  it('should pass on the team queue and a request in work, as the agent', async () => {
    const andrey = await tabOf('andrey.kozlov');
    expect(await violationsOn(andrey, visit('/queue', `[data-request="${ids.queued}"]`))).toEqual(none);
    expect(await violationsOn(andrey, visit(`/requests/${ids.queued}`))).toEqual(none);
  });

  it('should pass on delegation', async () => {
    expect(await violationsOn(await tabOf('elena.kuznetsova'), visit('/delegation'))).toEqual(none);
  });

  it('should pass on analytics', async () => {
    expect(await violationsOn(await tabOf('olga.smirnova'), visit('/analytics', 'figure'))).toEqual(none);
  });

  it('should pass on a page that does not exist', async () => {
    expect(await violationsOn(await tabOf('ivan.sidorov'), visit('/no-such-page'))).toEqual(none);
  });
});
