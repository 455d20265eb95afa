/**
 * The route preview and the request page as a newcomer reads them (issue 15): the route appears
 * before any field is filled, each stage says by when, the promised date stays after submitting,
 * stages not yet deciding say "Следующий" / "Не начат", one comment box per page with an explicit
 * visibility choice that resets, the end step explained, and no comment box on a closed request.
 * Every screen is checked with axe. The clock stands still at Tuesday 10:00 in Moscow.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';
import { launch, open, screenshot, seriousViolations, signIn, type Browser } from './browser';

// A browser step waits for pages, API calls and workflows: more than an API test's 30 s on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

let portal: IsolatedRuntime;
let browser: Browser;

beforeAll(async () => {
  [portal, browser] = await Promise.all([startIsolatedRuntime({ clockStart: TUESDAY_10AM }), launch()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Screenshot + axe: no serious or critical accessibility violations on this screen. */
async function check(page: Page, name: string) {
  await screenshot(page, `request-page-${name}`);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

/** Text as read: Intl's no-break spaces (100 000 ₽) as plain ones. */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the purchase form and the request it becomes', () => {
  let ivan: Page;
  let id = '';

  it('should show the manager stage and its "by when" before any field is filled', async () => {
    ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, '/services/purchase');
    const steps = ivan.locator('[data-testid="route-steps"]');
    await steps.locator('[data-approver="elena.kuznetsova"]').waitFor();
    const [manager, finance] = [steps.locator('.step').nth(0), steps.locator('.step').nth(1)];
    expect(await text(manager)).toContain('решение до 3 дек. 2026');
    expect(await text(manager), 'one approver: nothing to choose between').not.toContain('достаточно одного');
    expect(await text(finance)).toContain('если «Ориентировочная общая стоимость» больше 100 000 ₽');
    expect(await text(ivan.locator('.route-due'))).toContain('не позже');
    expect(await text(ivan.locator('.service-facts'))).toContain(
      'Первый ответ — за 1 рабочий день, выполнение — за 5 рабочих дней.',
    );
    await check(ivan, 'route-before-filling');
  });

  it('should keep the promised date after submitting, and say which stages are next and not started', async () => {
    await ivan.locator('#f-item').fill('Серверная стойка');
    await ivan.locator('#f-quantity').fill('1');
    await ivan.locator('#f-amount').fill('2 000 000');
    await ivan.locator('#f-neededBy').fill('2026-12-28');
    await ivan.locator('#f-justification').fill('Расширение серверной');
    const steps = ivan.locator('[data-testid="route-steps"]');
    await steps.locator('[data-approver="sergey.morozov"]').waitFor();
    await expect.poll(() => ivan.locator('.step--conditional').count()).toBe(0);
    await expect.poll(() => text(ivan.locator('.route-due'))).not.toContain('не позже');
    const promised = (await text(ivan.locator('.route-due'))).replace('Ожидаемый срок выполнения: ', '').trim();
    expect(promised).toContain('2026');
    await check(ivan, 'route-filled');

    await ivan.getByRole('button', { name: 'Отправить заявку' }).click();
    await ivan.waitForURL(/\/requests\/[0-9A-Z]+$/);
    id = ivan.url().split('/').pop() ?? '';
    await portal.settle();
    await ivan.locator('[data-event="submitted"]').waitFor();
    expect(await text(ivan.locator('[data-testid="expected-done"]'))).toContain(promised);
    const chips = await ivan.locator('.stage .chip').allTextContents();
    expect(chips).toEqual(['Ожидает', 'Следующий', 'Не начат']);
    expect(await text(ivan.locator('.stages'))).not.toContain('достаточно одного');
    await check(ivan, 'submitted');
  });

  it('should give the approver one comment box: the one of the decision', async () => {
    const elena = await signIn(browser, portal.url, 'elena.kuznetsova');
    await open(elena, portal.url, `/requests/${id}`);
    await elena.locator('[data-action="approve"]').waitFor();
    expect(await elena.locator('.request-side textarea').count()).toBe(1);
    expect(await elena.getByLabel('Комментарий к решению').count()).toBe(1);
    await check(elena, 'approver');
    await elena.close();
  });
});

describe('comments and the end step of a request with no approval', () => {
  let id = '';
  let agentId = '';

  it('should give the agent one comment box whose visibility goes back to "visible" after an internal note', async () => {
    const created = await portal.as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'employment-certificate',
      fields: { purpose: 'bank', copies: 1, language: 'ru', delivery: 'email' },
    });
    expect(created.status, created.text).toBe(201);
    id = created.body.id;
    await portal.settle();
    agentId = (await portal.as('ivan.sidorov', 'GET', `/requests/${id}`)).body.assigneeId;
    expect(agentId).toBeTruthy();

    const agent = await signIn(browser, portal.url, agentId);
    await open(agent, portal.url, `/requests/${id}`);
    const visible = agent.getByLabel('Видно заявителю');
    const internal = agent.getByLabel('Внутренний (только команде)');
    await visible.waitFor();
    expect(await agent.locator('.request-side textarea').count(), 'one box on the page').toBe(1);
    expect(await agent.getByLabel('Комментарий', { exact: true }).count(), 'a visible label').toBe(1);
    expect(await visible.isChecked()).toBe(true);
    await check(agent, 'agent-comment');

    await internal.check();
    await agent.locator('#comment-text').fill('Проверить стаж в 1С');
    await agent.locator('[data-action="comment"]').click();
    await agent.locator('[data-event="comment"]').waitFor();
    await expect.poll(() => visible.isChecked(), { message: 'back to visible after the post' }).toBe(true);
    expect(await internal.isChecked()).toBe(false);
    expect(await agent.locator('[data-event="comment"]').textContent()).toContain('Внутренний');

    // The assignee's resolve sits in the same box and sends its text to the requester.
    await agent.locator('#comment-text').fill('Справка отправлена на почту');
    await agent.locator('[data-action="resolve"]').click();
    await agent.locator('[data-event="resolved"]').waitFor();
    await portal.settle();
    await agent.close();
  });

  it('should explain Close and Reopen to the requester, and take no comment once closed', async () => {
    const ivan = await signIn(browser, portal.url, 'ivan.sidorov');
    await open(ivan, portal.url, `/requests/${id}`);
    const explain = ivan.locator('[data-testid="resolved-explain"]');
    await explain.waitFor();
    expect(await text(explain)).toContain('закрыть — значит принять работу');
    expect(await text(explain)).toContain('переоткройте её до 8 дек. 2026');
    expect(await text(explain)).toContain('Если ничего не делать, заявка останется выполненной');
    expect(await ivan.locator('.request-side textarea').count(), 'one box: the close/reopen comment').toBe(1);
    await check(ivan, 'resolved');

    await ivan.locator('[data-action="close"]').click();
    await ivan.locator('[data-event="closed"]').waitFor();
    const over = ivan.locator('[data-testid="comments-over"]');
    await over.waitFor();
    expect(await text(over)).toContain('Заявка закрыта — комментарии больше не принимаются');
    expect(await ivan.locator('.request-side textarea').count()).toBe(0);
    await check(ivan, 'closed');
    expect(browser.pageErrors).toEqual([]);
    await ivan.close();
  });
});
