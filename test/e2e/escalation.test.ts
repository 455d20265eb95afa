/**
 * Overdue approvals in the browser, as the people involved see them: after an escalation every
 * approver's inbox shows the deadline the request page shows (B3); an approval nobody is left to
 * escalate to stays visibly overdue for the requester, says so once, and alerts an admin once (B4).
 */
import type { Page } from 'playwright-core';
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

const vacation = {
  serviceId: 'vacation',
  // Leave two months after the runtime's clock start (TUESDAY_10AM): a future period on that clock.
  fields: { type: 'annual', period: { from: '2027-02-08', to: '2027-02-12' } },
};

async function submitVacation(requester: string): Promise<{ id: string; approvals: { dueAt: string }[] }> {
  const response = await portal.as(requester, 'POST', '/requests', vacation);
  expect(response.status, response.text).toBe(201);
  await portal.settle();
  return response.body;
}

/** The deadline an approver's inbox row shows for the request, as the reader sees it. */
async function inboxDeadline(approver: string, id: string) {
  const page = await signIn(browser, portal.url, approver);
  await open(page, portal.url, '/approvals');
  const row = page.locator(`[data-request="${id}"]`);
  await row.waitFor();
  const shown = ((await row.locator('.countdown-date').textContent()) ?? '').replace('·', '').trim();
  const overdue = await row.locator('[data-testid="overdue"]').count();
  const note = overdue > 0 ? ((await row.locator('[data-testid="overdue"]').textContent()) ?? '') : '';
  await page.close();
  return { shown, overdue, note };
}

const stageLine = (page: Page) => page.locator('#approvals-title + .stages .stage').first();

describe('B3: an escalated approval in every inbox', () => {
  it('should show the original and the new approver the deadline the request page shows', async () => {
    // Daria's manager is Elena; two working days later the approval goes to Elena's manager, the CEO.
    const created = await submitVacation('daria.mikhailova');
    await portal.advance('P3D');

    const daria = await signIn(browser, portal.url, 'daria.mikhailova');
    await open(daria, portal.url, `/requests/${created.id}`);
    const stage = stageLine(daria);
    await stage.locator('.approvers li', { hasText: 'Сергей Морозов' }).waitFor();
    const stageText = (await stage.textContent()) ?? '';
    await screenshot(daria, 'escalation-requester-after-escalation');

    const elena = await inboxDeadline('elena.kuznetsova', created.id);
    const sergey = await inboxDeadline('sergey.morozov', created.id);
    expect(elena.shown).not.toBe('');
    expect(stageText, 'the request page shows the deadline of Elena’s inbox').toContain(elena.shown);
    expect(sergey.shown, 'both inboxes show one deadline').toBe(elena.shown);
    expect([elena.overdue, sergey.overdue], 'each inbox row says the approval is overdue').toEqual([1, 1]);
    expect(elena.note, 'to whom it went').toContain('эскалировано: Сергей Морозов');
    expect(sergey.note, 'the CEO reads that it went to him, not his own name').toContain('эскалировано: вам');
    await daria.close();
  });
});

describe('B4: an approval nobody is left to escalate to', () => {
  it('should stay overdue for the requester with its past deadline, one history entry, one admin alert', async () => {
    // Ksenia reports to the CEO, who has no manager: nobody to escalate to, for several periods.
    const created = await submitVacation('ksenia.alexeeva');
    const due = created.approvals[0]?.dueAt ?? '';
    for (const period of ['P3D', 'P3D', 'P7D']) await portal.advance(period);

    const ksenia = await signIn(browser, portal.url, 'ksenia.alexeeva');
    await open(ksenia, portal.url, `/requests/${created.id}`);
    const header = ksenia.locator('.request > [data-testid="overdue"]');
    await header.waitFor();
    expect(await header.getAttribute('data-overdue-since')).toBe(due);
    expect(await header.textContent()).toContain('эскалировать больше некому, администраторы оповещены');
    const stage = stageLine(ksenia);
    expect(await stage.locator('[data-testid="overdue"]').count(), 'the stage is marked overdue too').toBe(1);
    // The stage keeps its missed deadline: the date the overdue note gives as "since".
    const since = ((await header.textContent()) ?? '').match(/Просрочено с ([^:;,]+, \d\d:\d\d)/)?.[1] ?? '';
    expect(since).not.toBe('');
    expect(await stage.locator('p.muted').first().textContent()).toContain(since);

    const timeline = ksenia.locator('[data-testid="timeline"]');
    expect(await timeline.locator('[data-event="approval_escalated"]').count()).toBe(0);
    const overdue = timeline.locator('[data-event="approval_overdue"]');
    expect(await overdue.count(), 'the history says it once').toBe(1);
    expect(await overdue.textContent()).toContain('эскалировать больше некому');
    await screenshot(ksenia, 'escalation-overdue-at-the-top');
    expect(await seriousViolations(ksenia), 'axe on the overdue request').toEqual([]);
    await ksenia.close();

    const mails = (await portal.call('GET', '/dev/mail')).body.items as {
      to: string[];
      subject: string;
      text: string;
    }[];
    const alerts = mails.filter((m) => m.to.includes('olga.smirnova@example.com') && m.text.includes(created.id));
    expect(alerts.map((m) => m.subject)).toEqual([expect.stringContaining('эскалировать некому')]);
    expect(browser.pageErrors).toEqual([]);
  });
});
