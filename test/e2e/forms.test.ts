/**
 * Forms in the browser: the shared validator's messages on the right field (on blur and on submit),
 * a server-side `details` entry mapped onto its field, a returned request corrected and sent back, and
 * a comment sent again after its answer was lost, made once, and a session that ends mid-work.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { t } from '../../functions/domain/i18n';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { launch, open, screenshot, seriousViolations, signIn, type Browser } from './browser';
import { TUESDAY_10AM } from '../support/moments';

const START = TUESDAY_10AM;

// A browser step waits for pages, API calls and workflows: more than an API test's 30 s on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

let portal: IsolatedRuntime;
let browser: Browser;

beforeAll(async () => {
  [portal, browser] = await Promise.all([startIsolatedRuntime({ clockStart: START }), launch()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const errorOf = (page: Page, field: string) => page.locator(`#f-${field}-error`);

async function fillPurchase(page: Page, values: { quantity: string; amount: string; neededBy: string }) {
  await page.locator('#f-item').fill('Мониторы 27"');
  await page.locator('#f-quantity').fill(values.quantity);
  await page.locator('#f-amount').fill(values.amount);
  await page.locator('#f-neededBy').fill(values.neededBy);
  await page.locator('#f-justification').fill('Рабочие места для новых сотрудников');
}

describe('form errors', () => {
  it('should show the validator’s message on the field, on blur and on submit', async () => {
    const ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, '/services/purchase');

    await ivan.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect.poll(() => errorOf(ivan, 'item').textContent()).toContain(t('ru', 'required'));
    await expect.poll(() => errorOf(ivan, 'justification').textContent()).toContain(t('ru', 'required'));
    expect(await errorOf(ivan, 'supplier').count(), 'an optional field has no error').toBe(0);
    expect(await ivan.evaluate('document.activeElement.id'), 'focus moves to the first wrong field').toBe('f-item');
    expect(await ivan.locator('#f-item').getAttribute('aria-invalid')).toBe('true');
    expect(await ivan.locator('#f-item').getAttribute('aria-describedby')).toContain('f-item-error');

    await ivan.locator('#f-quantity').fill('0');
    await ivan.locator('#f-quantity').blur();
    await expect.poll(() => errorOf(ivan, 'quantity').textContent()).toContain(t('ru', 'tooSmall', { min: 1 }));
    // "Today" is the portal's clock (1 December 2026), not this computer's.
    await ivan.locator('#f-neededBy').fill('2026-11-30');
    await ivan.locator('#f-neededBy').blur();
    await expect.poll(() => errorOf(ivan, 'neededBy').textContent()).toContain(t('ru', 'dateInPast'));
    await screenshot(ivan, 'form-errors');
    expect(await seriousViolations(ivan)).toEqual([]);
    await ivan.close();
  });

  it('should put a detail the server found onto its field', async () => {
    const ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, '/services/purchase');
    // The company's day turns while the form is open: 2 December is in the past by the time it is sent.
    await fillPurchase(ivan, { quantity: '2', amount: '40000', neededBy: '2026-12-02' });
    expect(await errorOf(ivan, 'neededBy').count(), 'the page still thinks it is 1 December').toBe(0);
    await portal.advance('P2D');

    await ivan.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect.poll(() => errorOf(ivan, 'neededBy').textContent()).toContain(t('ru', 'dateInPast'));
    expect(await ivan.locator('#f-neededBy').getAttribute('aria-invalid')).toBe('true');
    expect(await ivan.locator('.error-summary').textContent()).toContain(t('ru', 'formInvalid'));
    expect(ivan.url()).toMatch(/\/services\/purchase$/);

    // Corrected, it goes through (a new attempt, so a new Idempotency-Key).
    await ivan.locator('#f-neededBy').fill('2026-12-21');
    expect(await errorOf(ivan, 'neededBy').count()).toBe(0);
    await ivan.getByRole('button', { name: 'Отправить заявку' }).click();
    await ivan.waitForURL(/\/requests\/[0-9A-Z]+$/);
    await ivan.close();
  });
});

describe('returned request', () => {
  it('should be corrected by the requester and go back to approval', async () => {
    const created = await portal.as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'purchase',
      fields: {
        item: 'Кресла для переговорной',
        quantity: 12,
        amount: { amount: 250_000, currency: 'RUB' },
        neededBy: '2026-12-25',
        justification: 'Новая переговорная',
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    await portal.settle();

    const elena = await signIn(browser, portal.url, 'elena.kuznetsova');
    await open(elena, portal.url, '/approvals');
    const item = elena.locator(`[data-request="${id}"]`);
    await item.locator('[data-action="return"]').click();
    // Returning needs a reason: the server's own words, on the comment field.
    await expect.poll(() => item.locator('.field-error').textContent()).toContain(t('ru', 'commentRequired'));
    await item.getByLabel('Комментарий').fill('Хватит 8 кресел, уложитесь в 100 000 ₽');
    await item.locator('[data-action="return"]').click();
    await item.waitFor({ state: 'detached' });
    await portal.settle();

    const ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, `/requests/${id}`);
    await expect.poll(() => ivan.locator('.page-header .chip').textContent()).toBe('Ждёт заявителя');
    expect(await ivan.locator('.question').textContent()).toContain('Хватит 8 кресел');
    // A returned request opens with its form ready to edit, filled in as it was sent.
    expect(await ivan.locator('#edit-quantity').inputValue()).toBe('12');
    await ivan.locator('#edit-quantity').fill('8');
    await ivan.locator('#edit-amount').fill('96000');
    await ivan.locator('#provide-comment').fill('Исправил количество и сумму');
    await screenshot(ivan, 'returned-request-edit');
    expect(await seriousViolations(ivan)).toEqual([]);
    await ivan.locator('[data-action="provide_info"]').click();
    await ivan.locator('[data-event="info_provided"]').waitFor();
    await portal.settle();

    await open(ivan, portal.url, `/requests/${id}`);
    await expect.poll(() => ivan.locator('.page-header .chip').textContent()).toBe('На согласовании');
    const events = await ivan
      .locator('[data-testid="timeline"] > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-event')));
    expect(events).toEqual(['submitted', 'returned', 'info_provided']);
    expect(await ivan.locator('[data-event="info_provided"]').textContent()).toContain('Количество');
    expect(await ivan.locator('.field-list').textContent()).toMatch(/96\s000,00/);
    // Under 100 000 RUB the CFO is no longer asked; the manager decides again.
    await open(elena, portal.url, '/approvals');
    await elena.locator(`[data-request="${id}"]`).waitFor();
    expect(browser.pageErrors).toEqual([]);
  });
});

/** An employment certificate Ivan asked for (through the API), settled: its id. */
async function certificateOfIvan(): Promise<string> {
  const created = await portal.as('ivan.sidorov', 'POST', '/requests', {
    serviceId: 'employment-certificate',
    fields: { purpose: 'bank', copies: 1, language: 'ru', delivery: 'email' },
  });
  expect(created.status, created.text).toBe(201);
  await portal.settle();
  return created.body.id as string;
}

describe('a change sent again after its answer was lost', () => {
  it('should be made once: the second click carries the same Idempotency-Key and gets the first answer', async () => {
    const id = await certificateOfIvan();

    const ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, `/requests/${id}`);
    // The first comment reaches the server and is saved; its answer never reaches the browser.
    const keys: string[] = [];
    await ivan.route('**/api/requests/*/comments', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    const text = 'Нужна к пятнице, пожалуйста';
    await ivan.locator('#comment-text').fill(text);
    await ivan.locator('[data-action="comment"]').click();
    await expect.poll(() => ivan.locator('#comment-error').textContent()).toContain('Сервер недоступен');
    expect(await ivan.locator('#comment-text').inputValue(), 'the text stays for another try').toBe(text);

    await ivan.locator('[data-action="comment"]').click();
    await expect.poll(() => ivan.locator('#comment-text').inputValue()).toBe('');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\w-]{16,}$/);
    expect(keys[1], 'the retry is the same change').toBe(keys[0]);
    const detail = await portal.as('ivan.sidorov', 'GET', `/requests/${id}`);
    const comments = detail.body.history.filter((e: { type: string; comment?: string }) => e.type === 'comment');
    expect(comments.map((e: { comment?: string }) => e.comment)).toEqual([text]);
    await ivan.close();
  });
});

describe('a session that ends mid-work', () => {
  it('should send the user to sign in, saying so in their language, and bring them back', async () => {
    const path = `/requests/${await certificateOfIvan()}`;
    const ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, path);
    // From now on the token is refused by the JWT authorizer, as an expired one is.
    await ivan.route('**/api/**', (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer expired' } }),
    );
    await ivan.locator('#comment-text').fill('Ещё вопрос');
    await ivan.locator('[data-action="comment"]').click();
    await ivan.waitForURL(/\/signin\?next=/);
    await expect.poll(() => ivan.locator('.toast--error').first().textContent()).toContain('Сеанс завершён');
    expect(await ivan.locator('.toasts').textContent()).not.toContain('HTTP 401');
    expect(new URL(ivan.url()).searchParams.get('next')).toBe(path);
    await ivan.unroute('**/api/**');
    await ivan.locator('[data-user="ivan.sidorov"]').click();
    await ivan.waitForURL((url) => url.pathname === path);
    await ivan.locator('#comment-text').waitFor();
    await ivan.close();
  });
});
