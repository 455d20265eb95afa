/**
 * The team queue as an agent's workspace, in a browser: columns (request with its summary,
 * requester, assignee, status, working time left), search and filters that narrow the list, taking
 * over a colleague's request only after a question, there and on the request page (and the history
 * saying from whom), and bulk assignment that names what failed. axe on the page; a phone shows it
 * without sideways scrolling.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';
import { seedLegalQueue } from '../support/legal-queue';
import { DESKTOP, PHONE, launch, open, screenshot, seriousViolations, signIn, type Browser } from './browser';

// A browser step waits for pages, API calls and workflows: more than an API test's 30 s on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const ME = 'alexey.popov'; // legal agent, Russian UI
const COLLEAGUE = { id: 'anastasia.belova', name: 'Анастасия Белова' };
const LEAD = 'mikhail.egorov';

let portal: IsolatedRuntime;
let browser: Browser;
let page: Page;
let ndaRu = '';
let ndaEn = '';
let contract = '';

/** The lead hands a request to `to` (unless it is theirs already). */
async function handTo(id: string, to: string) {
  const current = await portal.as(LEAD, 'GET', `/requests/${id}`);
  if (current.body.assigneeId === to) return;
  const response = await portal.as(LEAD, 'POST', `/requests/${id}/actions`, { type: 'assign', assigneeId: to });
  expect(response.status, response.text).toBe(200);
}

beforeAll(async () => {
  [portal, browser] = await Promise.all([startIsolatedRuntime({ clockStart: TUESDAY_10AM }), launch()]);
  ({ ndaRu, ndaEn, contract } = await seedLegalQueue(portal));
  const approved = await portal.as('elena.kuznetsova', 'POST', `/requests/${contract}/approvals/manager/decision`, {
    decision: 'approve',
  });
  expect(approved.status, approved.text).toBe(200);
  await portal.settle();
  // A colleague works on the Russian NDA, I on the English one; the contract waits for someone.
  await handTo(ndaRu, COLLEAGUE.id);
  await handTo(ndaEn, ME);
  page = await signIn(browser, portal.url, ME);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Each step waits for an API call and a re-render: more than expect.poll's 1 s on a busy machine. */
const WAIT = { timeout: 15_000 };
const row = (id: string) => page.locator(`[data-request="${id}"]`);
const shownIds = () =>
  page.locator('[data-request]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request')).sort());

describe('the team queue as a workspace', () => {
  it('should show who asked what, who works on it, its status and the working time left', async () => {
    await open(page, portal.url, '/queue');
    await row(contract).waitFor();
    expect(await page.locator('.queue-table thead th').allTextContents()).toEqual([
      'Выбрать все показанные заявки',
      'Заявка',
      'Заявитель',
      'Исполнитель',
      'Статус',
      'Осталось',
      'Действия',
    ]);
    const cells = await row(ndaRu).locator('td').allTextContents();
    expect(cells[1]).toContain('Соглашение о конфиденциальности');
    expect(cells[1]).toContain('ООО «Ромашка» · Взаимное');
    expect(cells[2]).toBe('Иван Сидоров');
    expect(cells[3]).toBe(COLLEAGUE.name);
    expect(cells[4]).toBe('В работе');
    expect(cells[5]).toBe('2 рабочих дня');
    expect(await row(contract).locator('[data-testid="assignee"]').textContent()).toBe('Не назначен');
    expect((await row(contract).locator('td').nth(1).textContent())?.replace(/\s/g, ' ')).toContain(
      'ООО «Вектор» · Договор поставки · 50 000 ₽',
    );
    await screenshot(page, 'team-queue');
    expect(await seriousViolations(page), 'axe on the team queue').toEqual([]);
  });

  it('should narrow the list by search words and by the filters', async () => {
    await page.locator('#queue-search').fill('ромашка');
    await expect.poll(shownIds, WAIT).toEqual([ndaRu]);
    await page.locator('#queue-search').fill(`#${contract.slice(-6)}`);
    await expect.poll(shownIds, WAIT).toEqual([contract]);
    await page.locator('#queue-search').fill('');
    await expect.poll(shownIds, WAIT).toEqual([ndaRu, ndaEn, contract].sort());

    await page.locator('#queue-assignee').selectOption('none');
    await expect.poll(shownIds, WAIT).toEqual([contract]);
    await page.locator('#queue-assignee').selectOption(ME);
    await expect.poll(shownIds, WAIT).toEqual([ndaEn]);
    await page.locator('#queue-assignee').selectOption(COLLEAGUE.id);
    await expect.poll(shownIds, WAIT).toEqual([ndaRu]);
    await page.locator('#queue-assignee').selectOption('');

    await page.locator('#queue-service').selectOption('nda');
    await expect.poll(shownIds, WAIT).toEqual([ndaRu, ndaEn].sort());
    await page.locator('#queue-status').selectOption('waiting_for_requester');
    await expect.poll(() => page.locator('.empty').textContent(), WAIT).toBe('С этим фильтром ничего нет.');
    await page.locator('#queue-status').selectOption('');
    await page.locator('#queue-service').selectOption('');
    await expect.poll(shownIds, WAIT).toEqual([ndaRu, ndaEn, contract].sort());
  });

  it('should ask before taking over a colleague’s request, and the history should say from whom', async () => {
    await row(ndaRu).locator('[data-action="take"]').click();
    const panel = page.locator('.assign-panel');
    await expect
      .poll(() => panel.locator('.assign-question').textContent(), WAIT)
      .toBe(`Заявкой уже занимается ${COLLEAGUE.name}. Забрать её себе?`);
    expect(await seriousViolations(page), 'axe with the question open').toEqual([]);
    await panel.locator('[data-action="confirm"]').click();
    await expect.poll(() => row(ndaRu).locator('[data-testid="assignee"]').textContent(), WAIT).toBe('Алексей Попов');

    await open(page, portal.url, `/requests/${ndaRu}`);
    const taken = page.locator('[data-event="assigned"]').last();
    await expect
      .poll(() => taken.locator('.event-head').textContent(), WAIT)
      .toContain(`Взял(а) заявку в работу (прежний исполнитель: ${COLLEAGUE.name})`);
  });

  it('should assign selected requests one by one and name the ones that failed', async () => {
    await open(page, portal.url, '/queue');
    await row(contract).waitFor();
    for (const id of [ndaRu, ndaEn, contract]) await row(id).locator('.select-box').check();
    // Meanwhile the lead takes the contract: the queue's copy of it is out of date.
    const taken = await portal.as(LEAD, 'POST', `/requests/${contract}/actions`, { type: 'take' });
    expect(taken.status, taken.text).toBe(200);

    await page.locator('#bulk-assignee').selectOption(COLLEAGUE.id);
    await page.locator('[data-action="bulk"]').click();
    const report = page.locator('[data-testid="bulk-report"]');
    await expect
      .poll(() => report.locator('p').first().textContent(), WAIT)
      .toBe(`Назначено на ${COLLEAGUE.name}: 2 из 3.`);
    expect(await report.getAttribute('role')).toBe('alert');
    expect(await report.locator('li').allTextContents()).toEqual([expect.stringContaining(`#${contract.slice(-6)}`)]);
    await expect.poll(() => row(ndaEn).locator('[data-testid="assignee"]').textContent(), WAIT).toBe(COLLEAGUE.name);
    expect(await row(ndaRu).locator('[data-testid="assignee"]').textContent()).toBe(COLLEAGUE.name);
    expect(await row(contract).locator('.select-box').isChecked(), 'the failed one stays selected').toBe(true);
    expect(await row(ndaEn).locator('.select-box').isChecked()).toBe(false);
    expect(await seriousViolations(page), 'axe with the report').toEqual([]);
  });

  it('should ask the same on the request page before taking or reassigning it from a colleague', async () => {
    await open(page, portal.url, `/requests/${contract}`);
    await page.locator('[data-action="take-start"]').click();
    await expect
      .poll(() => page.locator('.assign-question').textContent(), WAIT)
      .toBe('Заявкой уже занимается Михаил Егоров. Забрать её себе?');
    await page.locator('[data-action="take"]').click();
    const taken = page.locator('[data-event="assigned"]').last();
    await expect
      .poll(() => taken.locator('.event-head').textContent(), WAIT)
      .toContain('Взял(а) заявку в работу (прежний исполнитель: Михаил Егоров)');

    await open(page, portal.url, `/requests/${ndaRu}`);
    await page.locator('#assign-to').selectOption(LEAD);
    await page.locator('[data-action="assign"]').click();
    await expect
      .poll(() => page.locator('.assign-question').textContent(), WAIT)
      .toBe(`Заявкой уже занимается ${COLLEAGUE.name}. Переназначить на Михаил Егоров?`);
    await screenshot(page, 'request-reassign-question');
    expect(await seriousViolations(page), 'axe with the question open').toEqual([]);
    await page.locator('[data-action="assign"]').click();
    await expect
      .poll(() => page.locator('[data-event="assigned"]').last().locator('.event-head').textContent(), WAIT)
      .toContain(`Назначена на Михаил Егоров (прежний исполнитель: ${COLLEAGUE.name})`);
  });

  it('should stack the columns on a phone, without sideways scrolling', async () => {
    await page.setViewportSize(PHONE);
    await open(page, portal.url, '/queue');
    await row(contract).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, 'no horizontal scrolling at 375 px').toBe(0);
    await screenshot(page, 'team-queue-phone');
    expect(await seriousViolations(page), 'axe on the phone').toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(browser.pageErrors).toEqual([]);
  });
});
