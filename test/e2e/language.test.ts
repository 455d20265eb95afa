/**
 * A language switch in the browser, without a reload: the catalog, a service form, a request's details
 * and the analytics charts follow it, the catalog search finds a service by its title in the other
 * language (issue 15, B1); a form's error summary follows it (B2); notices come one at a time and
 * never stay in the old language.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoCatalog } from '../../catalog';
import { t as domainText } from '../../functions/domain/i18n';
import { translate } from '../../web/src/i18n';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';
import { launch, screenshot, signIn, type Browser } from './browser';

vi.setConfig({ testTimeout: 120_000 });

let portal: IsolatedRuntime;
let browser: Browser;
let requestId = '';

const serviceOf = (id: string) => {
  const service = demoCatalog.services.find((s) => s.id === id);
  if (!service) throw new Error(`no service ${id} in the catalog`);
  return service;
};
const PURCHASE = serviceOf('purchase');
const VACATION = serviceOf('vacation');
const ITEM_LABEL = PURCHASE.fields.find((field) => field.id === 'item')?.label ?? { en: '?', ru: '?' };

beforeAll(async () => {
  [portal, browser] = await Promise.all([startIsolatedRuntime({ clockStart: TUESDAY_10AM }), launch()]);
  const created = await portal.as('ivan.sidorov', 'POST', '/requests', {
    serviceId: 'purchase',
    fields: {
      item: 'Монитор 27"',
      quantity: 2,
      amount: { amount: 40_000, currency: 'RUB' },
      neededBy: '2026-12-22',
      justification: 'Рабочие места для новых сотрудников',
    },
  });
  expect(created.status, created.text).toBe(201);
  requestId = created.body.id;
  await portal.settle();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

async function chooseLanguage(page: Page, locale: 'ru' | 'en') {
  await page.locator(`.lang button[lang="${locale}"]`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
}

/**
 * A person's tab in Russian from its first load (the catalog's texts fetched in Russian), marked so
 * that a reload later would show: everything after this happens in the same document.
 */
async function russianTab(userId: string): Promise<Page> {
  const page = await signIn(browser, portal.url, userId);
  await chooseLanguage(page, 'ru');
  await page.reload();
  await page.locator('.service-card').first().waitFor();
  await page.evaluate('window.sameDocument = true');
  return page;
}

const sameDocument = (page: Page) => page.evaluate('window.sameDocument === true');

/** A path of the single-page app, reached the way its links do it (history, no page load). */
async function follow(page: Page, path: string) {
  await page.evaluate(
    `history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`,
  );
  await page.locator('#page-title').waitFor();
}

/**
 * What `read` gives once `ok` holds, or what it gave last after a few seconds: for soft expectations,
 * so one run reports every part that stays in the old language.
 */
async function settled<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 6_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  return value;
}

const cardTitles = (page: Page) => page.locator('.service-card h3').allTextContents();

async function search(page: Page, query: string) {
  await page.locator('#catalog-search').fill(query);
  return settled(
    () => cardTitles(page),
    (titles) => titles.length > 0 && titles.length < demoCatalog.services.length,
  );
}

describe('a language switch without a reload', () => {
  it('should show the catalog, a form, a request’s details and the analytics in the new language, and search across both (B1)', async () => {
    const ivan = await russianTab('ivan.sidorov');
    expect
      .soft(await ivan.title(), 'the tab title')
      .toBe(`${translate('ru', 'catalogTitle')} · ${translate('ru', 'appName')}`);
    expect.soft(await search(ivan, 'vacation'), 'the Russian catalog finds "vacation"').toContain(VACATION.title.ru);
    await ivan.locator('#catalog-search').fill('');

    await chooseLanguage(ivan, 'en');
    const titles = await settled(
      () => cardTitles(ivan),
      (shown) => shown.includes(PURCHASE.title.en),
    );
    expect.soft(titles, 'catalog titles after the switch').toContain(PURCHASE.title.en);
    expect.soft(titles).not.toContain(PURCHASE.title.ru);
    await screenshot(ivan, 'catalog-after-switch-to-english');
    expect
      .soft(await ivan.title(), 'the tab title')
      .toBe(`${translate('en', 'catalogTitle')} · ${translate('en', 'appName')}`);
    expect.soft(await search(ivan, 'отпуск'), 'the English catalog finds "отпуск"').toContain(VACATION.title.en);

    await follow(ivan, '/services/purchase');
    const heading = () => ivan.locator('#page-title').textContent();
    const itemLabel = () => ivan.locator('label[for="f-item"]').textContent();
    expect
      .soft(await settled(heading, (text) => text === PURCHASE.title.en), 'the form opened in English')
      .toBe(PURCHASE.title.en);
    expect.soft(await settled(itemLabel, (text) => !!text?.includes(ITEM_LABEL.en))).toContain(ITEM_LABEL.en);
    await chooseLanguage(ivan, 'ru');
    expect
      .soft(await settled(heading, (text) => text === PURCHASE.title.ru), 'the open form switched back')
      .toBe(PURCHASE.title.ru);
    expect.soft(await settled(itemLabel, (text) => !!text?.includes(ITEM_LABEL.ru))).toContain(ITEM_LABEL.ru);

    await follow(ivan, `/requests/${requestId}`);
    await ivan.locator('.field-list dt').first().waitFor();
    const details = () => ivan.locator('.field-list dt').allTextContents();
    expect(await details()).toContain(ITEM_LABEL.ru);
    await chooseLanguage(ivan, 'en');
    expect
      .soft(await settled(details, (labels) => labels.includes(ITEM_LABEL.en)), 'the request’s "Details" labels')
      .toContain(ITEM_LABEL.en);
    expect(await sameDocument(ivan), 'no page load since the first switch').toBe(true);

    // The admin's charts name services by their titles in the reader's language.
    const olga = await russianTab('olga.smirnova');
    await follow(olga, '/analytics');
    const volume = () => olga.locator('[data-chart="volume"]').textContent();
    expect(await settled(volume, (text) => !!text?.includes(PURCHASE.title.ru))).toContain(PURCHASE.title.ru);
    await chooseLanguage(olga, 'en');
    const chart = await settled(volume, (text) => !!text?.includes(PURCHASE.title.en));
    expect.soft(chart, 'the analytics chart labels').toContain(PURCHASE.title.en);
    expect.soft(chart).not.toContain(PURCHASE.title.ru);
    expect(await sameDocument(olga)).toBe(true);
    await Promise.all([ivan.close(), olga.close()]);
  });

  it('should show the error summary’s heading in the language chosen after the submit (B2)', async () => {
    const ivan = await russianTab('ivan.sidorov');
    await follow(ivan, '/services/purchase');
    await ivan.locator('button[type="submit"]').click();
    const heading = () => ivan.locator('.error-summary strong').textContent();
    expect(await settled(heading, (text) => !!text)).toBe(translate('ru', 'fixErrors'));

    await chooseLanguage(ivan, 'en');
    expect(await settled(heading, (text) => text === translate('en', 'fixErrors'))).toBe(translate('en', 'fixErrors'));
    // The fields' own messages come from the shared validator in the language shown.
    expect(await ivan.locator('#f-item-error').textContent()).toContain(domainText('en', 'required'));
    expect(await sameDocument(ivan)).toBe(true);
    await ivan.close();
  });
});

describe('notices', () => {
  it('should show one notice at a time, saying what happened, and never one in the old language', async () => {
    const ivan = await russianTab('ivan.sidorov');
    await follow(ivan, '/services/purchase');
    await ivan.locator('#f-item').fill('Кресло');
    await ivan.locator('#f-quantity').fill('1');
    await ivan.locator('#f-amount').fill('12000');
    await ivan.locator('#f-neededBy').fill('2026-12-22');
    await ivan.locator('#f-justification').fill('Старое сломалось');
    await ivan.locator('button[type="submit"]').click();
    await ivan
      .locator('.toast')
      .filter({ hasText: translate('ru', 'submitted') })
      .waitFor();

    // A second notice while the first is still up replaces it.
    await ivan.locator('[data-action="cancel-start"]').click();
    await ivan.locator('[data-action="cancel"]').click();
    await ivan.locator('[data-action="cancel"]').waitFor({ state: 'detached' });
    const toast = ivan.locator('.toast');
    expect(await toast.count(), 'notices on screen').toBe(1);
    expect(await toast.textContent(), 'what happened').toContain(translate('ru', 'done_cancel'));
    const dismiss = toast.getByRole('button');
    expect(await dismiss.getAttribute('aria-label')).toBe(translate('ru', 'dismiss'));
    expect(await dismiss.getAttribute('aria-label'), 'not the word for closing a request').not.toBe('Закрыть');
    const box = await dismiss.boundingBox();
    expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(24);

    await chooseLanguage(ivan, 'en');
    expect(await ivan.locator('.toasts').textContent(), 'no Russian notice over the English page').not.toContain(
      translate('ru', 'done_cancel'),
    );
    await ivan.close();
  });
});
