/**
 * Who may see and do what, against the real local runtime: callers × routes × their relation to the
 * request, as /work/shared/API.md states it. No relation: 404 on reads and writes (never reveal that
 * a request exists); a relation that does not allow the action: 403; the wrong status: 409; allowed:
 * 2xx. Then token forgeries: every one is a 401.
 */
import { createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../functions/adapters/auth/claims';
import { catalog } from '../../functions/usecases/catalog';
import { createJwtAuthorizer, type JwtAuthorizer } from '../../local/jwt-authorizer';
import { baseUrl, call, tokenFor, type ApiResponse } from '../support/api';
import { CODE_FOR, expectError, expectNoLeak, expectUnauthorized } from '../support/error-shape';
import { allPages, CERTIFICATE, certificateRequest, type FixtureStatus } from '../support/fixtures';

/** The cast. The request under test is an HR employment certificate submitted by the requester. */
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const PEOPLE = {
  requester: 'ivan.sidorov',
  /** An employee with no relation to the request. */
  stranger: 'james.wilson',
  /** An HR agent; the fixtures assign the request to her. */
  assignee: 'maria.ivanova',
  /** Another HR agent: a member of the request's team, not its assignee. */
  teammate: 'ekaterina.fedorova',
  /** An agent of another team (finance). */
  outsider: 'pavel.sokolov',
  /** Admin of the IT team: on an HR request, only the admin relation applies. */
  admin: 'olga.smirnova',
} as const;
type Person = keyof typeof PEOPLE;
type Caller = Person | 'anonymous';

const CALLERS: Caller[] = ['requester', 'stranger', 'assignee', 'teammate', 'outsider', 'admin', 'anonymous'];
const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

async function callAs(caller: Caller, method: string, path: string, body?: unknown) {
  const token = caller === 'anonymous' ? undefined : await tokenFor(PEOPLE[caller]);
  return call(method, path, body, { token, headers: { 'accept-language': 'en' } });
}

function expectStatus(response: ApiResponse, status: number) {
  if (status >= 400) expectError(response, { status, code: CODE_FOR[status] });
  else {
    expect(response.status, response.text.slice(0, 600)).toBe(status);
    expectNoLeak(response);
  }
}

// ---- reading a request ----------------------------------------------------------------------

describe('GET /requests/{id}: visible to requester, team and admins; 404 for everyone else', () => {
  let id = '';
  let unknown: ApiResponse;
  beforeAll(async () => {
    id = await certificateRequest('in_progress');
    unknown = await callAs('stranger', 'GET', `/requests/${UNKNOWN_ID}`);
  });

  const expected: Record<Caller, number> = {
    requester: 200,
    stranger: 404,
    assignee: 200,
    teammate: 200,
    outsider: 404,
    admin: 200,
    anonymous: 401,
  };
  for (const caller of CALLERS)
    it(`${caller} -> ${expected[caller]}`, async () => {
      const response = await callAs(caller, 'GET', `/requests/${id}`);
      expectStatus(response, expected[caller]);
      if (expected[caller] === 200) expect(response.body.id).toBe(id);
      // Never reveal existence: the same answer as for an id that does not exist.
      if (expected[caller] === 404) expect(response.body).toEqual(unknown.body);
    });
});

// ---- comments -------------------------------------------------------------------------------

describe('POST /requests/{id}/comments and who sees internal ones', () => {
  let id = '';
  beforeAll(async () => {
    id = await certificateRequest('in_progress');
  });

  const publicComment: Record<Caller, number> = {
    requester: 201,
    stranger: 404,
    assignee: 201,
    teammate: 201,
    outsider: 404,
    admin: 201,
    anonymous: 401,
  };
  const internalComment: Record<Caller, number> = { ...publicComment, requester: 403 };

  for (const caller of CALLERS)
    it(`public comment by ${caller} -> ${publicComment[caller]}`, async () => {
      const response = await callAs(caller, 'POST', `/requests/${id}/comments`, { text: `public from ${caller}` });
      expectStatus(response, publicComment[caller]);
    });
  for (const caller of CALLERS)
    it(`internal comment by ${caller} -> ${internalComment[caller]}`, async () => {
      const text = `internal from ${caller}`;
      const response = await callAs(caller, 'POST', `/requests/${id}/comments`, { text, internal: true });
      expectStatus(response, internalComment[caller]);
    });

  interface Event {
    seq: number;
    type: string;
    comment?: string;
    internal?: boolean;
  }
  const historyOf = async (caller: Person) => {
    const response = await callAs(caller, 'GET', `/requests/${id}`);
    expect(response.status, response.text).toBe(200);
    return response.body.history as Event[];
  };
  const INTERNAL_TEXTS = ['internal from assignee', 'internal from teammate', 'internal from admin'];

  it.each(['assignee', 'teammate', 'admin'] as const)(
    '%s sees every event, internal comments included, seq 1..n without gaps',
    async (caller) => {
      const history = await historyOf(caller);
      expect(history.map((e) => e.seq)).toEqual(history.map((_e, i) => i + 1));
      const comments = history.filter((e) => e.type === 'comment').map((e) => e.comment);
      expect(comments).toEqual(expect.arrayContaining([...INTERNAL_TEXTS, 'public from requester']));
      expect(history.filter((e) => e.internal).map((e) => e.comment)).toEqual(INTERNAL_TEXTS);
    },
  );

  it('the requester sees public events only; seq keeps its numbers, with gaps where internal ones were', async () => {
    const full = await historyOf('assignee');
    const mine = await historyOf('requester');
    const hidden = full.filter((e) => e.internal).map((e) => e.seq);
    expect(hidden.length).toBe(INTERNAL_TEXTS.length);
    expect(mine.map((e) => e.seq)).toEqual(full.filter((e) => !e.internal).map((e) => e.seq));
    expect(mine.some((e) => e.internal)).toBe(false);
    const texts = JSON.stringify(mine);
    for (const text of INTERNAL_TEXTS) expect(texts).not.toContain(text);
  });
});

// ---- actions: who ---------------------------------------------------------------------------

interface ActionCell {
  caller: Caller;
  status: number;
}
interface ActionRow {
  type: string;
  /** The status the request is put in first: the one the action needs. */
  from: FixtureStatus;
  body: (caller: Caller) => Record<string, unknown>;
  /** In order: the denied callers first, then the allowed ones (each leaves the request valid for the next). */
  cells: ActionCell[];
}

const denied = (allowed: Caller[], relationButNotAllowed: Caller[]): ActionCell[] => [
  { caller: 'anonymous', status: 401 },
  { caller: 'stranger', status: 404 },
  { caller: 'outsider', status: 404 },
  ...relationButNotAllowed.map((caller) => ({ caller, status: 403 })),
  ...allowed.map((caller) => ({ caller, status: 200 })),
];

const ASSIGN_TO: Record<Caller, string> = {
  requester: 'tatiana.vasilieva',
  stranger: 'tatiana.vasilieva',
  outsider: 'tatiana.vasilieva',
  anonymous: 'tatiana.vasilieva',
  teammate: 'ekaterina.fedorova',
  admin: 'tatiana.vasilieva',
  assignee: 'maria.ivanova',
};

const ACTIONS: ActionRow[] = [
  {
    type: 'take',
    from: 'in_progress',
    body: () => ({ type: 'take' }),
    // teammate takes it from the assignee, then the assignee takes it back
    cells: denied(['teammate', 'assignee'], ['requester', 'admin']),
  },
  {
    type: 'assign',
    from: 'in_progress',
    body: (caller) => ({ type: 'assign', assigneeId: ASSIGN_TO[caller] }),
    // API.md: "assign (agent of the team ...)"; an admin outside the team is not named, so 403.
    cells: denied(['teammate', 'assignee'], ['requester', 'admin']),
  },
  {
    type: 'request_info',
    from: 'in_progress',
    body: () => ({ type: 'request_info', comment: 'Which bank?' }),
    cells: denied(['assignee'], ['requester', 'teammate', 'admin']),
  },
  {
    type: 'provide_info',
    from: 'waiting_for_requester',
    body: () => ({ type: 'provide_info', comment: 'Sberbank', fields: { copies: 3 } }),
    cells: denied(['requester'], ['assignee', 'teammate', 'admin']),
  },
  {
    type: 'resolve',
    from: 'in_progress',
    body: () => ({ type: 'resolve', comment: 'Sent by e-mail' }),
    cells: denied(['assignee'], ['requester', 'teammate', 'admin']),
  },
  {
    type: 'reopen',
    from: 'resolved',
    body: () => ({ type: 'reopen', comment: 'Wrong bank' }),
    cells: denied(['requester'], ['assignee', 'teammate', 'admin']),
  },
  {
    type: 'close',
    from: 'resolved',
    body: () => ({ type: 'close' }),
    cells: denied(['requester'], ['assignee', 'teammate', 'admin']),
  },
  {
    type: 'cancel',
    from: 'in_progress',
    body: () => ({ type: 'cancel', comment: 'Not needed' }),
    cells: denied(['requester'], ['assignee', 'teammate', 'admin']),
  },
];

describe.each(ACTIONS)('POST /requests/{id}/actions $type (request $from)', (row) => {
  let id = '';
  beforeAll(async () => {
    id = await certificateRequest(row.from);
  });
  for (const cell of row.cells)
    it(`${cell.caller} -> ${cell.status}`, async () => {
      const response = await callAs(cell.caller, 'POST', `/requests/${id}/actions`, row.body(cell.caller));
      expectStatus(response, cell.status);
    });
});

// ---- actions: when (409) versus who (403) ---------------------------------------------------

interface StatusCell {
  type: string;
  on: FixtureStatus;
  caller: Caller;
  status: number;
}

/** None of these may change anything, so they share one request per status. */
const WRONG_STATUS: StatusCell[] = [
  { type: 'take', on: 'closed', caller: 'teammate', status: 409 },
  { type: 'take', on: 'resolved', caller: 'teammate', status: 409 },
  { type: 'take', on: 'closed', caller: 'requester', status: 403 },
  { type: 'assign', on: 'resolved', caller: 'teammate', status: 409 },
  { type: 'assign', on: 'closed', caller: 'admin', status: 403 },
  { type: 'assign', on: 'closed', caller: 'requester', status: 403 },
  { type: 'request_info', on: 'waiting_for_requester', caller: 'assignee', status: 409 },
  { type: 'request_info', on: 'resolved', caller: 'assignee', status: 409 },
  { type: 'request_info', on: 'resolved', caller: 'teammate', status: 403 },
  { type: 'provide_info', on: 'in_progress', caller: 'requester', status: 409 },
  { type: 'provide_info', on: 'resolved', caller: 'requester', status: 409 },
  { type: 'provide_info', on: 'in_progress', caller: 'assignee', status: 403 },
  { type: 'resolve', on: 'resolved', caller: 'assignee', status: 409 },
  { type: 'resolve', on: 'closed', caller: 'assignee', status: 409 },
  { type: 'resolve', on: 'resolved', caller: 'requester', status: 403 },
  { type: 'reopen', on: 'in_progress', caller: 'requester', status: 409 },
  { type: 'reopen', on: 'closed', caller: 'requester', status: 409 },
  { type: 'reopen', on: 'in_progress', caller: 'assignee', status: 403 },
  { type: 'close', on: 'in_progress', caller: 'requester', status: 409 },
  { type: 'close', on: 'waiting_for_requester', caller: 'requester', status: 409 },
  { type: 'close', on: 'in_progress', caller: 'admin', status: 403 },
  { type: 'cancel', on: 'resolved', caller: 'requester', status: 409 },
  { type: 'cancel', on: 'closed', caller: 'requester', status: 409 },
  { type: 'cancel', on: 'resolved', caller: 'assignee', status: 403 },
  { type: 'cancel', on: 'closed', caller: 'stranger', status: 404 },
  { type: 'reopen', on: 'resolved', caller: 'outsider', status: 404 },
];

const BODY_FOR: Record<string, Record<string, unknown>> = {
  assign: { type: 'assign', assigneeId: 'tatiana.vasilieva' },
  request_info: { type: 'request_info', comment: 'Which bank?' },
  resolve: { type: 'resolve', comment: 'Done' },
  provide_info: { type: 'provide_info', comment: 'Here' },
};

describe('POST /requests/{id}/actions in the wrong status: 409 for an allowed caller, 403 for a wrong one', () => {
  const ids: Partial<Record<FixtureStatus, string>> = {};
  beforeAll(async () => {
    for (const status of ['in_progress', 'waiting_for_requester', 'resolved', 'closed'] as const)
      ids[status] = await certificateRequest(status);
  });
  for (const cell of WRONG_STATUS)
    it(`${cell.type} on ${cell.on} by ${cell.caller} -> ${cell.status}`, async () => {
      const body = BODY_FOR[cell.type] ?? { type: cell.type };
      const response = await callAs(cell.caller, 'POST', `/requests/${ids[cell.on]}/actions`, body);
      expectStatus(response, cell.status);
    });
});

// ---- lists ----------------------------------------------------------------------------------

describe('GET /requests views', () => {
  let id = '';
  beforeAll(async () => {
    id = await certificateRequest('in_progress');
  });
  const listed = async (caller: Person, view: string) => {
    const page = await allPages(PEOPLE[caller], `view=${view}`);
    expect(page.status).toBe(200);
    return page.items;
  };

  const all: Record<Caller, number> = {
    requester: 403,
    stranger: 403,
    assignee: 403,
    teammate: 403,
    outsider: 403,
    admin: 200,
    anonymous: 401,
  };
  for (const caller of CALLERS)
    it(`view=all by ${caller} -> ${all[caller]}`, async () => {
      const response = await callAs(caller, 'GET', '/requests?view=all');
      expectStatus(response, all[caller]);
    });

  it('view=all lists the request for the admin', async () => {
    expect((await listed('admin', 'all')).map((r) => r.id)).toContain(id);
  });

  const inQueue: Record<Person, { contains: boolean; teams: string[] }> = {
    requester: { contains: false, teams: [] },
    stranger: { contains: false, teams: [] },
    assignee: { contains: true, teams: ['hr'] },
    teammate: { contains: true, teams: ['hr'] },
    outsider: { contains: false, teams: ['finance'] },
    admin: { contains: false, teams: ['it'] },
  };
  it.each(Object.keys(inQueue) as Person[])(
    'view=queue by %s shows open requests of their own teams only',
    async (caller) => {
      const items = await listed(caller, 'queue');
      expect(items.map((r) => r.id).includes(id)).toBe(inQueue[caller].contains);
      for (const item of items) {
        expect(inQueue[caller].teams).toContain(item.team);
        expect(['pending_approval', 'in_progress', 'waiting_for_requester']).toContain(item.status);
      }
    },
  );

  it('view=queue cannot be pointed at another team', async () => {
    const response = await callAs('outsider', 'GET', '/requests?view=queue&team=hr');
    expect(response.status).not.toBe(200);
    expect([400, 403]).toContain(response.status);
    expectNoLeak(response);
  });

  it('view=queue without a token -> 401', async () => {
    expectStatus(await callAs('anonymous', 'GET', '/requests?view=queue'), 401);
  });

  it.each(Object.keys(PEOPLE) as Person[])('view=mine by %s shows only their own requests', async (caller) => {
    const items = await listed(caller, 'mine');
    expect(items.map((r) => r.id).includes(id)).toBe(caller === 'requester');
    for (const item of items) expect(item.requesterId).toBe(PEOPLE[caller]);
  });

  it('the default view is mine', async () => {
    const response = await callAs('stranger', 'GET', '/requests?limit=100');
    expect(response.status).toBe(200);
    for (const item of response.body.items as { requesterId: string }[]) expect(item.requesterId).toBe(PEOPLE.stranger);
  });
});

// ---- tokens ---------------------------------------------------------------------------------

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Forge {
  /** The issuer's real key id, from its JWKS. */
  kid: string;
  /** The issuer's real public key, as a JWK and as PEM. */
  publicJwk: JWK;
  publicPem: string;
  /** A genuine token for the requester. */
  real: string;
  attacker: { privateKey: Key; publicJwk: JWK };
  ecKey: Key;
  pssKey: Key;
  claims: (overrides?: JWTPayload) => JWTPayload;
}

/** What an attacker would like to be: the admin. */
function claimsFor(issuer: string) {
  return (overrides: JWTPayload = {}): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: 'olga.smirnova',
      user_id: 'olga.smirnova',
      email: 'olga.smirnova@example.com',
      name: 'Ольга Смирнова',
      locale: 'ru',
      roles: ['employee', 'agent', 'admin'],
      teams: ['it', 'hr', 'finance'],
      iss: issuer,
      aud: 'backoffice-portal',
      iat: now,
      exp: now + 3600,
      ...overrides,
    };
  };
}

/** Claims with `undefined` members removed (to drop sub or exp). */
const compact = (claims: JWTPayload) =>
  Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as JWTPayload;

const signRs = (f: Forge, claims: JWTPayload, header: Record<string, unknown> = {}) =>
  new SignJWT(compact(claims)).setProtectedHeader({ alg: 'RS256', kid: f.kid, ...header }).sign(f.attacker.privateKey);

function tamper(token: string, change: (part: Record<string, unknown>) => void, index: 0 | 1) {
  const parts = token.split('.');
  const decoded = JSON.parse(Buffer.from(parts[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  change(decoded);
  parts[index] = b64url(decoded);
  return parts.join('.');
}

/** Each builds the whole Authorization header (undefined: none). */
const FORGERIES: [string, (f: Forge) => Promise<string | undefined> | string | undefined][] = [
  ['no Authorization header', () => undefined],
  ['"Bearer" without a token', () => 'Bearer'],
  ['"Bearer " and spaces', () => 'Bearer    '],
  ['garbage token', () => 'Bearer garbage'],
  ['three garbage segments', () => 'Bearer aaa.bbb.ccc'],
  ['Basic credentials', () => `Basic ${Buffer.from('olga.smirnova:password').toString('base64')}`],
  ['a real token without the Bearer scheme', (f) => f.real],
  ['a real token twice', (f) => `Bearer ${f.real} ${f.real}`],
  [
    'alg none with valid-looking claims',
    (f) => `Bearer ${b64url({ alg: 'none', typ: 'JWT', kid: f.kid })}.${b64url(f.claims())}.`,
  ],
  [
    'alg "None" with valid-looking claims',
    (f) => `Bearer ${b64url({ alg: 'None', typ: 'JWT' })}.${b64url(f.claims())}.`,
  ],
  [
    'a real token re-headed as alg none, signature dropped',
    (f) => {
      const [, payload] = f.real.split('.');
      return `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    },
  ],
  ['a real token with its signature stripped', (f) => `Bearer ${f.real.split('.').slice(0, 2).join('.')}.`],
  [
    'a real token with roles raised to admin (signature kept)',
    (f) => `Bearer ${tamper(f.real, (p) => (p.roles = ['employee', 'agent', 'admin']), 1)}`,
  ],
  [
    'a real token with sub changed to the admin (signature kept)',
    (f) => `Bearer ${tamper(f.real, (p) => (p.sub = 'olga.smirnova'), 1)}`,
  ],
  [
    'a real token with the header alg switched to HS256',
    (f) => `Bearer ${tamper(f.real, (h) => (h.alg = 'HS256'), 0)}`,
  ],
  [
    'HS256 signed with the public key PEM as the secret',
    async (f) =>
      `Bearer ${await new SignJWT(f.claims()).setProtectedHeader({ alg: 'HS256', kid: f.kid }).sign(new TextEncoder().encode(f.publicPem))}`,
  ],
  [
    'HS256 signed with the public JWK JSON as the secret',
    async (f) =>
      `Bearer ${await new SignJWT(f.claims()).setProtectedHeader({ alg: 'HS256', kid: f.kid }).sign(new TextEncoder().encode(JSON.stringify(f.publicJwk)))}`,
  ],
  ['RS256 by another key with the same kid', async (f) => `Bearer ${await signRs(f, f.claims())}`],
  [
    'RS256 by another key with an unknown kid',
    async (f) => `Bearer ${await signRs(f, f.claims(), { kid: 'attacker-key' })}`,
  ],
  ['RS256 by another key without a kid', async (f) => `Bearer ${await signRs(f, f.claims(), { kid: undefined })}`],
  [
    'RS256 with the attacker key embedded as a jwk header',
    async (f) => `Bearer ${await signRs(f, f.claims(), { kid: undefined, jwk: f.attacker.publicJwk })}`,
  ],
  [
    'RS256 with a jku header pointing elsewhere',
    async (f) => `Bearer ${await signRs(f, f.claims(), { jku: 'http://127.0.0.1:9/jwks.json' })}`,
  ],
  [
    'PS256 by another key with the same kid',
    async (f) =>
      `Bearer ${await new SignJWT(f.claims()).setProtectedHeader({ alg: 'PS256', kid: f.kid }).sign(f.pssKey)}`,
  ],
  [
    'ES256 by another key with the same kid',
    async (f) =>
      `Bearer ${await new SignJWT(f.claims()).setProtectedHeader({ alg: 'ES256', kid: f.kid }).sign(f.ecKey)}`,
  ],
  ['wrong issuer', async (f) => `Bearer ${await signRs(f, f.claims({ iss: 'https://evil.example/issuer' }))}`],
  ['wrong audience', async (f) => `Bearer ${await signRs(f, f.claims({ aud: 'another-app' }))}`],
  ['expired', async (f) => `Bearer ${await signRs(f, f.claims({ exp: Math.floor(Date.now() / 1000) - 60 }))}`],
  [
    'not valid before a future time',
    async (f) => `Bearer ${await signRs(f, f.claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }))}`,
  ],
  ['missing sub', async (f) => `Bearer ${await signRs(f, f.claims({ sub: undefined }))}`],
  ['missing exp', async (f) => `Bearer ${await signRs(f, f.claims({ exp: undefined }))}`],
];

async function forge(): Promise<Forge> {
  const jwks = (await (await fetch(`${baseUrl()}/local-issuer/jwks.json`)).json()) as { keys: JWK[] };
  const publicJwk = jwks.keys[0];
  if (!publicJwk?.kid) throw new Error('the local issuer publishes no key');
  const publicPem = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256');
  const pss = await generateKeyPair('PS256');
  return {
    kid: publicJwk.kid,
    publicJwk,
    publicPem,
    real: await tokenFor(PEOPLE.requester),
    attacker: { privateKey: rsa.privateKey, publicJwk: await exportJWK(rsa.publicKey) },
    ecKey: ec.privateKey,
    pssKey: pss.privateKey,
    claims: claimsFor(`${baseUrl()}/local-issuer`),
  };
}

const PROTECTED: { method: string; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/me' },
  { method: 'POST', path: '/requests', body: { serviceId: 'employment-certificate', fields: CERTIFICATE } },
];

describe('token forgeries on protected routes -> 401', () => {
  let f: Forge;
  beforeAll(async () => {
    f = await forge();
  });

  it.each(PROTECTED)('control: a genuine token is accepted on $method $path', async (route) => {
    const response = await call(route.method, route.path, route.body, { token: f.real });
    expect(response.status, response.text).toBeLessThan(300);
  });

  for (const route of PROTECTED)
    for (const [name, build] of FORGERIES)
      it(`${route.method} ${route.path}: ${name} -> 401`, async () => {
        const authorization = await build(f);
        const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
        const response = await call(route.method, route.path, route.body, { headers });
        expectUnauthorized(response);
      });

  it('a token in the query string is ignored -> 401', async () => {
    const response = await call('GET', `/me?access_token=${encodeURIComponent(f.real)}`);
    expectUnauthorized(response);
  });
});

describe('public routes answer without a token', () => {
  it.each([
    ['/health', undefined],
    ['/openapi.json', undefined],
    ['/health', 'Bearer garbage'],
    ['/openapi.json', 'Bearer garbage'],
  ])('GET %s with Authorization %s -> 200', async (path, authorization) => {
    const response = await call('GET', path, undefined, { headers: authorization ? { authorization } : {} });
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    expectNoLeak(response);
  });
});

/**
 * Over HTTP every forgery above also fails the signature check, so those 401s alone do not prove the
 * claim checks work (the local issuer's private key lives in the runtime process). Here the local JWT
 * authorizer (API Gateway's stand-in) trusts a test key, so only the claim under test is wrong; what it
 * passes on is read by the handlers' own claims reader.
 */
describe('claim checks in isolation: the JWT authorizer trusting a test key, and the handlers’ claims reader', () => {
  const ISSUER = 'https://issuer.test';
  let key: Key;
  let publicJwk: JWK;
  let authorize: JwtAuthorizer;
  const kid = `test-${randomUUID()}`;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    authorize = createJwtAuthorizer({ issuer: ISSUER, audience: 'backoffice-portal', jwks: { keys: [publicJwk] } });
  });

  const claims = (overrides: JWTPayload = {}) => compact(claimsFor(ISSUER)(overrides));
  const sign = (payload: JWTPayload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  const principal = async (payload: JWTPayload) => {
    const result = await authorize(`Bearer ${await sign(payload)}`);
    if (!result.ok) throw new Error(result.headers['www-authenticate']);
    return principalOf(eventWith(result.claims), 'en', catalog);
  };

  it('control: correct claims are accepted and name the caller, roles and teams', async () => {
    const result = await authorize(`Bearer ${await sign(claims())}`);
    expect(result).toMatchObject({ ok: true, claims: { roles: '[employee agent admin]', sub: 'olga.smirnova' } });
    await expect(principal(claims())).resolves.toMatchObject({
      id: 'olga.smirnova',
      locale: 'ru',
      roles: ['employee', 'agent', 'admin'],
      teams: ['it', 'hr', 'finance'],
    });
  });

  it.each([
    ['ru', 'ru'],
    ['ru-RU', 'ru'],
    ['en-GB', 'en'],
    ['de', 'en'],
  ])('locale claim %s -> %s', async (locale, expected) => {
    await expect(principal(claims({ locale }))).resolves.toMatchObject({ locale: expected });
  });

  it('Cognito ID token: groups name the roles and teams, custom:user_id the person', async () => {
    const cognito = claims({ user_id: undefined, roles: undefined, teams: undefined, token_use: 'id' });
    const groups = { 'cognito:groups': ['approver', 'team:hr'], 'custom:user_id': 'olga.smirnova' };
    await expect(principal({ ...cognito, ...groups })).resolves.toMatchObject({
      id: 'olga.smirnova',
      roles: ['approver'],
      teams: ['hr'],
    });
  });

  it('F1: a Cognito access token passes the authorizer on its client_id (as API Gateway does), the handler refuses it (403)', async () => {
    // What Cognito puts in an access token: client_id and no aud, no custom:user_id, email or name.
    const access = claims({
      aud: undefined,
      user_id: undefined,
      email: undefined,
      name: undefined,
      client_id: 'backoffice-portal',
      token_use: 'access',
      sub: '3f0c2a55-1111-4c2e-9d7e-0a1b2c3d4e5f',
      'cognito:groups': ['employee', 'approver'],
    });
    await expect(authorize(`Bearer ${await sign(access)}`)).resolves.toMatchObject({ ok: true });
    await expect(principal(access)).rejects.toMatchObject({ code: 'forbidden', message: /ID token/ });
    // Even with a directory id in it, an access token is not a caller.
    await expect(principal({ ...access, 'custom:user_id': 'olga.smirnova' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('F1: a verified token for someone outside the directory, or naming nobody, is refused (403)', async () => {
    await expect(principal(claims({ user_id: 'contractor-42', sub: 'contractor-42' }))).rejects.toMatchObject({
      code: 'forbidden',
      message: /directory/,
    });
    // sub alone is the IdP's own id: not a directory id unless the company's settings say so.
    await expect(principal(claims({ user_id: undefined }))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('F6: the display name and e-mail come from the directory, never from the token', async () => {
    const spoofed = claims({ name: 'Sergey Morozov (CEO) <b>URGENT</b>', email: 'ceo@evil.example' });
    await expect(principal(spoofed)).resolves.toMatchObject({
      name: catalog.person('olga.smirnova')?.name,
      email: catalog.person('olga.smirnova')?.email,
    });
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => JWTPayload]>([
    ['wrong issuer', () => claims({ iss: 'https://evil.example/issuer' })],
    ['wrong audience', () => claims({ aud: 'another-app' })],
    ['wrong client_id and no aud', () => claims({ aud: undefined, client_id: 'another-app' })],
    ['expired', () => claims({ exp: now() - 60 })],
    ['not valid before a future time', () => claims({ nbf: now() + 3600 })],
    ['issued in the future', () => claims({ iat: now() + 3600 })],
    ['missing exp', () => claims({ exp: undefined })],
  ])('%s -> refused by the authorizer', async (_name, payload) => {
    const result = await authorize(`Bearer ${await sign(payload())}`);
    expect(result).toMatchObject({ ok: false, status: 401, body: '{"message":"Unauthorized"}' });
    if (!result.ok) expect(result.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('HS256 with the trusted public key as the secret -> refused by the authorizer', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    await expect(authorize(`Bearer ${token}`)).resolves.toMatchObject({ ok: false, status: 401 });
  });

  it('missing sub: the authorizer lets it through (as API Gateway does), the handler refuses it', async () => {
    await expect(principal(claims({ sub: undefined }))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('no claims at all (a route left without the authorizer): the handler refuses', () => {
    expect(() => principalOf(eventWith(undefined), 'en', catalog)).toThrow(
      expect.objectContaining({ code: 'unauthorized' }),
    );
  });
});

/** The part of an HTTP API event the claims reader looks at. */
const eventWith = (claims: Record<string, string> | undefined) =>
  ({
    requestContext: claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {},
  }) as unknown as APIGatewayProxyEventV2;
