/**
 * F5 of the 2026-12 security review: approve-by-e-mail links kept their token in the query string (so
 * in CloudFront and WAF logs) for 14 days. Now the token rides in the URL fragment, which no server
 * sees, the page posts it; a link lives until its stage's deadline, 72 hours at most; and a decision by
 * link is recorded with its channel. One runtime of its own, on a frozen virtual clock.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { decisionTokenIn, openDecisionPage } from '../support/mail-links';
import { FRIDAY_5PM, TUESDAY_10AM } from '../support/moments';

const REQUESTER = 'ivan.sidorov';
/** Ivan's manager: the only approver of his purchases up to 100 000 RUB. */
const MANAGER = 'elena.kuznetsova';

let portal: IsolatedRuntime;
beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

interface Mail {
  to: string[];
  text: string;
  html: string;
}
interface HistoryEvent {
  type: string;
  actorId: string;
  data?: Record<string, unknown>;
}

const purchase = (item: string) => ({
  serviceId: 'purchase',
  fields: {
    item,
    quantity: 1,
    amount: { amount: 20_000, currency: 'RUB' },
    neededBy: '2026-12-31',
    justification: 'Office move',
  },
});

async function submit(item: string): Promise<string> {
  const created = await portal.as(REQUESTER, 'POST', '/requests', purchase(item));
  expect(created.status, created.text).toBe(201);
  await portal.settle();
  return created.body.id as string;
}

async function approvalMail(requestId: string): Promise<Mail> {
  const mails = (await portal.call('GET', '/dev/mail')).body.items as Mail[];
  const mail = mails.find((m) => m.to.includes(`${MANAGER}@example.com`) && m.text.includes(requestId));
  expect(mail, `the approval e-mail about ${requestId}`).toBeDefined();
  return mail as Mail;
}

const tokenFor = async (requestId: string) => decisionTokenIn((await approvalMail(requestId)).text) as string;
const detail = async (requestId: string) => (await portal.as(REQUESTER, 'GET', `/requests/${requestId}`)).body;
const decideByLink = (token: string) => portal.call('POST', '/email-decision', { token, decision: 'approve' });

/** Moves the virtual clock to `instant` (ISO), which must not be in its past. */
async function advanceTo(instant: string) {
  const now = (await portal.call('GET', '/dev/clock')).body.now as string;
  const ms = Date.parse(instant) - Date.parse(now);
  expect(ms, `${instant} is after ${now}`).toBeGreaterThanOrEqual(0);
  await portal.advance(`PT${ms / 1000}S`);
}

describe('F5: approve-by-e-mail links', () => {
  it('F5: the mailed link carries its token in the fragment, never in the query string', async () => {
    const id = await submit('Desk for F5 links');
    const mail = await approvalMail(id);
    const inText = [...mail.text.matchAll(/https?:\/\/\S*email-decision\S*/g)].map((m) => m[0]);
    const inHtml = [...mail.html.matchAll(/href="([^"]*email-decision[^"]*)"/g)].map((m) => m[1] as string);
    expect(inText.length).toBeGreaterThan(0);
    expect(inHtml.length).toBeGreaterThan(0);
    for (const link of [...inText, ...inHtml]) {
      const url = new URL(link.replace(/&amp;/g, '&'));
      expect(url.search, link).toBe('');
      expect(url.hash, link).toMatch(/^#token=[\w-]{40,}$/);
    }

    // The browser asks for the bare path: the opener, whose CSP lets its own script run and nothing else.
    const opener = await fetch(`${portal.url}/api/email-decision`);
    expect(opener.status).toBe(200);
    const html = await opener.text();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256')
      .update(scripts[0] as string)
      .digest('base64');
    expect(opener.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    expect(opener.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toMatch(/<noscript>[\s\S]*\/approvals/);

    // What the script posts: the confirmation page, with no script allowed; nothing is decided yet.
    const confirm = await openDecisionPage(portal.url, decisionTokenIn(mail.text) as string);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('value="approve"');
    expect(confirm.headers.get('content-security-policy')).not.toContain('script-src');
    expect((await detail(id)).approvals[0].status).toBe('pending');
  });

  it('F5: a link with its token in the query string (as mailed before) is refused unread', async () => {
    const id = await submit('Chair for F5 query links');
    const token = await tokenFor(id);
    const page = await fetch(`${portal.url}/api/email-decision?token=${token}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).not.toContain('Chair for F5 query links');
    expect(html).toContain('/approvals');
    expect((await detail(id)).approvals[0].status).toBe('pending');
  });

  it('F5: a decision by link is recorded with its channel, one in the portal without', async () => {
    const byMail = await submit('Lamp decided by e-mail');
    const form = await fetch(`${portal.url}/api/email-decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: await tokenFor(byMail), decision: 'approve' }),
    });
    expect(form.status, await form.text()).toBe(200);
    const byPortal = await submit('Lamp decided in the portal');
    const decided = await portal.as(MANAGER, 'POST', `/requests/${byPortal}/approvals/manager/decision`, {
      decision: 'approve',
    });
    expect(decided.status, decided.text).toBe(200);
    await portal.settle();

    const approvedIn = async (id: string) =>
      ((await detail(id)).history as HistoryEvent[]).find((e) => e.type === 'approved');
    expect(await approvedIn(byMail)).toMatchObject({ actorId: MANAGER, data: { channel: 'email' } });
    expect((await approvedIn(byPortal))?.data?.channel).toBeUndefined();
  });

  it('F5: a link expires at its stage deadline when that comes before 72 hours', async () => {
    const id = await submit('Shelf due within three days');
    const token = await tokenFor(id);
    const dueAt = (await detail(id)).approvals[0].dueAt as string;
    const now = (await portal.call('GET', '/dev/clock')).body.now as string;
    expect(Date.parse(dueAt) - Date.parse(now)).toBeLessThan(72 * 3_600_000);

    await advanceTo(new Date(Date.parse(dueAt) - 60_000).toISOString());
    expect.soft((await openDecisionPage(portal.url, token)).status, 'a minute before the deadline').toBe(200);
    await portal.advance('PT2M');
    const late = await decideByLink(token);
    expect(late.status, late.text).toBe(410);
    expect(late.body.error.message).toMatch(/истёк|expired/);
    expect((await detail(id)).approvals[0].approvers[0].decision).toBeUndefined();
  });

  it('F5: a link lives 72 hours at most, even when its stage is due later', async () => {
    // Friday 17:00: 16 business hours reach into Tuesday, four days on.
    await advanceTo(FRIDAY_5PM);
    const id = await submit('Cabinet due after the weekend');
    const token = await tokenFor(id);
    const dueAt = (await detail(id)).approvals[0].dueAt as string;
    expect(Date.parse(dueAt) - Date.parse(FRIDAY_5PM)).toBeGreaterThan(73 * 3_600_000);

    await portal.advance('PT71H');
    expect.soft((await openDecisionPage(portal.url, token)).status, 'after 71 hours').toBe(200);
    await portal.advance('PT2H');
    const late = await decideByLink(token);
    expect(late.status, late.text).toBe(410);
    expect((await detail(id)).approvals[0].status).toBe('pending');
  });
});
