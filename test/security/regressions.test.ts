/**
 * The security regression suite: one named block per class of hole found in peer helpdesks (and in
 * OWASP's API Top 10), each against a runtime of its own (isolated data, frozen virtual clock) whose
 * token issuer key this file knows, so forged tokens differ from genuine ones by one claim only.
 * A test that fails here names a hole: keep the test, fix the product.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../support/client';
import { expectError, expectNoLeak, expectUnauthorized } from '../support/error-shape';
import { containsEscaped, expectNoRawMarkup, HOSTILE } from '../support/hostile';
import { startKeyedRuntime, LOCAL_AUDIENCE, type KeyedRuntime } from '../support/keyed-runtime';
import { decisionTokenIn, openDecisionPage } from '../support/mail-links';
import { TUESDAY_10AM } from '../support/moments';

// A working day's morning, so requests are assigned at once.
const START = TUESDAY_10AM;
const TODAY = '2026-12-01';

const REQUESTER = 'ivan.sidorov';
/** An employee with no relation to the requester's requests. */
const STRANGER = 'james.wilson';
/** Ivan's manager: the approver of his purchases. */
const MANAGER = 'elena.kuznetsova';
const CFO = 'natalia.orlova';
const CEO = 'sergey.morozov';
const HR_AGENT = 'maria.ivanova';
const FINANCE_AGENT = 'pavel.sokolov';
const PROCUREMENT_AGENT = 'andrey.kozlov';
const ADMIN = 'olga.smirnova';
const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const CERTIFICATE = {
  serviceId: 'employment-certificate',
  fields: { purpose: 'bank', copies: 2, language: 'ru', delivery: 'email' },
};
const purchase = (amount: number, text: Partial<Record<'item' | 'supplier' | 'justification', string>> = {}) => ({
  serviceId: 'purchase',
  fields: {
    item: 'Desk',
    quantity: 1,
    amount: { amount, currency: 'RUB' },
    neededBy: '2026-12-20',
    justification: 'Office move',
    ...text,
  },
});

interface HistoryEvent {
  seq: number;
  type: string;
  actorId: string;
  comment?: string;
  internal?: boolean;
}
interface Approver {
  id: string;
  decision?: string;
  onBehalfOf?: string;
}
interface RequestView {
  id: string;
  status: string;
  version: number;
  assigneeId: string | null;
  requesterId: string;
  requesterName: string;
  team: string;
  fields: Record<string, unknown>;
  approvals: { stage: string; status: string; approvers: Approver[] }[];
  history: HistoryEvent[];
}
interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

let portal: KeyedRuntime;

beforeAll(async () => {
  portal = await startKeyedRuntime({ clockStart: START });
}, 90_000);
afterAll(() => portal?.stop());

// ---- helpers ----------------------------------------------------------------------------------

const as = (user: string, method: string, path: string, body?: unknown) => portal.as(user, method, path, body);

async function submit(user: string, body: unknown): Promise<RequestView> {
  const response = await as(user, 'POST', '/requests', body);
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** The request as a team member or admin sees it (every event). */
async function detail(id: string, user = ADMIN): Promise<RequestView> {
  const response = await as(user, 'GET', `/requests/${id}`);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/** What must not move when a refused call is made: status, version, assignee, history length. */
const fingerprint = (r: RequestView) => ({
  status: r.status,
  version: r.version,
  assigneeId: r.assigneeId,
  events: r.history.length,
  approvals: JSON.stringify(r.approvals),
});

async function expectUnchanged(id: string, before: RequestView) {
  expect(fingerprint(await detail(id))).toEqual(fingerprint(before));
}

async function act(user: string, id: string, body: Record<string, unknown>) {
  const response = await as(user, 'POST', `/requests/${id}/actions`, body);
  expect(response.status, response.text).toBe(200);
  return response.body as RequestView;
}

async function decide(user: string, id: string, stage: string, body: Record<string, unknown>) {
  return as(user, 'POST', `/requests/${id}/approvals/${stage}/decision`, body);
}

const mailbox = async (): Promise<Mail[]> => (await portal.call('GET', '/dev/mail')).body.items;
const mailsAbout = async (id: string) => (await mailbox()).filter((m) => m.text.includes(id));
const emailOf = (user: string) => `${user}@example.com`;
const decisionToken = (mail: Mail) => decisionTokenIn(mail.text) as string;

async function decisionLinkFor(id: string, approver: string): Promise<string> {
  const mail = (await mailsAbout(id)).find((m) => m.to.includes(emailOf(approver)) && decisionToken(m));
  expect(mail, `an approval e-mail to ${approver} about ${id}`).toBeDefined();
  return decisionToken(mail as Mail);
}

/** A token for a seeded user whose display name is replaced (the dev issuer allows it, for these tests). */
async function tokenNamed(user: string, name: string): Promise<string> {
  const response = await portal.call('POST', '/dev/token', { email: emailOf(user), name });
  expect(response.status, response.text).toBe(200);
  return response.body.token;
}

/** A person's name as the directory has it (what the portal shows, whatever a token claims). */
const directoryName = async (user: string): Promise<string> =>
  ((await portal.call('GET', '/dev/users')).body.items as { id: string; name: string }[]).find((u) => u.id === user)
    ?.name ?? '';

/** Every item of a list view, following nextCursor (bounded). */
async function listAll(user: string, query: string): Promise<{ id: string; history?: unknown }[]> {
  const items: { id: string; history?: unknown }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await as(user, 'GET', `/requests?${query}&limit=100${suffix}`);
    expect(response.status, response.text).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** A certificate by `user`, assigned by its workflow. */
async function certificate(user = REQUESTER): Promise<RequestView> {
  const created = await submit(user, CERTIFICATE);
  await portal.settle();
  const assigned = await detail(created.id);
  expect(assigned.assigneeId, 'assigned automatically').toEqual(expect.any(String));
  return assigned;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

// ---- 1. reading what is not yours ---------------------------------------------------------------

describe("OWASP API1 / OTRS CVE-2013-3551 / Zammad CVE-2022-40816 & issue #1857: reading another user's request", () => {
  let hr: RequestView;
  let hr2: RequestView;
  let pending: RequestView;
  const SECRET = 'Secret public comment 7f3a';
  const IDEMPOTENCY_KEY = 'ivan-comment-1';
  const OUTSIDERS = [STRANGER, FINANCE_AGENT, PROCUREMENT_AGENT, CFO, MANAGER];

  beforeAll(async () => {
    hr = await certificate();
    hr2 = await certificate();
    pending = await submit(REQUESTER, purchase(40_000));
    await submit(REQUESTER, purchase(45_000));
    const comment = await portal.call(
      'POST',
      `/requests/${hr.id}/comments`,
      { text: SECRET },
      { token: await portal.tokenFor(REQUESTER), headers: { 'idempotency-key': IDEMPOTENCY_KEY } },
    );
    expect(comment.status, comment.text).toBe(201);
    await portal.settle();
  }, 60_000);

  it('by id: anyone without a relation gets the very answer an unknown id gets, for reads and writes', async () => {
    for (const user of OUTSIDERS) {
      const unknown = await as(user, 'GET', `/requests/${UNKNOWN_ID}`);
      expectError(unknown, { status: 404, code: 'not_found' });
      const response = await as(user, 'GET', `/requests/${hr.id}`);
      expectError(response, { status: 404, code: 'not_found' });
      expect(response.body, `${user} reading ${hr.id}`).toEqual(unknown.body);
      expect(response.text).not.toContain(hr.id);
    }
    // Existence oracles: an action's 403 or a stale version's 409 would tell the request exists.
    for (const body of [{ type: 'resolve', comment: 'x' }, { type: 'cancel', version: 999 }, { type: 'take' }]) {
      const response = await as(STRANGER, 'POST', `/requests/${hr.id}/actions`, body);
      expectError(response, { status: 404, code: 'not_found' });
    }
    const stage = await decide(STRANGER, pending.id, 'manager', { decision: 'approve' });
    expectError(stage, { status: 404, code: 'not_found' });
  });

  it('its history: no route serves it apart, and no list or refusal carries it', async () => {
    for (const path of ['history', 'events', 'activity', 'audit'])
      for (const user of [STRANGER, FINANCE_AGENT]) {
        const response = await as(user, 'GET', `/requests/${hr.id}/${path}`);
        expectError(response, { status: 404, code: 'not_found' });
      }
    // List views are summaries: not even the requester's own list carries a history.
    for (const [user, view] of [
      [REQUESTER, 'mine'],
      [HR_AGENT, 'queue'],
      [ADMIN, 'all'],
    ] as const)
      for (const item of await listAll(user, `view=${view}`))
        expect(item.history, `${view} of ${user}`).toBeUndefined();
  });

  it('its comments: a stranger cannot add, list or replay them (Idempotency-Key is per caller)', async () => {
    const before = await detail(hr.id);
    for (const user of [STRANGER, FINANCE_AGENT]) {
      const publicComment = await as(user, 'POST', `/requests/${hr.id}/comments`, { text: 'hello?' });
      expectError(publicComment, { status: 404, code: 'not_found' });
      const internal = await as(user, 'POST', `/requests/${hr.id}/comments`, { text: 'hi', internal: true });
      expectError(internal, { status: 404, code: 'not_found' });
      expectError(await as(user, 'GET', `/requests/${hr.id}/comments`), { status: 404, code: 'not_found' });
    }
    // Replaying the requester's key and body must not hand the stored comment to someone else.
    const replay = await portal.call(
      'POST',
      `/requests/${hr.id}/comments`,
      { text: SECRET },
      { token: await portal.tokenFor(STRANGER), headers: { 'idempotency-key': IDEMPOTENCY_KEY } },
    );
    expectError(replay, { status: 404, code: 'not_found' });
    expect(replay.text).not.toContain(SECRET);
    await expectUnchanged(hr.id, before);
  });

  it('counts: list views of other people, other teams and other approvers never include it', async () => {
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    for (const query of [
      'view=mine',
      'view=approvals',
      'view=mine&status=in_progress&serviceId=employment-certificate',
    ])
      for (const user of OUTSIDERS) expect(ids(await listAll(user, query)), `${user} ${query}`).not.toContain(hr.id);
    expect(ids(await listAll(FINANCE_AGENT, 'view=queue'))).not.toContain(hr.id);
    expect(ids(await listAll(PROCUREMENT_AGENT, 'view=queue'))).not.toContain(hr.id);
    // Not another team's queue, not everything: both refused outright, without items or counts.
    const otherQueue = await as(FINANCE_AGENT, 'GET', '/requests?view=queue&team=hr');
    expect([400, 403]).toContain(otherQueue.status);
    expect(otherQueue.body.items).toBeUndefined();
    for (const user of [STRANGER, FINANCE_AGENT, HR_AGENT, MANAGER])
      expectError(await as(user, 'GET', '/requests?view=all'), { status: 403, code: 'forbidden' });
    // Analytics counts are for managers and admins only (404 while there is no such route).
    const analytics = await as(STRANGER, 'GET', '/analytics');
    expect([403, 404]).toContain(analytics.status);
    expect(analytics.body.volume).toBeUndefined();
  });

  it('nextCursor forging: a cursor of another list, or a hand-made one, is refused (400), never followed', async () => {
    const cursorOf = async (user: string, query: string) => {
      const response = await as(user, 'GET', `/requests?${query}&limit=1`);
      expect(response.body.nextCursor, `${user} ${query} has a second page`).toEqual(expect.any(String));
      return response.body.nextCursor as string;
    };
    const hrQueue = await cursorOf(HR_AGENT, 'view=queue');
    const ivanMine = await cursorOf(REQUESTER, 'view=mine');
    const elenaInbox = await cursorOf(MANAGER, 'view=approvals');
    const everything = await cursorOf(ADMIN, 'view=all');
    const forged = [
      b64url({ pk: `REQ#${hr.id}`, sk: 'META', gsi1pk: `REQUESTER#${REQUESTER}`, gsi1sk: `${hr.id}` }),
      b64url({ pk: `REQ#${hr2.id}`, sk: 'META', gsi2pk: 'QUEUE#hr', gsi2sk: `~#${hr2.id}` }),
      b64url({ pk: `REQ#${hr.id}`, sk: 'META', gsi1pk: { S: `REQUESTER#${REQUESTER}` }, gsi1sk: '0' }),
      b64url({ gsi1pk: `REQUESTER#${STRANGER}`, gsi1sk: '0', pk: 'REQ#x', sk: 'META', extra: 'x' }),
    ];
    const attempts: [string, string, string][] = [
      [FINANCE_AGENT, 'view=queue', hrQueue],
      [STRANGER, 'view=mine', ivanMine],
      [CFO, 'view=approvals', elenaInbox],
      [STRANGER, 'view=mine', everything],
      [STRANGER, 'view=mine', forged[0] as string],
      [FINANCE_AGENT, 'view=queue', forged[1] as string],
      [STRANGER, 'view=mine', forged[2] as string],
      [STRANGER, 'view=mine', forged[3] as string],
    ];
    for (const [user, query, cursor] of attempts) {
      const response = await as(user, 'GET', `/requests?${query}&cursor=${encodeURIComponent(cursor)}`);
      expectError(response, { status: 400, field: 'query.cursor' });
      expect(response.text).not.toContain(hr.id);
    }
    expectError(await as(STRANGER, 'GET', `/requests?view=all&cursor=${everything}`), { status: 403 });
  });
});

// ---- 2. the wrong team ------------------------------------------------------------------------

describe("agent of one team acting on another team's request", () => {
  let hr: RequestView;
  beforeAll(async () => {
    hr = await certificate();
  });

  const ATTEMPTS: [string, string, Record<string, unknown>][] = [
    ['take', 'actions', { type: 'take' }],
    ['assign to himself', 'actions', { type: 'assign', assigneeId: FINANCE_AGENT }],
    ['assign to an HR agent', 'actions', { type: 'assign', assigneeId: 'ekaterina.fedorova' }],
    ['resolve', 'actions', { type: 'resolve', comment: 'Done by finance' }],
    ['request info', 'actions', { type: 'request_info', comment: 'Why?' }],
    ['comment internally', 'comments', { text: 'finance was here', internal: true }],
    ['comment publicly', 'comments', { text: 'finance was here' }],
  ];

  it.each(ATTEMPTS)('a finance agent cannot %s on an HR request (404, nothing changes)', async (_name, route, body) => {
    const before = await detail(hr.id);
    const response = await as(FINANCE_AGENT, 'POST', `/requests/${hr.id}/${route}`, body);
    expectError(response, { status: 404, code: 'not_found' });
    await expectUnchanged(hr.id, before);
  });

  it('an HR agent cannot hand the HR request to an agent of another team (400 naming assigneeId)', async () => {
    const before = await detail(hr.id);
    const response = await as(HR_AGENT, 'POST', `/requests/${hr.id}/actions`, {
      type: 'assign',
      assigneeId: FINANCE_AGENT,
    });
    expectError(response, { status: 400, field: 'assigneeId' });
    await expectUnchanged(hr.id, before);
  });
});

// ---- 3. read-only relations -------------------------------------------------------------------

describe('OTRS CVE-2008-7283 / Zammad CVE-2022-40817: a read-only relation that writes', () => {
  let pending: RequestView;
  let approved: RequestView;
  const AGENT_ACTIONS: Record<string, unknown>[] = [
    { type: 'take' },
    { type: 'assign', assigneeId: PROCUREMENT_AGENT },
    { type: 'resolve', comment: 'Bought it myself' },
    { type: 'request_info', comment: 'More?' },
  ];
  const REQUESTER_ACTIONS: Record<string, unknown>[] = [
    { type: 'cancel', comment: 'Not needed' },
    { type: 'close' },
    { type: 'reopen' },
    { type: 'provide_info', comment: 'here' },
  ];

  beforeAll(async () => {
    pending = await submit(REQUESTER, purchase(30_000));
    approved = await submit(REQUESTER, purchase(35_000));
    await portal.settle();
    expect((await decide(MANAGER, approved.id, 'manager', { decision: 'approve' })).status).toBe(200);
    await portal.settle();
    expect((await detail(approved.id)).status).toBe('in_progress');
  }, 60_000);

  async function expectForbidden(user: string, id: string, bodies: Record<string, unknown>[]) {
    const before = await detail(id);
    for (const body of bodies) {
      const response = await as(user, 'POST', `/requests/${id}/actions`, body);
      expectError(response, { status: 403, code: 'forbidden' });
    }
    const internal = await as(user, 'POST', `/requests/${id}/comments`, { text: 'note to the team', internal: true });
    expectError(internal, { status: 403, code: 'forbidden' });
    await expectUnchanged(id, before);
  }

  it('an approver sees the pending request but may take no action on it, nor comment internally (403)', async () => {
    expect((await as(MANAGER, 'GET', `/requests/${pending.id}`)).status).toBe(200);
    await expectForbidden(MANAGER, pending.id, [...AGENT_ACTIONS, ...REQUESTER_ACTIONS]);
  });

  it('an approver who approved keeps reading the request in the queue, but still may not act (403)', async () => {
    expect((await as(MANAGER, 'GET', `/requests/${approved.id}`)).status).toBe(200);
    await expectForbidden(MANAGER, approved.id, [...AGENT_ACTIONS, ...REQUESTER_ACTIONS]);
  });

  it('a requester may not take agent actions on their own request, nor comment internally (403)', async () => {
    await expectForbidden(REQUESTER, approved.id, [...AGENT_ACTIONS, { type: 'assign', assigneeId: REQUESTER }]);
  });
});

// ---- 4. internal comments ---------------------------------------------------------------------

describe('OTRS GHSA-6ww2-5f5r-f44h: internal comments leaking to requesters', () => {
  let request: RequestView;
  let assignee = '';
  let decisionPage = '';
  const WHILE_PENDING = 'Internal while pending: supplier on the watch list';
  const IN_QUEUE = 'Internal in the queue: the requester asked for this twice before';
  const PUBLIC = 'Public: ordered, delivery on Friday';

  beforeAll(async () => {
    request = await submit(REQUESTER, purchase(20_000));
    await portal.settle();
    // Procurement is the request's team: it may note things while the approval is pending.
    const early = await as(PROCUREMENT_AGENT, 'POST', `/requests/${request.id}/comments`, {
      text: WHILE_PENDING,
      internal: true,
    });
    expect(early.status, early.text).toBe(201);
    await portal.settle();
    const token = await decisionLinkFor(request.id, MANAGER);
    decisionPage = await (await openDecisionPage(portal.url, token)).text();
    expect((await decide(MANAGER, request.id, 'manager', { decision: 'approve' })).status).toBe(200);
    await portal.settle();
    assignee = (await detail(request.id)).assigneeId as string;
    for (const body of [
      { text: IN_QUEUE, internal: true },
      { text: PUBLIC, internal: false },
    ]) {
      const response = await as(assignee, 'POST', `/requests/${request.id}/comments`, body);
      expect(response.status, response.text).toBe(201);
    }
    await portal.settle();
  }, 60_000);

  const expectNoInternal = (text: string, where: string) => {
    expect(text, where).not.toContain(WHILE_PENDING);
    expect(text, where).not.toContain(IN_QUEUE);
  };

  it('via the detail: the requester sees public events only, with no internal flag anywhere', async () => {
    const full = await detail(request.id, assignee);
    expect(full.history.filter((e) => e.internal).map((e) => e.comment)).toEqual([WHILE_PENDING, IN_QUEUE]);
    const response = await as(REQUESTER, 'GET', `/requests/${request.id}`);
    expect(response.status).toBe(200);
    expectNoInternal(response.text, 'requester detail');
    expect(response.body.history.some((e: HistoryEvent) => e.internal)).toBe(false);
    expect(response.body.history.map((e: HistoryEvent) => e.comment)).toContain(PUBLIC);
    expectNoInternal(JSON.stringify(await listAll(REQUESTER, 'view=mine')), 'requester list');
  });

  it('via e-mail: the requester (and the approver) never receive the internal text, nor a notice of it', async () => {
    const mails = await mailsAbout(request.id);
    const outsideTeam = mails.filter((m) => m.to.includes(emailOf(REQUESTER)) || m.to.includes(emailOf(MANAGER)));
    expect(outsideTeam.length).toBeGreaterThan(0);
    for (const mail of outsideTeam) expectNoInternal(`${mail.subject}\n${mail.text}\n${mail.html}`, mail.subject);
    // Exactly one comment notice reached the requester: the public one (the control).
    const commentNotices = outsideTeam.filter(
      (m) => m.to.includes(emailOf(REQUESTER)) && /comment|комментарий/i.test(m.subject),
    );
    expect(commentNotices.length).toBe(1);
    expect(commentNotices[0]?.text).toContain(PUBLIC);
  });

  it('via the approver view: the detail and the approve-by-e-mail page carry no internal comment', async () => {
    const response = await as(MANAGER, 'GET', `/requests/${request.id}`);
    expect(response.status).toBe(200);
    expectNoInternal(response.text, 'approver detail');
    expect(response.body.history.some((e: HistoryEvent) => e.internal)).toBe(false);
    expect(decisionPage).toContain('<form');
    expectNoInternal(decisionPage, 'approve-by-e-mail page');
  });
});

// ---- 5. catalog and routing rules -------------------------------------------------------------

describe('GLPI CVE-2025-53105: a non-admin changing catalog or routing rules', () => {
  const PATHS = [
    '/services',
    '/services/purchase',
    '/services/purchase/form',
    '/services/purchase/approvals',
    '/services/purchase/approvals/finance',
    '/services/purchase/sla',
    '/services/purchase/team',
    '/catalog',
    '/catalog/services',
    '/admin',
    '/admin/services',
    '/admin/catalog',
    '/admin/routing',
    '/routing',
    '/routing-rules',
    '/approval-rules',
    '/teams',
    '/teams/procurement',
    '/calendars',
    '/calendars/ru-msk',
    '/users',
    `/users/${REQUESTER}`,
    '/me',
    '/me/roles',
  ];
  const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
  const HOSTILE_CHANGE = {
    id: 'purchase',
    team: 'it',
    approvals: [],
    title: { en: 'pwned', ru: 'pwned' },
    roles: ['admin'],
    sla: { responseHours: 1000, resolutionHours: 1000, calendar: 'ru-msk' },
  };

  it('has no write route for the catalog, routing rules, teams or users: every write is a 404, and nothing changes', async () => {
    const services = await as(REQUESTER, 'GET', '/services');
    const preview = await as(REQUESTER, 'POST', '/services/purchase/preview', { fields: purchase(250_000).fields });
    expect(preview.status, preview.text).toBe(200);
    for (const user of [REQUESTER, PROCUREMENT_AGENT, ADMIN])
      for (const path of PATHS)
        for (const method of METHODS) {
          const response = await as(user, method, path, HOSTILE_CHANGE);
          expect([404, 405], `${user} ${method} ${path}: ${response.status} ${response.text}`).toContain(
            response.status,
          );
          expectNoLeak(response);
        }
    expect((await as(REQUESTER, 'GET', '/services')).body).toEqual(services.body);
    const again = await as(REQUESTER, 'POST', '/services/purchase/preview', { fields: purchase(250_000).fields });
    expect(again.body).toEqual(preview.body);
    expect((await as(REQUESTER, 'GET', '/me')).body.roles).toEqual(['employee']);
  });

  it("PUT /me/delegation cannot set or clear another user's delegation (a userId field is rejected)", async () => {
    const owner = 'galina.stepanova';
    const own = await as(owner, 'PUT', '/me/delegation', {
      delegateId: 'victoria.nikolaeva',
      from: TODAY,
      until: '2026-12-05',
    });
    expect(own.status, own.text).toBe(200);
    const before = (await as(owner, 'GET', '/me')).body.delegation;
    for (const extra of [{ userId: owner }, { id: owner }, { delegatorId: owner }, { ownerId: owner }]) {
      const response = await as(REQUESTER, 'PUT', '/me/delegation', {
        delegateId: REQUESTER,
        from: TODAY,
        until: '2026-12-05',
        ...extra,
      });
      expectError(response, { status: 400, field: Object.keys(extra)[0] });
    }
    expect((await as(REQUESTER, 'DELETE', `/me/delegation?userId=${owner}`)).status).toBe(204);
    expect((await as(owner, 'GET', '/me')).body.delegation).toEqual(before);
    expect((await as(REQUESTER, 'GET', '/me')).body.delegation).toBeNull();
    expect((await as(owner, 'DELETE', '/me/delegation')).status).toBe(204);
  });
});

// ---- 6. mass assignment -----------------------------------------------------------------------

describe('mass assignment of server-owned fields', () => {
  const SERVER_FIELDS: [string, unknown][] = [
    ['status', 'resolved'],
    ['assigneeId', HR_AGENT],
    ['requesterId', CFO],
    ['approvals', []],
    ['version', 99],
    ['id', UNKNOWN_ID],
    // A server-owned timestamp a client tries to set: any instant will do.
    ['createdAt', '2020-01-01T00:00:00.000Z'],
    ['sla', { responseDueAt: null, resolutionDueAt: null, paused: true, breached: false }],
    ['team', 'finance'],
  ];
  let waiting: RequestView;
  let mineBefore = 0;

  beforeAll(async () => {
    mineBefore = (await listAll(REQUESTER, 'view=mine')).length;
    const created = await certificate();
    waiting = await act(created.assigneeId as string, created.id, { type: 'request_info', comment: 'Which bank?' });
    mineBefore += 1;
  });

  it.each(SERVER_FIELDS)('POST /requests with %s -> 400 naming the field, nothing created', async (field, value) => {
    const response = await as(REQUESTER, 'POST', '/requests', { ...CERTIFICATE, [field]: value });
    expectError(response, { status: 400, code: 'validation_failed', field });
    const nested = await as(REQUESTER, 'POST', '/requests', {
      ...CERTIFICATE,
      fields: { ...CERTIFICATE.fields, [field]: value },
    });
    expectError(nested, { status: 400, code: 'validation_failed', field: `fields.${field}` });
    expect((await listAll(REQUESTER, 'view=mine')).length).toBe(mineBefore);
  });

  it.each(SERVER_FIELDS)(
    'provide_info cannot set %s, neither in fields nor beside them (400)',
    async (field, value) => {
      const before = await detail(waiting.id);
      const inFields = await as(REQUESTER, 'POST', `/requests/${waiting.id}/actions`, {
        type: 'provide_info',
        comment: 'Sberbank',
        fields: { [field]: value },
      });
      expectError(inFields, { status: 400, field: `fields.${field}` });
      if (field !== 'version' && field !== 'assigneeId') {
        const beside = await as(REQUESTER, 'POST', `/requests/${waiting.id}/actions`, {
          type: 'provide_info',
          [field]: value,
        });
        expectError(beside, { status: 400, field });
      }
      await expectUnchanged(waiting.id, before);
    },
  );

  it('comments and decisions cannot carry an author, a seq, an approver or an "on behalf of"', async () => {
    for (const extra of [{ actorId: ADMIN }, { actorName: 'Admin' }, { seq: 1 }, { at: START }]) {
      const response = await as(REQUESTER, 'POST', `/requests/${waiting.id}/comments`, { text: 'hi', ...extra });
      expectError(response, { status: 400, field: Object.keys(extra)[0] });
    }
    const pending = await submit(REQUESTER, purchase(10_000));
    for (const extra of [{ approverId: CEO }, { onBehalfOf: MANAGER }, { stage: 'finance' }]) {
      const response = await decide(MANAGER, pending.id, 'manager', { decision: 'approve', ...extra });
      expectError(response, { status: 400, field: Object.keys(extra)[0] });
    }
    expect((await detail(pending.id)).approvals[0]?.status).toBe('pending');
  });
});

// ---- 7. approving your own, approving twice ---------------------------------------------------

describe('self-approval and approving twice', () => {
  const approverIds = (r: { approvals: { approvers: Approver[] }[] }) =>
    r.approvals.flatMap((s) => s.approvers.flatMap((a) => [a.id, a.onBehalfOf]));

  it('the CFO buying above the CFO threshold is not in her own chain (preview and request)', async () => {
    const preview = await as(CFO, 'POST', '/services/purchase/preview', { fields: purchase(250_000).fields });
    expect(preview.status, preview.text).toBe(200);
    expect(approverIds(preview.body)).not.toContain(CFO);
    const created = await submit(CFO, purchase(250_000));
    expect(approverIds(created)).not.toContain(CFO);
    expect(approverIds(created)).toContain(CEO);
    expect(created.approvals.filter((s) => s.status === 'pending').length).toBeGreaterThan(0);
  });

  it('the requester deciding on their own request directly -> 403, at every stage', async () => {
    const cfoOwn = await submit(CFO, purchase(260_000));
    const ivanOwn = await submit(REQUESTER, purchase(15_000));
    await portal.settle();
    for (const [user, id, stage] of [
      [CFO, cfoOwn.id, 'finance'],
      [CFO, cfoOwn.id, 'manager'],
      [REQUESTER, ivanOwn.id, 'manager'],
    ] as const) {
      const before = await detail(id);
      const response = await decide(user, id, stage, { decision: 'approve' });
      expectError(response, { status: 403, code: 'forbidden' });
      await expectUnchanged(id, before);
    }
  });

  it("the requester cannot approve their own request as their approver's delegate either", async () => {
    // Maxim may approve (so he can be a delegate); his manager Dmitry makes him his delegate.
    const [approver, requester] = ['dmitry.volkov', 'maxim.sorokin'];
    const own = await submit(requester, purchase(16_000));
    await portal.settle();
    const delegation = await as(approver, 'PUT', '/me/delegation', {
      delegateId: requester,
      from: TODAY,
      until: '2026-12-04',
    });
    expect(delegation.status, delegation.text).toBe(200);
    try {
      const before = await detail(own.id);
      expectError(await decide(requester, own.id, 'manager', { decision: 'approve' }), { status: 403 });
      await expectUnchanged(own.id, before);
      // Nor is it offered to him: his approvals inbox holds only what he may decide.
      const inbox = await listAll(requester, 'view=approvals');
      expect(inbox.map((r) => r.id)).not.toContain(own.id);
    } finally {
      expect((await as(approver, 'DELETE', '/me/delegation')).status).toBe(204);
    }
  });

  it('the requester cannot raise an approved amount past the CFO and CEO thresholds via provide_info', async () => {
    const created = await submit(REQUESTER, purchase(50_000));
    await portal.settle();
    expect((await decide(MANAGER, created.id, 'manager', { decision: 'approve' })).status).toBe(200);
    await portal.settle();
    const queued = await detail(created.id);
    await act(queued.assigneeId as string, created.id, { type: 'request_info', comment: 'Which model?' });
    const raised = await as(REQUESTER, 'POST', `/requests/${created.id}/actions`, {
      type: 'provide_info',
      comment: 'A bigger one',
      fields: { amount: { amount: 5_000_000, currency: 'RUB' } },
    });
    await portal.settle();
    const stored = await detail(created.id);
    const amount = (stored.fields.amount as { amount: number }).amount;
    if (amount === 50_000) {
      // Refused: the approval only covers what was approved.
      expect(raised.status, raised.text).toBeGreaterThanOrEqual(400);
      expect(raised.status, raised.text).toBeLessThan(500);
    } else {
      // Accepted: then everyone the new amount needs must approve it before procurement acts.
      expect(stored.status, 'back to approval').toBe('pending_approval');
      const pending = stored.approvals.filter((s) => s.status === 'pending').map((s) => s.stage);
      expect(pending).toEqual(expect.arrayContaining(['finance', 'ceo']));
    }
  });

  it('one approver deciding twice -> 409, whatever the second decision', async () => {
    const created = await submit(REQUESTER, purchase(17_000));
    await portal.settle();
    expect((await decide(MANAGER, created.id, 'manager', { decision: 'approve' })).status).toBe(200);
    await portal.settle();
    const after = await detail(created.id);
    for (const body of [{ decision: 'approve' }, { decision: 'reject', comment: 'changed my mind' }]) {
      expectError(await decide(MANAGER, created.id, 'manager', body), { status: 409, code: 'conflict' });
    }
    await expectUnchanged(created.id, after);
  });

  it('a retried decision with the same Idempotency-Key replays the first answer (200), and records one', async () => {
    const created = await submit(REQUESTER, purchase(17_500));
    await portal.settle();
    const path = `/requests/${created.id}/approvals/manager/decision`;
    const keyed = { token: await portal.tokenFor(MANAGER), headers: { 'idempotency-key': `decide-${created.id}` } };
    const first = await portal.call('POST', path, { decision: 'approve' }, keyed);
    expect(first.status, first.text).toBe(200);
    await portal.settle();
    const retry = await portal.call('POST', path, { decision: 'approve' }, keyed);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.id).toBe(created.id);
    const reused = await portal.call('POST', path, { decision: 'reject', comment: 'another body' }, keyed);
    expectError(reused, { status: 409, code: 'conflict' });
    const stored = await detail(created.id);
    expect(stored.history.filter((e) => e.type === 'approved')).toHaveLength(1);
  });

  const DECISION_TYPES = ['approved', 'rejected', 'returned'];
  async function expectOneDecision(id: string, statuses: number[]) {
    expect(
      statuses.filter((s) => s === 200),
      `statuses ${statuses.join(',')}`,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s !== 200).every((s) => s === 409),
      `statuses ${statuses.join(',')}`,
    ).toBe(true);
    await portal.settle();
    const stored = await detail(id);
    expect(stored.history.filter((e) => DECISION_TYPES.includes(e.type))).toHaveLength(1);
    expect(stored.approvals[0]?.approvers.filter((a) => a.decision)).toHaveLength(1);
    expect(stored.history.map((e) => e.seq)).toEqual(stored.history.map((_e, i) => i + 1));
  }

  it('a concurrent double decision by one approver records exactly one', async () => {
    const created = await submit(REQUESTER, purchase(18_000));
    await portal.settle();
    const answers = await Promise.all([
      decide(MANAGER, created.id, 'manager', { decision: 'approve' }),
      decide(MANAGER, created.id, 'manager', { decision: 'approve' }),
      decide(MANAGER, created.id, 'manager', { decision: 'reject', comment: 'No' }),
      decide(MANAGER, created.id, 'manager', { decision: 'return', comment: 'Quote?' }),
    ]);
    await expectOneDecision(
      created.id,
      answers.map((a) => a.status),
    );
  });

  it('a decision through the API and the e-mail link at once records exactly one', async () => {
    const created = await submit(REQUESTER, purchase(19_000));
    await portal.settle();
    const token = await decisionLinkFor(created.id, MANAGER);
    const answers = await Promise.all([
      portal.call('POST', '/email-decision', { token, decision: 'approve' }),
      decide(MANAGER, created.id, 'manager', { decision: 'reject', comment: 'No budget' }),
    ]);
    await expectOneDecision(
      created.id,
      answers.map((a) => a.status),
    );
  });
});

// ---- 8. HTML and script in user text ----------------------------------------------------------

describe('Zammad CVE-2018-1000154: HTML/script in every text that reaches an e-mail or the page', () => {
  let request: RequestView;
  let agent = '';
  let decisionPage: Response;
  let decisionHtml = '';
  const AGENT_NAME = `Agent <svg onload=alert('agent')>`;

  beforeAll(async () => {
    const requesterToken = await tokenNamed(REQUESTER, HOSTILE.name);
    const managerToken = await tokenNamed(MANAGER, HOSTILE.headerName);
    const text = { item: HOSTILE.field, supplier: HOSTILE.fieldAttr, justification: HOSTILE.comment };
    const created = await portal.call('POST', '/requests', purchase(25_000, text), { token: requesterToken });
    expect(created.status, created.text).toBe(201);
    request = created.body;
    await portal.settle();
    decisionPage = await openDecisionPage(portal.url, await decisionLinkFor(request.id, MANAGER));
    decisionHtml = await decisionPage.text();
    const approve = { decision: 'approve', comment: HOSTILE.decision };
    const decided = await portal.call('POST', `/requests/${request.id}/approvals/manager/decision`, approve, {
      token: managerToken,
    });
    expect(decided.status, decided.text).toBe(200);
    await portal.settle();
    agent = (await detail(request.id)).assigneeId as string;
    const agentToken = await tokenNamed(agent, AGENT_NAME);
    const steps: [string, string, Record<string, unknown>][] = [
      [agentToken, 'comments', { text: HOSTILE.comment }],
      [agentToken, 'actions', { type: 'request_info', comment: HOSTILE.comment }],
      [requesterToken, 'actions', { type: 'provide_info', comment: HOSTILE.decision }],
      [agentToken, 'actions', { type: 'resolve', comment: HOSTILE.field }],
    ];
    for (const [token, route, body] of steps) {
      const response = await portal.call('POST', `/requests/${request.id}/${route}`, body, { token });
      expect(response.status, response.text).toBeLessThan(300);
    }
    await portal.settle();
  }, 60_000);

  it('e-mails: every HTML part carries the hostile names, fields and comments only escaped', async () => {
    const mails = await mailsAbout(request.id);
    expect(mails.length).toBeGreaterThanOrEqual(6);
    for (const mail of mails) {
      expectNoRawMarkup(mail.html, `${mail.to.join(',')} ${mail.subject}`);
      expect(mail.subject, 'no line break in a subject').not.toMatch(/[\r\n]/);
      expect(mail.to).toHaveLength(1);
      expect(mail.to.join(',')).not.toContain('evil.example');
    }
    const all = mails.map((m) => m.html).join('\n');
    for (const payload of [HOSTILE.comment, HOSTILE.decision])
      expect(containsEscaped(all, payload), `escaped ${payload}`).toBe(true);
    // F6: the names a token claims never reach an e-mail, escaped or not: names come from the directory.
    for (const claimed of [HOSTILE.name, HOSTILE.headerName, AGENT_NAME])
      expect(containsEscaped(all, claimed) || all.includes(claimed), `claimed name ${claimed}`).toBe(false);
  });

  it('the API returns the hostile text as JSON data (application/json, nosniff), never rendered', async () => {
    const responses: ApiResponse[] = [
      await as(REQUESTER, 'GET', `/requests/${request.id}`),
      await as(REQUESTER, 'GET', '/requests?view=mine'),
      await as(REQUESTER, 'POST', `/requests/${request.id}/comments`, { text: HOSTILE.comment }),
      await as(REQUESTER, 'POST', '/requests', { serviceId: HOSTILE.field, fields: {} }),
      await as(REQUESTER, 'GET', `/requests?view=queue&team=${encodeURIComponent(HOSTILE.field)}`),
    ];
    for (const response of responses) {
      expect(response.headers.get('content-type'), response.text).toMatch(/^application\/json/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const stored = responses[0]?.body as RequestView;
    expect(stored.requesterName, 'F6: the directory name, not the token claim').toBe(await directoryName(REQUESTER));
    expect(stored.fields).toMatchObject({ item: HOSTILE.field, supplier: HOSTILE.fieldAttr });
    const comments = stored.history.map((e) => e.comment);
    expect(comments).toEqual(expect.arrayContaining([HOSTILE.decision, HOSTILE.comment, HOSTILE.field]));
  });

  it('the approve-by-e-mail page shows the hostile field values escaped, and the directory name', () => {
    expect(decisionPage.status).toBe(200);
    expect(decisionPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(decisionPage.headers.get('x-content-type-options')).toBe('nosniff');
    expectNoRawMarkup(decisionHtml, 'decision page');
    expect(containsEscaped(decisionHtml, HOSTILE.name)).toBe(false);
    for (const payload of [HOSTILE.field, HOSTILE.fieldAttr, HOSTILE.comment])
      expect(containsEscaped(decisionHtml, payload), `escaped ${payload}`).toBe(true);
  });
});

// ---- 9. floods --------------------------------------------------------------------------------

describe('Zammad CVE-2022-29701: a notification flood from one user', () => {
  const FLOODER = 'emily.clarke';
  const BURST = 200;
  /** The per-user write allowance the product is expected to enforce, per minute. */
  const PER_MINUTE = 60;

  /** Sends the burst one by one, noting when each answer came (the allowance counts per clock minute). */
  async function burst(id: string, token: string) {
    const answers: { status: number; minute: number; response: ApiResponse }[] = [];
    for (let i = 0; i < BURST; i++) {
      const response = await portal.call('POST', `/requests/${id}/comments`, { text: `flood ${i}` }, { token });
      answers.push({ status: response.status, minute: Math.floor(Date.now() / 60_000), response });
    }
    return answers;
  }

  it(`${BURST} comments in a burst hit the per-user rate limit (429) and send a bounded number of e-mails`, async () => {
    const request = await certificate(FLOODER);
    const answers = await burst(request.id, await portal.tokenFor(FLOODER));
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 201 || s === 429),
      statuses.join(','),
    ).toBe(true);
    expect(
      statuses.slice(0, 20).every((s) => s === 201),
      'a normal pace is not throttled',
    ).toBe(true);
    const limited = answers.find((a) => a.status === 429);
    expect(limited, 'some comment of the burst answered 429').toBeDefined();
    expectError(limited?.response as ApiResponse, { status: 429, code: 'rate_limited' });
    // Per clock minute, at most the allowance (+1: a call in flight when the minute turned).
    const perMinute = new Map<number, number>();
    for (const a of answers.filter((x) => x.status === 201))
      perMinute.set(a.minute, (perMinute.get(a.minute) ?? 0) + 1);
    for (const [minute, count] of perMinute)
      expect(count, `accepted in minute ${minute}`).toBeLessThanOrEqual(PER_MINUTE + 1);
    const accepted = statuses.filter((s) => s === 201).length;
    await portal.settle();
    const stored = await detail(request.id);
    expect(stored.history.filter((e) => e.type === 'comment')).toHaveLength(accepted);
    // One notice per accepted comment at most: the refused ones sent nothing.
    const notices = (await mailsAbout(request.id)).filter(
      (m) => m.to.includes(emailOf(request.assigneeId as string)) && /comment|комментарий/i.test(m.subject),
    );
    expect(notices.length).toBeLessThanOrEqual(accepted);
    expect(notices.length).toBeLessThanOrEqual(2 * PER_MINUTE);
  });
});

// ---- 10. list sizes ---------------------------------------------------------------------------

describe('unbounded list sizes', () => {
  const VIEWS: [string, string][] = [
    [REQUESTER, 'mine'],
    [HR_AGENT, 'queue'],
    [MANAGER, 'approvals'],
    [ADMIN, 'all'],
  ];

  it.each(['101', '1000', '99999999', '0', '-1', '1.5', '1e2', 'abc', ''])(
    'limit=%s -> 400 naming query.limit, in every view',
    async (limit) => {
      for (const [user, view] of VIEWS) {
        const response = await as(user, 'GET', `/requests?view=${view}&limit=${encodeURIComponent(limit)}`);
        expectError(response, { status: 400, field: 'query.limit' });
      }
    },
  );

  beforeAll(async () => {
    // Enough requests in all for a second default page of view=all (20).
    for (const user of ['artem.grigoriev', 'daria.mikhailova', 'daniel.hughes', 'ksenia.alexeeva'])
      await submit(user, CERTIFICATE);
  });

  it('no list returns more than its limit (at most 100), the default page is 20', async () => {
    const everything = await as(ADMIN, 'GET', '/requests?view=all&limit=100');
    expect(everything.status).toBe(200);
    expect(everything.body.items.length).toBeLessThanOrEqual(100);
    const total = (await listAll(ADMIN, 'view=all')).length;
    expect(total, 'this file created enough requests for a second default page').toBeGreaterThan(20);
    const firstPage = await as(ADMIN, 'GET', '/requests?view=all');
    expect(firstPage.body.items).toHaveLength(20);
    expect(firstPage.body.nextCursor).toEqual(expect.any(String));
    for (const [user, view] of VIEWS)
      for (const limit of [1, 2, 100]) {
        const response = await as(user, 'GET', `/requests?view=${view}&limit=${limit}`);
        expect(response.status, response.text).toBe(200);
        expect(response.body.items.length, `${view} limit ${limit}`).toBeLessThanOrEqual(limit);
      }
  });

  it("the approvals inbox merged with a delegator's stays within the limit", async () => {
    // Ivan's manager has several requests waiting; the CEO has his own (the CFO's purchases).
    const delegation = await as(MANAGER, 'PUT', '/me/delegation', {
      delegateId: CEO,
      from: TODAY,
      until: '2026-12-04',
    });
    expect(delegation.status, delegation.text).toBe(200);
    try {
      const merged = await listAll(CEO, 'view=approvals');
      expect(merged.length, 'own and delegated requests together exceed the small limits below').toBeGreaterThan(2);
      for (const limit of [1, 2]) {
        const response = await as(CEO, 'GET', `/requests?view=approvals&limit=${limit}`);
        expect(response.body.items.length, `approvals limit ${limit}`).toBeLessThanOrEqual(limit);
      }
    } finally {
      expect((await as(MANAGER, 'DELETE', '/me/delegation')).status).toBe(204);
    }
  });
});

// ---- 11. tokens -------------------------------------------------------------------------------

describe('JWT: forged and invalid tokens -> 401', () => {
  let publicJwk: JWK;
  let publicPem = '';
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: ADMIN,
    user_id: ADMIN,
    email: emailOf(ADMIN),
    name: 'Olga',
    locale: 'en',
    roles: ['employee', 'agent', 'admin'],
    teams: ['it', 'hr', 'finance', 'procurement'],
    iss: portal.issuer,
    aud: LOCAL_AUDIENCE,
    iat: now(),
    exp: now() + 600,
    ...overrides,
  });

  beforeAll(async () => {
    const jwks = (await (await fetch(`${portal.url}/local-issuer/jwks.json`)).json()) as { keys: JWK[] };
    publicJwk = jwks.keys[0] as JWK;
    expect(publicJwk.kid).toBe(portal.kid);
    publicPem = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
  });

  async function expect401(token: string) {
    const response = await portal.call('GET', '/me', undefined, { token });
    expectUnauthorized(response);
    expect(response.headers.get('www-authenticate') ?? '').toMatch(/^Bearer/);
  }

  it('control: the same claims signed with the genuine key are accepted', async () => {
    const response = await portal.call('GET', '/me', undefined, { token: await portal.sign(claims()) });
    expect(response.status, response.text).toBe(200);
    expect(response.body.id).toBe(ADMIN);
  });

  it('alg: none (unsigned) -> 401', async () => {
    await expect401(`${b64url({ alg: 'none', typ: 'JWT', kid: portal.kid })}.${b64url(claims())}.`);
  });

  it('HS256 signed with the public key as text (PEM and JWK) -> 401', async () => {
    for (const secret of [publicPem, JSON.stringify(publicJwk)]) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: portal.kid })
        .sign(new TextEncoder().encode(secret));
      await expect401(token);
    }
  });

  it('wrong issuer, genuine signature -> 401', async () => {
    await expect401(await portal.sign(claims({ iss: 'https://evil.example/issuer' })));
  });

  it('wrong audience, genuine signature -> 401', async () => {
    await expect401(await portal.sign(claims({ aud: 'another-app' })));
  });

  it('expired, genuine signature -> 401', async () => {
    await expect401(await portal.sign(claims({ iat: now() - 7200, exp: now() - 60 })));
  });

  it('nbf in the future, genuine signature -> 401', async () => {
    await expect401(await portal.sign(claims({ nbf: now() + 3600 })));
  });

  it('unknown kid, genuine signature -> 401', async () => {
    await expect401(await portal.sign(claims(), { kid: 'no-such-key' }));
  });
});
