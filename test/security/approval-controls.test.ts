/**
 * Nobody approves their own request: the review's reproductions of F1 (identities outside the
 * directory), F3 (the beneficiary), F4 (one person, two stages) and F6 (names from the token), each
 * against a runtime of its own whose token issuer key this file knows, so a token shaped like a
 * Cognito access token or an outsider's ID token is signed with the genuine key.
 * (F2 is test/security/f2-approved-content.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/error-shape';
import { startKeyedRuntime, LOCAL_AUDIENCE, type KeyedRuntime } from '../support/keyed-runtime';
import { TUESDAY_10AM } from '../support/moments';

const TODAY = TUESDAY_10AM.slice(0, 10);
const IVAN = 'ivan.sidorov';
/** Ivan's manager. */
const ELENA = 'elena.kuznetsova';
const CFO = 'natalia.orlova';
const CEO = 'sergey.morozov';

let portal: KeyedRuntime;

beforeAll(async () => {
  portal = await startKeyedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

interface Approver {
  id: string;
  onBehalfOf?: string;
}
interface Stage {
  stage: string;
  status: string;
  approvers: Approver[];
  notes?: { reason: string; personId: string; replacedBy?: string; rule?: string }[];
}

const payment = (amount: number) => ({
  serviceId: 'payment-request',
  fields: {
    counterparty: 'OOO Romashka',
    inn: '7701234567',
    invoiceNumber: `INV-${amount}`,
    amount: { amount, currency: 'RUB' },
    dueDate: '2026-12-30',
    purpose: 'Services',
  },
});
const equipment = { serviceId: 'equipment', fields: { item: 'laptop', quantity: 1, justification: 'New hire' } };
const access = (forUser: string) => ({
  serviceId: 'access-request',
  fields: { system: 'crm', accessLevel: ['admin'], justification: 'Reports', forUser },
});

/** A token the local issuer's key signs, with exactly these claims (besides iss, iat, exp). */
async function tokenWith(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return portal.sign({ iss: portal.issuer, iat: now, exp: now + 600, ...claims });
}

async function submit(user: string, body: unknown) {
  const response = await portal.as(user, 'POST', '/requests', body);
  expect(response.status, response.text).toBe(201);
  await portal.settle();
  return response.body as { id: string; approvals: Stage[]; requesterName: string };
}
const decide = (user: string, id: string, stage: string) =>
  portal.as(user, 'POST', `/requests/${id}/approvals/${stage}/decision`, { decision: 'approve' });

describe('F1: only ID tokens of people in the directory are callers', () => {
  it('F1: a Cognito access token (client_id, no aud, token_use access) gets 403 and creates nothing', async () => {
    const ghost = await tokenWith({
      sub: '3f0c2a55-1111-4c2e-9d7e-0a1b2c3d4e5f',
      client_id: LOCAL_AUDIENCE,
      token_use: 'access',
      'cognito:groups': ['employee', 'approver'],
    });
    expectError(await portal.call('GET', '/me', undefined, { token: ghost }), { status: 403, code: 'forbidden' });
    const submitted = await portal.call('POST', '/requests', payment(5_000_000), { token: ghost });
    expectError(submitted, { status: 403, code: 'forbidden' });
    expect(submitted.body.error.message).toMatch(/ID token/);
  });

  it('F1: an outsider with a valid ID token (aud right, sub unknown to the directory) gets 403', async () => {
    const outsider = await tokenWith({ sub: 'contractor-42', user_id: 'contractor-42', aud: LOCAL_AUDIENCE });
    const submitted = await portal.call('POST', '/requests', equipment, {
      token: outsider,
      headers: { 'accept-language': 'ru' },
    });
    expectError(submitted, { status: 403, code: 'forbidden' });
    expect(submitted.body.error.message).toMatch(/справочнике/);
  });

  it('F1: a stage whose rule finds nobody goes to the declared fallback and says so, never skipped', async () => {
    // The CEO has no manager, and heads his own department: the fallback after him is the CFO.
    const created = await submit(CEO, equipment);
    expect(created.approvals[0]).toMatchObject({ stage: 'manager', status: 'pending', approvers: [{ id: CFO }] });
    expect(created.approvals[0]?.notes).toContainEqual({ reason: 'fallback', personId: CFO, rule: 'role:cfo' });
    const history = (await portal.as(CEO, 'GET', `/requests/${created.id}`)).body.history as {
      type: string;
      data?: { routing?: { reason: string }[] };
    }[];
    expect(history[0]?.data?.routing?.map((n) => n.reason)).toContain('fallback');
  });
});

describe('F3: the beneficiary never approves their own access', () => {
  it('F3: access for Ivan’s own manager is routed to her manager, and she can neither see nor decide it', async () => {
    const preview = await portal.as(IVAN, 'POST', '/services/access-request/preview', { fields: access(ELENA).fields });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.approvals[0]).toMatchObject({ stage: 'manager', approvers: [{ id: CEO }] });
    const created = await submit(IVAN, access(ELENA));
    expect(created.approvals[0]?.approvers.map((a) => a.id)).toEqual([CEO]);
    expectError(await decide(ELENA, created.id, 'manager'), { status: 404 });
  });
});

describe('F4: nobody decides two stages of one round', () => {
  it('F4: the CFO’s delegate who already approves as manager is skipped for the next person up', async () => {
    const delegation = await portal.as(CFO, 'PUT', '/me/delegation', {
      delegateId: ELENA,
      from: TODAY,
      until: '2026-12-31',
    });
    expect(delegation.status, delegation.text).toBe(200);
    try {
      const created = await submit(IVAN, payment(900_000));
      const deciders = created.approvals.flatMap((s) => s.approvers.map((a) => a.id));
      expect(deciders).toEqual([ELENA, CEO]);
      expect(created.approvals[1]?.notes).toContainEqual({
        reason: 'delegate_unfit',
        personId: ELENA,
        replacedBy: CEO,
      });
      expect((await decide(ELENA, created.id, 'manager')).status).toBe(200);
      await portal.settle();
      expectError(await decide(ELENA, created.id, 'cfo'), { status: 403, code: 'forbidden' });
    } finally {
      expect((await portal.as(CFO, 'DELETE', '/me/delegation')).status).toBe(204);
    }
  });

  it('F4: a delegation goes only to someone who may approve, for at most 90 days', async () => {
    const toEmployee = await portal.as(ELENA, 'PUT', '/me/delegation', {
      delegateId: 'emily.clarke',
      from: TODAY,
      until: '2026-12-10',
    });
    expectError(toEmployee, { status: 400, field: 'delegateId' });
    const forAYear = await portal.as(ELENA, 'PUT', '/me/delegation', {
      delegateId: 'maxim.sorokin',
      from: TODAY,
      until: '2027-12-01',
    });
    expectError(forAYear, { status: 400, field: 'until' });
  });
});

describe('F6: display names come from the directory', () => {
  it('F6: a name the token claims reaches neither the request nor the approver’s e-mail', async () => {
    const spoof = 'Sergey Morozov (CEO) URGENT';
    const token = (await portal.call('POST', '/dev/token', { email: `${IVAN}@example.com`, name: spoof })).body
      .token as string;
    const created = await portal.call('POST', '/requests', equipment, { token });
    expect(created.status, created.text).toBe(201);
    await portal.settle();
    expect(created.body.requesterName).not.toContain('Sergey');
    const mails = ((await portal.call('GET', '/dev/mail')).body.items as { subject: string; text: string }[]).filter(
      (m) => m.text.includes(created.body.id),
    );
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(`${mail.subject}\n${mail.text}`).not.toContain(spoof);
  });
});
