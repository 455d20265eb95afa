/**
 * F7 of the 2026-12 security review, through the runtime: a burst of comments no longer mails each
 * one, a reader who reads as fast as they can is slowed down (429 with Retry-After) without slowing
 * anyone else, and sick leave never records a delegation to oneself. One runtime of its own, on a
 * frozen virtual clock, with a small read allowance (30 a minute: bursts of 6, one more every 2 s).
 * The pure rules are in test/unit/f7-floods.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/error-shape';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

const REQUESTER = 'ivan.sidorov';
/** Reads in a loop; nobody else in this file reads as him. */
const READER = 'james.wilson';

let portal: IsolatedRuntime;
beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM, env: { READS_PER_MINUTE: '30' } });
}, 90_000);
afterAll(() => portal?.stop());

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const CERTIFICATE = {
  serviceId: 'employment-certificate',
  fields: { purpose: 'bank', copies: 1, language: 'ru', delivery: 'email' },
};

describe('F7: notification and resource floods', () => {
  it('F7: a burst of comments mails each recipient once per request and 10 minutes, and loses none', async () => {
    const created = await portal.as(REQUESTER, 'POST', '/requests', CERTIFICATE);
    expect(created.status, created.text).toBe(201);
    await portal.settle();
    const id = created.body.id as string;
    const assignee = (await portal.as(REQUESTER, 'GET', `/requests/${id}`)).body.assigneeId as string;
    expect(assignee).toBeTruthy();
    const commentMails = async () =>
      ((await portal.call('GET', '/dev/mail')).body.items as Mail[]).filter(
        (m) => m.to.includes(`${assignee}@example.com`) && m.text.includes(id) && /comment|коммент/i.test(m.subject),
      );

    const texts = Array.from({ length: 6 }, (_, i) => `Flood comment number ${i + 1}`);
    for (const text of texts.slice(0, 5)) {
      const posted = await portal.as(REQUESTER, 'POST', `/requests/${id}/comments`, { text });
      expect(posted.status, posted.text).toBe(201);
    }
    await portal.settle();
    expect(await commentMails()).toHaveLength(1);

    // Past the window, the next comment sends the next e-mail, with whatever the first did not quote.
    await portal.advance('PT11M');
    expect((await portal.as(REQUESTER, 'POST', `/requests/${id}/comments`, { text: texts[5] })).status).toBe(201);
    await portal.settle();
    const mails = await commentMails();
    expect(mails).toHaveLength(2);
    for (const text of texts)
      expect(
        mails.filter((m) => m.text.includes(text)),
        text,
      ).toHaveLength(1);
  });

  it('F7: reads past the per-user allowance answer 429 with Retry-After; writes and other readers go on', async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await portal.as(READER, 'GET', '/me'));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(6);
    expect(limited.length).toBeGreaterThan(0);
    const [first] = limited;
    expectError(first as (typeof answers)[number], { status: 429, code: 'rate_limited' });
    const wait = Number(first?.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);

    expect((await portal.as('olga.smirnova', 'GET', '/me')).status).toBe(200);
    // Writes have their own allowance (counted in their transaction).
    expect((await portal.as(READER, 'POST', '/requests', CERTIFICATE)).status).toBe(201);
    await new Promise((done) => setTimeout(done, wait * 1000 + 100));
    expect((await portal.as(READER, 'GET', '/me')).status).toBe(200);
  });

  it('F7: a sick leave never records a delegation to oneself, nor one decades ahead', async () => {
    const sickLeave = (from: string, to: string) => ({
      serviceId: 'sick-leave',
      fields: { reason: 'own-illness', period: { from, to }, certificateWillFollow: true, deputy: 'maria.ivanova' },
    });
    const self = await portal.as('maria.ivanova', 'POST', '/requests', sickLeave('2026-12-02', '2026-12-04'));
    expect(self.status, self.text).toBe(201);
    const far = await portal.as('pavel.sokolov', 'POST', '/requests', sickLeave('2090-03-01', '2090-03-20'));
    expect(far.status, far.text).toBe(201);
    await portal.settle();
    for (const person of ['maria.ivanova', 'pavel.sokolov']) {
      const me = await portal.as(person, 'GET', '/me');
      expect(me.body.delegation, person).toBeNull();
    }
  });
});
