/**
 * E-mail notifications from the history (the outbox) through the stream consumer and SES (the local
 * emulator), and approving straight from the e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { decisionTokenIn, openDecisionPage } from '../support/mail-links';
import { TUESDAY_10AM } from '../support/moments';

let portal: IsolatedRuntime;
let people: Map<string, { email: string; locale: string }>;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
  const users = (await portal.call('GET', '/dev/users')).body.items as { id: string; email: string; locale: string }[];
  people = new Map(users.map((u) => [u.id, u]));
}, 90_000);
afterAll(() => portal?.stop());

interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

const mailbox = async (): Promise<Mail[]> => (await portal.call('GET', '/dev/mail')).body.items;
const mailsAbout = async (requestId: string) => (await mailbox()).filter((m) => m.text.includes(requestId));
const purchase = (amount: number) => ({
  serviceId: 'purchase',
  fields: {
    item: 'Desk',
    quantity: 1,
    amount: { amount, currency: 'RUB' },
    neededBy: '2026-12-20',
    justification: 'Office move',
  },
});

async function step(who: string, method: string, path: string, body?: unknown) {
  const response = await portal.as(who, method, path, body);
  expect(response.status, response.text).toBeLessThan(300);
  await portal.settle();
  return response.body;
}

describe('notifications for a full lifecycle', () => {
  it('should send exactly the expected e-mails, each in the recipient language, once', async () => {
    const created = await step('james.wilson', 'POST', '/requests', purchase(250_000));
    const manager = created.approvals[0].approvers[0].id as string;
    await step(manager, 'POST', `/requests/${created.id}/approvals/manager/decision`, { decision: 'approve' });
    await step('natalia.orlova', 'POST', `/requests/${created.id}/approvals/finance/decision`, { decision: 'approve' });
    const agent = (await step('olga.smirnova', 'GET', `/requests/${created.id}`)).assigneeId as string;
    await step(agent, 'POST', `/requests/${created.id}/actions`, { type: 'request_info', comment: 'Which colour?' });
    await step('james.wilson', 'POST', `/requests/${created.id}/actions`, { type: 'provide_info', comment: 'Oak' });
    await step(agent, 'POST', `/requests/${created.id}/comments`, { text: 'Ordered' });
    await step(agent, 'POST', `/requests/${created.id}/comments`, { text: 'Supplier is slow', internal: true });
    await step(agent, 'POST', `/requests/${created.id}/actions`, { type: 'resolve', comment: 'Delivered' });

    const en = (id: string) => people.get(id)?.locale === 'en';
    const expected = [
      ['james.wilson', 'Request received: Purchase request'],
      [
        manager,
        en(manager)
          ? 'Approval needed: Purchase request — James Wilson'
          : 'Требуется согласование: Заявка на закупку — James Wilson',
      ],
      ['james.wilson', 'Approved: Purchase request'],
      ['natalia.orlova', 'Требуется согласование: Заявка на закупку — James Wilson'],
      ['james.wilson', 'Approved: Purchase request'],
      [
        agent,
        en(agent)
          ? 'Assigned to you: Purchase request — James Wilson'
          : 'Назначено вам: Заявка на закупку — James Wilson',
      ],
      ['james.wilson', 'Information needed: Purchase request'],
      [agent, en(agent) ? 'Requester replied: Purchase request' : 'Заявитель ответил: Заявка на закупку'],
      ['james.wilson', 'New comment: Purchase request'],
      ['james.wilson', 'Resolved: Purchase request'],
    ].map(([id, subject]) => `${people.get(id as string)?.email} | ${subject}`);
    const sent = (await mailsAbout(created.id)).map((m) => `${m.to.join(',')} | ${m.subject}`);
    expect(sent.sort()).toEqual(expected.sort());
    // The internal comment reached nobody outside the team (the author is the assignee).
    expect((await mailsAbout(created.id)).some((m) => m.text.includes('Supplier is slow'))).toBe(false);

    const before = (await mailbox()).length;
    expect((await portal.call('POST', '/dev/streams/replay')).status).toBe(200);
    await portal.settle();
    expect((await mailbox()).length).toBe(before);
  });
});

const linkIn = (mail: Mail) => decisionTokenIn(mail.text) as string;

describe('approving from the e-mail', () => {
  it('should show a page for the link, decide on POST, and refuse the link a second time', async () => {
    const created = await step('ivan.sidorov', 'POST', '/requests', purchase(300_000));
    const [approval] = (await mailsAbout(created.id)).filter((m) => m.to.includes('elena.kuznetsova@example.com'));
    const token = linkIn(approval as Mail);

    const page = await openDecisionPage(portal.url, token);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Согласовать');
    const untouched = await step('olga.smirnova', 'GET', `/requests/${created.id}`);
    expect(untouched.approvals[0].status).toBe('pending');

    const decided = await portal.call('POST', '/email-decision', { token, decision: 'approve' });
    expect(decided.status, decided.text).toBe(200);
    await portal.settle();
    const after = await step('olga.smirnova', 'GET', `/requests/${created.id}`);
    expect(after.approvals.map((s: { status: string }) => s.status)).toEqual(['approved', 'pending']);
    expect(after.history.find((e: { type: string }) => e.type === 'approved').actorId).toBe('elena.kuznetsova');

    const again = await portal.call('POST', '/email-decision', { token, decision: 'reject', comment: 'no' });
    expect(again.status).toBe(409);
    expect((await openDecisionPage(portal.url, token)).status).toBe(409);

    // The CFO's link is for the finance stage only; once that stage is decided it is dead too.
    const [cfoMail] = (await mailsAbout(created.id)).filter((m) => m.to.includes('natalia.orlova@example.com'));
    const cfoToken = linkIn(cfoMail as Mail);
    await step('natalia.orlova', 'POST', `/requests/${created.id}/approvals/finance/decision`, { decision: 'approve' });
    const stale = await portal.call('POST', '/email-decision', { token: cfoToken, decision: 'approve' });
    expect(stale.status).toBe(409);
  });

  it('should decide from the HTML form without JavaScript', async () => {
    const created = await step('ivan.sidorov', 'POST', '/requests', purchase(20_000));
    const [approval] = (await mailsAbout(created.id)).filter((m) => m.to.includes('elena.kuznetsova@example.com'));
    const response = await fetch(`${portal.url}/api/email-decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: linkIn(approval as Mail), decision: 'return', comment: 'Need a quote' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    await portal.settle();
    expect((await step('olga.smirnova', 'GET', `/requests/${created.id}`)).status).toBe('waiting_for_requester');
  });

  it('should refuse unknown and expired links with a clear page', async () => {
    const unknown = await openDecisionPage(portal.url, 'not-a-token');
    expect(unknown.status).toBe(404);
    const created = await step('ivan.sidorov', 'POST', '/requests', purchase(25_000));
    const [approval] = (await mailsAbout(created.id)).filter((m) => m.to.includes('elena.kuznetsova@example.com'));
    await portal.advance('P4D');
    const expired = await openDecisionPage(portal.url, linkIn(approval as Mail));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/истёк|expired/);
  });
});

describe('hostile text in e-mails', () => {
  it('should escape a hostile comment in the HTML, and never take a name from the token', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { token } = (await portal.call('POST', '/dev/token', { email: 'ivan.sidorov@example.com', name: hostile }))
      .body;
    // A certificate goes straight to an HR agent, who is mailed the requester's comments.
    const certificate = {
      serviceId: 'employment-certificate',
      fields: { purpose: 'bank', copies: 1, language: 'ru', delivery: 'email' },
    };
    const created = await portal.call('POST', '/requests', certificate, { token });
    await portal.settle();
    await portal.call(
      'POST',
      `/requests/${created.body.id}/comments`,
      { text: `<script>alert(2)</script>${hostile}` },
      { token },
    );
    await portal.settle();
    const mails = await mailsAbout(created.body.id);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.html).not.toContain('<img src=x');
      expect(mail.html).not.toContain('<script>');
    }
    expect(mails.some((m) => m.html.includes('&lt;img src=x onerror=alert(1)&gt;'))).toBe(true);
    // The token's name claim is ignored (F6): only the comment carries the payload, once per comment mail.
    expect(mails.every((m) => !m.subject.includes('img'))).toBe(true);
  });
});
