/**
 * The purchase flow through the web portal, as people do it: an employee submits a 250 000 RUB
 * purchase (the route preview names the manager and the CFO), both approve in their inboxes, the
 * procurement agent who got it resolves it, and the employee sees it resolved with its history.
 * Screenshots of each main screen go to test-output/screenshots; axe checks each of them.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { DESKTOP, PHONE, launch, open, screenshot, seriousViolations, signIn, type Browser } from './browser';
import { TUESDAY_10AM } from '../support/moments';

const START = TUESDAY_10AM;
const AGENTS = ['andrey.kozlov', 'oliver.bennett', 'victoria.nikolaeva'];

// A browser step waits for pages, API calls and workflows: more than an API test's 30 s on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

let portal: IsolatedRuntime;
let browser: Browser;
let requestId = '';

beforeAll(async () => {
  [portal, browser] = await Promise.all([startIsolatedRuntime({ clockStart: START }), launch()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Screenshot + axe: no serious or critical accessibility violations on this screen. */
async function check(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

const row = (page: Page, id: string) => page.locator(`[data-request="${id}"]`);

describe('purchase: employee -> manager -> CFO -> procurement agent', () => {
  let ivan: Page;

  it('should let the employee find the service and see who will approve before submitting', async () => {
    ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    // Ivan's locale in the directory is Russian.
    await expect.poll(() => ivan.locator('html').getAttribute('lang')).toBe('ru');
    await ivan.locator('.service-card').first().waitFor();
    await check(ivan, 'catalog');

    await ivan.setViewportSize(PHONE);
    await check(ivan, 'catalog-phone');
    const overflow = await ivan.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, 'no horizontal scrolling at 375 px').toBe(0);
    await ivan.setViewportSize(DESKTOP);

    await ivan.locator('#catalog-search').fill('закупка');
    await expect.poll(() => ivan.locator('.service-card').count()).toBe(1);
    await ivan.locator('.service-card', { hasText: 'Заявка на закупку' }).click();
    await ivan.locator('#f-item').waitFor();
    await ivan.locator('#f-item').fill('Ноутбуки для отдела продаж');
    await ivan.locator('#f-quantity').fill('3');
    await ivan.locator('#f-amount').fill('250 000');
    await ivan.locator('#f-neededBy').fill('2026-12-20');
    await ivan.locator('#f-justification').fill('Новые сотрудники в январе');
    const steps = ivan.locator('[data-testid="route-steps"]');
    await steps.locator('[data-approver="natalia.orlova"]').waitFor();
    expect(
      await steps.locator('[data-approver]').evaluateAll((els) => els.map((e) => e.getAttribute('data-approver'))),
    ).toEqual(['elena.kuznetsova', 'natalia.orlova']);
    await check(ivan, 'employee-form');

    await ivan.getByRole('button', { name: 'Отправить заявку' }).click();
    await ivan.waitForURL(/\/requests\/[0-9A-Z]+$/);
    requestId = ivan.url().split('/').pop() ?? '';
    await portal.settle();
    await ivan.locator('[data-event="submitted"]').waitFor();

    await ivan.locator('.nav a[href="/requests"]').click();
    await expect.poll(() => row(ivan, requestId).locator('.chip').textContent()).toBe('На согласовании');
    await check(ivan, 'my-requests');
  });

  it('should be approved by the manager and then the CFO in their inboxes', async () => {
    for (const approver of ['elena.kuznetsova', 'natalia.orlova']) {
      const page = await signIn(browser, portal.url, approver);
      await page.locator('.nav a[href="/approvals"]').click();
      const item = row(page, requestId);
      await item.waitFor();
      expect(await item.locator('.tag--own').count(), 'their own approval, not a deputy’s').toBe(1);
      if (approver === 'elena.kuznetsova') await check(page, 'approver-inbox');
      await item.getByLabel('Комментарий').fill('Согласовано');
      await item.locator('[data-action="approve"]').click();
      await item.waitFor({ state: 'detached' });
      await portal.settle();
      await page.close();
    }
  });

  it('should be resolved by the procurement agent it was assigned to', async () => {
    await open(ivan, portal.url, `/requests/${requestId}`);
    const assignee = ivan.locator('[data-testid="assignee"]');
    await expect.poll(() => assignee.getAttribute('data-assignee-id')).not.toBe('');
    const agentId = (await assignee.getAttribute('data-assignee-id')) ?? '';
    expect(AGENTS).toContain(agentId);

    const agent = await signIn(browser, portal.url, agentId);
    await open(agent, portal.url, '/queue');
    const queued = row(agent, requestId);
    await queued.waitFor();
    await check(agent, 'agent-queue');
    await queued.locator('.row-title').click();
    await agent.locator('#comment-text').fill('Заказ размещён у поставщика, поставка 15 декабря');
    await agent.locator('[data-action="resolve"]').click();
    await agent.locator('[data-event="resolved"]').waitFor();
    await portal.settle();
  });

  it('should show the employee the resolved request with its whole history', async () => {
    await open(ivan, portal.url, `/requests/${requestId}`);
    await expect.poll(() => ivan.locator('.page-header .chip').textContent()).toBe('Выполнена');
    const events = await ivan
      .locator('[data-testid="timeline"] > li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-event')));
    expect(events).toEqual(['submitted', 'approved', 'approved', 'assigned', 'resolved']);
    expect(await ivan.locator('[data-event="resolved"] .event-comment').textContent()).toContain('Заказ размещён');
    await check(ivan, 'request-timeline');
    expect(browser.pageErrors).toEqual([]);
  });
});

describe('first page', () => {
  it('should load at most 200 KB of gzipped JavaScript, and be accessible', async () => {
    const page = await browser.context.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(`${portal.url}/signin`);
    await page.locator('[data-user]').first().waitFor();
    const gzipped = scripts.reduce(
      (sum, path) => sum + gzipSync(readFileSync(new URL(`../../web/dist${path}`, import.meta.url))).length,
      0,
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(200 * 1024);
    await screenshot(page, 'sign-in');
    expect(await seriousViolations(page), 'axe on sign-in').toEqual([]);
    await page.close();
  });
});
