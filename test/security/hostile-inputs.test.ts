/**
 * Hostile and malformed input on EVERY route of the route table, against the shared local runtime:
 * bodies, path parameters, query strings, headers and methods, generated per route from ROUTES (a new
 * route is attacked automatically, from a baseline call below or a safe default). The cases are sent
 * up front, 8 at a time, then each is reported as a test of its own: never a 5xx, the contract's error
 * shape on every JSON 4xx, no stack trace, file path or storage attribute in any answer, and no raw
 * markup in an HTML page. Afterwards the runtime must still be healthy and consistent.
 *
 * Write routes are only ever attacked by callers for whom no variant can change anything that other
 * test files rely on: the requester `close`s a request in progress (409), asks for a decision on his
 * own purchase (not his to decide), sets a delegation that ended in 2020; the decision-by-e-mail token
 * is a real one only on the read-only GET.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey, type RouteDefinition } from '../../functions/api/routes';
import { as, call, settle, tokenFor, type ApiResponse } from '../support/api';
import { CODE_FOR, expectError, expectNoLeak } from '../support/error-shape';
import { certificateRequest, dateFromToday as day } from '../support/fixtures';
import { containsEscaped, expectNoRawMarkup, HOSTILE } from '../support/hostile';

const EMPLOYEE = 'ivan.sidorov';
/** Ivan's manager: the approver of his purchases. */
const MANAGER = 'elena.kuznetsova';
const HR_AGENT = 'maria.ivanova';
const ADMIN = 'olga.smirnova';
/** An employee whose requests Ivan must not reach. */
const STRANGER = 'james.wilson';
const USERS = [EMPLOYEE, MANAGER, HR_AGENT, ADMIN] as const;
const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const CONCURRENCY = 8;

const KIB = 1024;
const MIB = 1024 * KIB;

const PURCHASE = {
  item: 'Desk',
  quantity: 1,
  amount: { amount: 40_000, currency: 'RUB' },
  neededBy: day(30),
  justification: 'Office move',
};
/** An NDA: no approval stage, so what it creates stays in the legal team's queue. */
const NDA = { counterparty: 'Acme', contactEmail: 'legal@acme.example', ndaType: 'mutual', purpose: 'Talks' };

/** Attributes of the table and the workflow engine that error-shape.ts does not list yet. */
const MORE_INTERNAL_KEYS = [
  'taskToken',
  'tokenHash',
  'round',
  'currentStage',
  'slaEvents',
  'slaTimer',
  'pauses',
  'usedAt',
  'messageId',
];

// ---- helpers ----------------------------------------------------------------------------------

const enc = encodeURIComponent;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A header value carrying UTF-8 bytes (fetch only takes ISO-8859-1 text in headers). */
const utf8Header = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** The same text with one character changed, in its middle. */
const flip = (text: string) => {
  const at = Math.floor(text.length / 2);
  return `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
};
const bodyless = (method: string) => method === 'GET' || method === 'HEAD';

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the answers. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

// ---- cases ------------------------------------------------------------------------------------

interface HostileCase {
  /** The route under attack (its key in ROUTES). */
  route: string;
  /** Unique: the test's title. */
  name: string;
  method: string;
  /** Relative to API_BASE; `@@name@@` placeholders are filled in from the fixtures just before sending. */
  path: string;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  /** Whose token is sent; null for none (an Authorization header may still come from `headers`). */
  as: string | null;
  headers?: Record<string, string>;
  /** A method the path does not have: 404 or 405 only. */
  noRoute?: true;
}

/** A call each route accepts (or harmlessly refuses); every case below changes one thing of it. */
interface Baseline {
  as: string | null;
  params?: Record<string, string>;
  query?: string;
  body?: Record<string, unknown>;
  /** Who sends bodies that are not a JSON object at all; every demo user unless the route ignores its body. */
  malformedBy?: readonly string[];
  /** Who sends the baseline with one field replaced or added; the baseline caller by default. */
  fieldsBy?: readonly string[];
  /** The keys of an object field (a form) that are replaced in turn; all of them by default. */
  nested?: readonly string[];
}

const BASELINES: Record<string, Baseline> = {
  'GET /health': { as: null },
  'GET /openapi.json': { as: null },
  'GET /me': { as: EMPLOYEE },
  // Ended in 2020: no variant can set a delegation.
  'PUT /me/delegation': {
    as: EMPLOYEE,
    body: { delegateId: MANAGER, from: '2020-01-01', until: '2020-01-02' },
    fieldsBy: USERS,
  },
  // Ignores its body: only Ivan, who has no delegation anyone relies on.
  'DELETE /me/delegation': { as: EMPLOYEE, malformedBy: [EMPLOYEE] },
  'GET /services': { as: EMPLOYEE },
  'GET /services/{serviceId}': { as: EMPLOYEE, params: { serviceId: 'vacation' } },
  'POST /services/{serviceId}/preview': {
    as: EMPLOYEE,
    params: { serviceId: 'purchase' },
    body: { fields: PURCHASE },
    fieldsBy: USERS,
    nested: ['item', 'amount'],
  },
  // Valid: what a hostile form field does not stop is stored, and read back by later cases.
  'POST /requests': { as: EMPLOYEE, body: { serviceId: 'nda', fields: NDA }, nested: ['contactEmail', 'purpose'] },
  'GET /requests': { as: EMPLOYEE, query: 'view=mine' },
  'GET /requests/{id}': { as: EMPLOYEE, params: { id: '@@own@@' } },
  'POST /requests/{id}/comments': { as: EMPLOYEE, params: { id: '@@own@@' }, body: { text: 'Any news?' } },
  // The requester cannot close a request in progress (409), whatever else the body says.
  'POST /requests/{id}/actions': {
    as: EMPLOYEE,
    params: { id: '@@own@@' },
    body: { type: 'close', version: 1, comment: 'Not needed' },
  },
  // The requester is no approver of his own purchase; his manager only ever sends bodies no schema accepts.
  'POST /requests/{id}/approvals/{stage}/decision': {
    as: EMPLOYEE,
    params: { id: '@@pending@@', stage: 'manager' },
    body: { decision: 'approve', comment: 'Fine' },
  },
  // A real token, on the read-only confirmation page.
  'GET /email-decision': { as: null, query: 'token=@@mail@@' },
  // No e-mail ever carried this token.
  'POST /email-decision': { as: null, body: { token: 'never-issued-token', decision: 'approve', comment: 'Fine' } },
  'GET /analytics': { as: ADMIN },
};

/** A route added later: attacked as the employee, on an unknown id, with an empty object body. */
const defaultBaseline = (route: RouteDefinition): Baseline => ({
  as: route.public ? null : EMPLOYEE,
  body: bodyless(route.method) ? undefined : {},
  malformedBy: [EMPLOYEE],
});

const baselineOf = (route: RouteDefinition) => BASELINES[routeKey(route)] ?? defaultBaseline(route);

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? UNKNOWN_ID);

const withQuery = (path: string, query: string | undefined) => (query ? `${path}?${query}` : path);

interface Variant extends Partial<Omit<HostileCase, 'route' | 'name'>> {
  label: string;
}

/** The baseline call of `route` with `variant` applied. */
function make(route: RouteDefinition, base: Baseline, variant: Variant): HostileCase {
  const { label, ...patch } = variant;
  return {
    route: routeKey(route),
    name: `${routeKey(route)}: ${label}`,
    method: route.method,
    path: withQuery(fill(route.path, base.params ?? {}), base.query),
    body: base.body,
    as: base.as,
    ...patch,
  };
}

/** Spreads cases over callers (each case still unique by its label), unless the route is public. */
const by = (callers: readonly string[], route: RouteDefinition, index: number): Pick<Variant, 'as'> =>
  route.public ? {} : { as: callers[index % callers.length] as string };

// ---- headers: Authorization --------------------------------------------------------------------

const AUTHORIZATION: [string, string | undefined][] = [
  ['missing', undefined],
  ['"Bearer" alone', 'Bearer'],
  ['"Bearer" and spaces', 'Bearer    '],
  ['Bearer x.y.z', 'Bearer x.y.z'],
  ['Basic credentials', `Basic ${Buffer.from(`${ADMIN}:password`).toString('base64')}`],
  ['a token without a scheme', '@@jwt@@'],
  ['a token under the "Token" scheme', 'Token @@jwt@@'],
  ['two tokens', 'Bearer @@jwt@@ @@jwt@@'],
  ['a token with its signature changed', 'Bearer @@jwt-tampered@@'],
  ['an unsigned token (alg none)', 'Bearer @@jwt-none@@'],
  ['a token whose payload names the admin', 'Bearer @@jwt-forged@@'],
  ['a token of 8 KB', `Bearer ${'A'.repeat(8 * KIB)}`],
  ['a token in Cyrillic (raw UTF-8)', `Bearer ${utf8Header('токен')}`],
  ['a percent-encoded NUL', 'Bearer %00'],
];
/** Public routes ignore Authorization: garbage there must not be looked at. */
const PUBLIC_AUTHORIZATION = new Set([
  'Bearer x.y.z',
  'Basic credentials',
  'a token of 8 KB',
  'an unsigned token (alg none)',
]);

function authorizationCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  return AUTHORIZATION.filter(([label]) => !route.public || PUBLIC_AUTHORIZATION.has(label)).map(([label, value]) =>
    make(route, base, {
      label: `Authorization ${label}`,
      as: null,
      headers: value === undefined ? {} : { authorization: value },
    }),
  );
}

// ---- headers: the others -----------------------------------------------------------------------

const HEADERS: [string, Record<string, string>][] = [
  ['Content-Type text/plain', { 'content-type': 'text/plain' }],
  ['Content-Type application/xml', { 'content-type': 'application/xml' }],
  ['Content-Type form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['Content-Type multipart without parts', { 'content-type': 'multipart/form-data; boundary=----hostile' }],
  ['Content-Type garbage', { 'content-type': ';;;===/' }],
  ['Content-Type empty', { 'content-type': '' }],
  ['Content-Type JSON in UTF-7', { 'content-type': 'application/json; charset=utf-7' }],
  ['Accept-Language with garbage q-values', { 'accept-language': '*;q=abc, xx-YY;q=-1, ru;q=NaN, en;q=1e309' }],
  ['Accept-Language of 6 KB', { 'accept-language': 'ru;q=0.1,'.repeat(680) }],
  ['Accept-Language in Cyrillic (raw UTF-8)', { 'accept-language': utf8Header('русский, английский') }],
  ['Accept-Language of empty ranges', { 'accept-language': ',,,;;;q=,' }],
  ['a 12 KB header', { 'x-hostile': 'h'.repeat(12 * KIB) }],
  ['headers over the server limit (20 KB)', { 'x-hostile': 'h'.repeat(20 * KIB) }],
  ['Idempotency-Key of 129 characters', { 'idempotency-key': 'k'.repeat(129) }],
  ['Idempotency-Key of 4 KB', { 'idempotency-key': 'k'.repeat(4 * KIB) }],
  ['Idempotency-Key in Cyrillic (raw UTF-8)', { 'idempotency-key': utf8Header('ключ-повтора-1') }],
  ['Idempotency-Key empty', { 'idempotency-key': '' }],
  ['Idempotency-Key of quotes, brackets and an encoded NUL', { 'idempotency-key': `%00"'<>{}` }],
  ['X-Forwarded-For spoofed', { 'x-forwarded-for': '127.0.0.1, ::1, <script>' }],
];

function headerCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  return HEADERS.map(([label, headers]) => make(route, base, { label: `header ${label}`, headers }));
}

// ---- methods the path does not have ------------------------------------------------------------

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** Once per path, on the first route of that path. */
function methodCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  const siblings = ROUTES.filter((r) => r.path === route.path);
  if (siblings[0] !== route) return [];
  const served = new Set<string>(siblings.map((r) => r.method));
  return METHODS.filter((method) => !served.has(method)).map((method) =>
    make(route, base, {
      label: `method ${method}, which the path does not have`,
      method,
      body: bodyless(method) ? undefined : (base.body ?? {}),
      noRoute: true,
    }),
  );
}

// ---- path parameters ---------------------------------------------------------------------------

const PARAM_VALUES: [string, string][] = [
  ['an unknown ULID', UNKNOWN_ID],
  ['encoded path traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['encoded dot-dot-slash', '%2e%2e%2fadmin'],
  ['5000 characters', 'a'.repeat(5000)],
  ['Cyrillic', enc('заявка-№1')],
  ['emoji and an RTL override', enc('😀\u202Etxt.exe')],
  ['a NUL byte', '%00'],
  ['a NUL byte inside', 'abc%00def'],
  ['SQL injection', enc("1' OR '1'='1")],
  ['a NoSQL operator', enc('{"$ne":null}')],
  ['storage key syntax', enc('x#META')],
  ['broken percent-encoding', '%E0%A4%A'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['CRLF and a header', '%0D%0ASet-Cookie:%20x=1'],
  ['a script tag', enc(HOSTILE.field)],
];

const MORE_PARAM_VALUES: Record<string, [string, string][]> = {
  id: [["another user's request", '@@other@@']],
  stage: [
    ['a later stage', 'finance'],
    ['a stage index', '0'],
    ['a negative number', '-1'],
  ],
  serviceId: [
    ['upper case', 'VACATION'],
    ['toString', 'toString'],
  ],
};

function paramCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const readers = bodyless(route.method) ? USERS : [base.as ?? EMPLOYEE];
  return names.flatMap((name) =>
    [...PARAM_VALUES, ...(MORE_PARAM_VALUES[name] ?? [])].map(([label, value], i) => {
      const params = { ...base.params, [name]: value };
      return make(route, base, {
        label: `{${name}} ${label}`,
        path: withQuery(fill(route.path, params), base.query),
        ...by(readers, route, i),
      });
    }),
  );
}

// ---- query strings -----------------------------------------------------------------------------

const QUERIES: [string, string][] = [
  ['an unknown parameter', 'foo=bar'],
  ['a parameter repeated', 'foo=1&foo=2&foo=3'],
  ['prototype pollution keys', '__proto__[admin]=1&constructor[prototype][admin]=1'],
  ['a value of 6 KB', `q=${'x'.repeat(6 * KIB)}`],
  ['300 parameters', Array.from({ length: 300 }, (_, i) => `p${i}=${i}`).join('&')],
  ['a NUL name and value', '%00=%00'],
  ['broken percent-encoding', 'x=%E0%A4%A'],
  ['a script tag', enc(HOSTILE.field)],
  ['bare ampersands and equals signs', '&&==&='],
];

type RouteQuery = [label: string, query: string, caller?: string];

const FORGED_CURSORS: RouteQuery[] = [
  ['cursor garbage', 'view=mine&cursor=!!!!'],
  ['cursor empty', 'view=mine&cursor='],
  ['cursor of 6 KB', `view=mine&cursor=${'A'.repeat(6 * KIB)}`],
  ['cursor base64 of non-JSON', `view=mine&cursor=${Buffer.from('not json').toString('base64url')}`],
  ['cursor a JSON array', `view=mine&cursor=${b64([1, 2])}`],
  ['cursor a JSON string', `view=mine&cursor=${b64(`REQUESTER#${EMPLOYEE}`)}`],
  [
    'cursor forged for another requester',
    `view=mine&cursor=${b64({ pk: 'REQ#x', sk: 'META', gsi1pk: `REQUESTER#${STRANGER}`, gsi1sk: 'x' })}`,
  ],
  [
    'cursor with operator objects',
    `view=mine&cursor=${b64({ pk: { $gt: '' }, sk: 'META', gsi1pk: `REQUESTER#${EMPLOYEE}`, gsi1sk: 'x' })}`,
  ],
  ['cursor in DynamoDB wire format', `view=all&cursor=${b64({ pk: { S: 'REQ#x' }, sk: { S: 'META' } })}`, ADMIN],
  ['a real cursor with one character changed', 'view=mine&cursor=@@cursor-flipped@@'],
  ['a real cursor truncated', 'view=mine&cursor=@@cursor-truncated@@'],
  ['a real cursor with padding and a NUL', 'view=mine&cursor=@@cursor@@%3D%3D%00'],
  ['a real cursor given twice', 'view=mine&cursor=@@cursor@@&cursor=@@cursor@@'],
  ["the employee's cursor on the HR queue", 'view=queue&cursor=@@cursor@@', HR_AGENT],
  ["the employee's cursor on the approvals inbox", 'view=approvals&cursor=@@cursor@@', MANAGER],
  ["the employee's cursor on all requests", 'view=all&cursor=@@cursor@@', ADMIN],
  ['a queue cursor of an empty object', `view=queue&cursor=${b64({})}`, HR_AGENT],
];

const ROUTE_QUERIES: Record<string, RouteQuery[]> = {
  'GET /requests': [
    ['limit negative', 'view=mine&limit=-1'],
    ['limit zero', 'view=mine&limit=0'],
    ['limit 1e309', 'view=mine&limit=1e309'],
    ['limit of 20 digits', 'view=mine&limit=99999999999999999999'],
    ['limit a word', 'view=mine&limit=ten'],
    ['limit given twice', 'view=mine&limit=1&limit=2'],
    ['limit as an array key', 'view=mine&limit[]=5'],
    ['view __proto__', 'view=__proto__'],
    ['view given twice', 'view=mine&view=all'],
    ['view all as an employee', 'view=all'],
    ['status a NUL byte', 'status=%00'],
    ['status with SQL', `status=${enc("open' OR 1=1 --")}`],
    ['serviceId path traversal', 'serviceId=..%2F..%2Fcatalog'],
    ['the queue of another team', 'view=queue&team=finance', HR_AGENT],
    ['the queue of a team named __proto__', 'view=queue&team=__proto__', ADMIN],
    ...FORGED_CURSORS,
  ],
  'GET /analytics': [
    ['from in month 13', 'from=2026-13-45'],
    ['from a word', 'from=yesterday'],
    ['to the zero date', 'to=0000-00-00'],
    ['from after to', 'from=2026-06-01&to=2026-01-01', MANAGER],
    ['ten years', 'from=2016-01-01&to=2026-01-01'],
    ['from 30 February', 'from=2026-02-30', MANAGER],
    ['from given twice', 'from=2026-01-01&from=2026-01-02'],
    ['from a NUL byte', 'from=%00'],
    ['to 1e309', 'to=1e309'],
    ['the last year JavaScript dates reach', 'from=275760-09-13&to=275760-09-13'],
    ['a negative year', 'from=-000001-01-01'],
    ['a date with a time', 'from=2026-01-01T00:00:00Z'],
    ['as an employee, with garbage', 'from=%E0%A4%A', EMPLOYEE],
  ],
  'GET /email-decision': [
    ['no token', ''],
    ['token empty', 'token='],
    ['token garbage', 'token=garbage'],
    ['token of 199 characters', `token=${'t'.repeat(199)}`],
    ['token of 200 characters', `token=${'t'.repeat(200)}`],
    ['token of 5000 characters', `token=${'t'.repeat(5000)}`],
    ['token as an array key', 'token[]=x'],
    ['token a NUL byte', 'token=%00'],
    ['token a script tag', `token=${enc(HOSTILE.field)}`],
    ['the real token and another', 'token=@@mail@@&token=x'],
    ['the real token with a NUL appended', 'token=@@mail@@%00'],
    ['the real token with one character changed', 'token=@@mail-flipped@@'],
    ['the real token and a decision', 'token=@@mail@@&decision=approve'],
  ],
  'GET /services': [
    ['category __proto__', 'category=__proto__'],
    ['search with a script tag', `q=${enc(HOSTILE.comment)}`],
  ],
  'GET /requests/{id}': [['history asked for', 'include=history&fields=pk,sk']],
};

function queryCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  const path = fill(route.path, base.params ?? {});
  const readers = bodyless(route.method) ? USERS : [base.as ?? EMPLOYEE];
  const generic = QUERIES.map(([label, query], i) =>
    make(route, base, {
      label: `query ${label}`,
      path: withQuery(path, [base.query, query].filter(Boolean).join('&')),
      ...by(readers, route, i),
    }),
  );
  const specific = (ROUTE_QUERIES[routeKey(route)] ?? []).map(([label, query, caller]) =>
    make(route, base, { label: `query ${label}`, path: withQuery(path, query), ...(caller ? { as: caller } : {}) }),
  );
  return [...generic, ...specific];
}

// ---- bodies ------------------------------------------------------------------------------------

const MALFORMED_JSON: [string, string][] = [
  ['an unclosed object', '{'],
  ['a value missing', '{"a":'],
  ['single quotes', "{'a':'b'}"],
  ['a trailing comma', '{"a":1,}'],
  ['the word undefined', 'undefined'],
  ['a NaN literal', '{"a":NaN}'],
  ['an Infinity literal', '{"a":Infinity}'],
  ['two documents', '{"a":1}{"b":2}'],
  ['a byte order mark', '\uFEFF{}'],
  ['a comment', '// hello\n{}'],
  ['a hex number', '{"a":0x10}'],
  ['an unquoted key', '{a:1}'],
  ['a bad escape', '{"a":"\\x41"}'],
  ['an escape cut short', '{"a":"\\ud8"}'],
  ['a raw lone surrogate (sent as U+FFFD)', '{"a":"\ud800"}'],
  ['a raw NUL outside a string', '{"a":1}\u0000'],
  ['XML', '<?xml version="1.0"?><a>1</a>'],
  ['form-encoded text', 'a=1&b=2'],
];

const NOT_OBJECTS: [string, string][] = [
  ['empty', ''],
  ['whitespace only', ' \n\t '],
  ['null', 'null'],
  ['true', 'true'],
  ['a number', '42'],
  ['-0', '-0'],
  ['1e309', '1e309'],
  ['a string', '"hello"'],
  ['an empty array', '[]'],
  ['an array of objects', '[{},{}]'],
];

const SIZE_AND_DEPTH: [string, string][] = [
  ['10 000 nested objects', nestedObjects(10_000)],
  ['10 000 nested arrays', nestedArrays(10_000)],
  ['17 nested objects (one past the limit)', nestedObjects(17)],
  ['1 MB of garbage', 'x'.repeat(MIB)],
  ['1 MB of spaces before {}', `${' '.repeat(MIB)}{}`],
];

function malformedCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  const callers = base.malformedBy ?? USERS;
  const families: [string, [string, string][]][] = [
    ['malformed JSON', MALFORMED_JSON],
    ['body not an object', NOT_OBJECTS],
    ['body', SIZE_AND_DEPTH],
  ];
  return families.flatMap(([family, raws]) =>
    raws.map(([label, raw], i) => make(route, base, { label: `${family}: ${label}`, raw, ...by(callers, route, i) })),
  );
}

/** The baseline body as JSON text with `key` set to raw JSON text (numbers JSON.stringify cannot write). */
const rawWith = (body: Record<string, unknown>, key: string, rawValue: string) =>
  JSON.stringify({ ...body, [key]: '@@RAW@@' }).replace('"@@RAW@@"', () => rawValue);

/** Keys no schema has: unknown, server-owned, storage attributes, prototype keys. */
function keyCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  const body = base.body ?? {};
  const callers = base.fieldsBy ?? [base.as ?? EMPLOYEE];
  const first = Object.keys(body)[0];
  const variants: Variant[] = [
    { label: 'an unknown field', body: { ...body, unexpected: true } },
    { label: 'server-owned fields', body: { ...body, id: UNKNOWN_ID, status: 'closed', requesterId: ADMIN } },
    {
      label: 'storage attributes',
      body: { ...body, pk: 'REQ#x', sk: 'META', gsi1pk: `REQUESTER#${ADMIN}`, lastSeq: 0 },
    },
    { label: 'a __proto__ key', raw: rawWith(body, '__proto__', '{"admin":true,"status":"closed"}') },
    { label: 'a nested __proto__ key', raw: rawWith(body, 'x', '{"y":{"__proto__":{"admin":true}}}') },
    { label: 'constructor.prototype', body: { ...body, constructor: { prototype: { admin: true } } } },
    { label: 'a prototype key', body: { ...body, prototype: { admin: true } } },
    { label: 'toString and hasOwnProperty keys', body: { ...body, toString: 1, hasOwnProperty: 'x' } },
    { label: 'an empty key', body: { ...body, '': 1 } },
    { label: 'a key of 10 000 characters', body: { ...body, ['k'.repeat(10_000)]: 1 } },
    {
      label: '1000 unknown fields',
      body: { ...body, ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, i])) },
    },
    { label: 'a 1 MB string', body: { ...body, padding: 'a'.repeat(MIB) } },
    { label: 'a 300 KB string', body: { ...body, padding: 'a'.repeat(300 * KIB) } },
    { label: '10 000 nested objects in a field', raw: rawWith(body, first ?? 'x', nestedObjects(10_000)) },
  ];
  if (first)
    variants.push({
      label: `"${first}" given twice, an operator object first`,
      raw: JSON.stringify(body).replace('{', () => `{${JSON.stringify(first)}:{"$ne":null},`),
    });
  return variants.map((variant, i) =>
    make(route, base, { ...variant, label: `key: ${variant.label}`, ...by(callers, route, i) }),
  );
}

const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['42', 42],
  ['-1.5', -1.5],
  ['2^64', 2 ** 64],
  ['an empty array', []],
  ['an array of a string', ['x']],
  ['an empty object', {}],
  ['a NoSQL operator', { $ne: null }],
];

const HOSTILE_STRINGS: [string, string][] = [
  ['a script tag', HOSTILE.field],
  ['an attribute breakout', HOSTILE.fieldAttr],
  ['a javascript: link and an iframe', HOSTILE.comment],
  ['NUL bytes', 'a\u0000b\u0000'],
  ['a lone high surrogate', 'x\ud800y'],
  ['a lone low surrogate', '\udc00'],
  ['an RTL override', 'invoice\u202Egpj.exe'],
  ['zero-width characters and a BOM', '\u200B\u200D\uFEFF'],
  ['CRLF and a mail header', 'x\r\nBcc: attacker@evil.example'],
  ['SQL injection', "' OR '1'='1' --"],
  ['path traversal', '../../../etc/passwd'],
  ['template syntax', '${7*7}{{7*7}}<%= 7*7 %>'],
  ['format specifiers', '%s%s%n%x'],
  ['storage key syntax', 'REQ#x#META'],
  ['combining marks and emoji', 'Z\u0338\u0322a\u0337l g 😀👩‍👩‍👧'],
  ['the string NaN', 'NaN'],
  ['the string Infinity', 'Infinity'],
  ['the string -0', '-0'],
  ['20 000 characters', 'a'.repeat(20_000)],
  ['empty', ''],
  ['whitespace only', ' \t\n '],
];

const RAW_NUMBERS: [string, string][] = [
  ['1e309', '1e309'],
  ['-1e309', '-1e309'],
  ['-0', '-0'],
  ['1e-400', '1e-400'],
  ['2^53 + 1', '9007199254740993'],
  ['a 500-digit fraction', `0.${'1'.repeat(500)}`],
];

/** `body` with `key` set to each wrong type, hostile string and unwritable number. */
function fieldVariants(body: Record<string, unknown>, key: string, name = key): Variant[] {
  return [
    ...WRONG_TYPES.map(([label, value]): Variant => ({ label: `${name} ${label}`, body: { ...body, [key]: value } })),
    ...HOSTILE_STRINGS.map(([label, value]): Variant => ({
      label: `${name} ${label}`,
      body: { ...body, [key]: value },
    })),
    ...RAW_NUMBERS.map(([label, raw]): Variant => ({ label: `${name} raw ${label}`, raw: rawWith(body, key, raw) })),
  ];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every field of the baseline body (and of an object inside it, such as a form) replaced in turn. */
function fieldCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  const body = base.body ?? {};
  const callers = base.fieldsBy ?? [base.as ?? EMPLOYEE];
  const variants = Object.entries(body).flatMap(([key, value]) => {
    const own = fieldVariants(body, key);
    if (!isRecord(value)) return own;
    const keys = Object.keys(value).filter((k) => base.nested?.includes(k) ?? true);
    const inner = keys.flatMap((innerKey) =>
      fieldVariants(value, innerKey, `${key}.${innerKey}`).map((v) => ({
        ...v,
        body: v.body === undefined ? undefined : { ...body, [key]: v.body },
        raw:
          v.raw === undefined
            ? undefined
            : JSON.stringify({ ...body, [key]: '@@RAW@@' }).replace('"@@RAW@@"', () => v.raw as string),
      })),
    );
    return [...own, ...inner];
  });
  return variants.map((variant, i) =>
    make(route, base, { ...variant, label: `field ${variant.label}`, ...by(callers, route, i) }),
  );
}

/** The e-mail decision form, as the page posts it (url-encoded, answered with HTML). */
const EMAIL_FORMS: [string, string][] = [
  ['a script tag for a token', `token=${enc(HOSTILE.field)}&decision=approve`],
  ['an image tag in the comment', `token=never-issued&decision=reject&comment=${enc(HOSTILE.decision)}`],
  ['a decision that does not exist', 'token=never-issued&decision=%3Cscript%3E'],
  ['the token given twice', 'token=a&token=b&decision=approve'],
  ['prototype keys', '__proto__=x&constructor=y&token=a&decision=approve'],
  ['broken percent-encoding', 'token=%E0%A4%A&decision=approve'],
  ['a NUL byte', 'token=%00&decision=approve'],
  ['1000 fields', Array.from({ length: 1000 }, (_, i) => `f${i}=${i}`).join('&')],
];

function emailFormCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  if (routeKey(route) !== 'POST /email-decision') return [];
  return EMAIL_FORMS.map(([label, raw]) =>
    make(route, base, {
      label: `form: ${label}`,
      raw,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

function bodyCases(route: RouteDefinition, base: Baseline): HostileCase[] {
  if (bodyless(route.method)) return [];
  return [
    ...malformedCases(route, base),
    ...keyCases(route, base),
    ...fieldCases(route, base),
    ...emailFormCases(route, base),
  ];
}

// ---- all of them -------------------------------------------------------------------------------

const FAMILIES = [authorizationCases, headerCases, methodCases, paramCases, queryCases, bodyCases];

const CASES: HostileCase[] = ROUTES.flatMap((route) => FAMILIES.flatMap((family) => family(route, baselineOf(route))));

// ---- sending and judging -----------------------------------------------------------------------

/** Fixture values the placeholders name: request ids, a real decision token, real list cursors, tokens. */
const values: Record<string, string> = {};
const resolve = (text: string) => text.replace(/@@([\w-]+)@@/g, (m, name: string) => values[name] ?? m);

async function send(c: HostileCase): Promise<ApiResponse> {
  const path = resolve(c.path);
  const headers = Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k, resolve(v)]));
  if (`${path}${JSON.stringify(headers)}`.includes('@@')) throw new Error(`unresolved placeholder in ${c.name}`);
  const token = c.as ? await tokenFor(c.as) : undefined;
  return call(c.method, path, c.body, { token, headers, raw: c.raw });
}

const MORE_INTERNAL = new RegExp(`"(?:${MORE_INTERNAL_KEYS.join('|')})"\\s*:`);
/** What a hostile case may have planted in a page: it must come back escaped, never raw. */
const PLANTED = [HOSTILE.field, HOSTILE.fieldAttr, HOSTILE.comment, HOSTILE.decision];

function expectSafe(c: HostileCase, response: ApiResponse) {
  const seen = `${c.name}: ${response.status} ${response.text.slice(0, 400)}`;
  expect(response.status, `never a 5xx: ${seen}`).toBeLessThan(500);
  if (c.noRoute) expect([404, 405], seen).toContain(response.status);
  expect(response.text, `no stack frame: ${seen}`).not.toMatch(/\n\s+at /);
  expect(response.text, `no source file: ${seen}`).not.toContain('.ts:');
  expect(response.text, `no internal attribute: ${seen}`).not.toMatch(MORE_INTERNAL);
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 400 && type.startsWith('application/json') && response.text)
    expectError(response, { status: response.status, code: CODE_FOR[response.status] });
  else expectNoLeak(response);
  if (type.startsWith('text/html')) {
    expectNoRawMarkup(response.text, c.name);
    for (const payload of PLANTED) expect(response.text, `raw payload: ${seen}`).not.toContain(payload);
  }
}

interface Mail {
  to: string[];
  text: string;
}

/** The approve-by-e-mail token sent to `approver` about `requestId` (mail goes out asynchronously). */
async function decisionToken(requestId: string, approver: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const mails = (await call('GET', '/dev/mail')).body.items as Mail[];
    const token = mails
      .filter((m) => m.to.includes(`${approver}@example.com`) && m.text.includes(requestId))
      .map((m) => /\/api\/email-decision\?token=([\w-]+)/.exec(m.text)?.[1])
      .find((t) => t !== undefined);
    if (token) return token;
    await settle();
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`no decision e-mail to ${approver} about ${requestId}`);
}

/** Forgeries of a genuine token: signature changed, unsigned, payload swapped under the old signature. */
function forgeries(jwt: string): Record<string, string> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = { ...claims, sub: ADMIN, user_id: ADMIN, email: `${ADMIN}@example.com`, roles: ['employee', 'admin'] };
  return {
    jwt,
    'jwt-tampered': `${header}.${payload}.${flip(signature)}`,
    'jwt-none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'jwt-forged': `${header}.${b64(forged)}.${signature}`,
  };
}

async function prepareFixtures() {
  values.own = await certificateRequest('in_progress');
  values.other = await certificateRequest('in_progress', { requester: STRANGER });
  // Hostile text in the purchase, so the decision page below shows it (escaped, it must be).
  const purchase = await as(EMPLOYEE, 'POST', '/requests', {
    serviceId: 'purchase',
    fields: { ...PURCHASE, item: HOSTILE.fieldAttr, justification: HOSTILE.field },
  });
  expect(purchase.status, purchase.text).toBe(201);
  values.pending = purchase.body.id as string;
  values.mail = await decisionToken(values.pending, MANAGER);
  values['mail-flipped'] = flip(values.mail);
  const page = await as(EMPLOYEE, 'GET', '/requests?view=mine&limit=1');
  expect(page.body.nextCursor, page.text).toEqual(expect.any(String));
  values.cursor = page.body.nextCursor as string;
  values['cursor-flipped'] = flip(values.cursor);
  values['cursor-truncated'] = values.cursor.slice(0, -5);
  Object.assign(values, forgeries(await tokenFor(EMPLOYEE)));
}

const responses = new Map<string, ApiResponse | Error>();
let barrageMs = 0;

/** `  239  POST /requests  201×43 400×172 …`: how many cases a route got, and what it answered. */
function reportLine([route, cases]: [string, HostileCase[]]) {
  const statuses = new Map<string, number>();
  for (const c of cases) {
    const response = responses.get(c.name);
    const status = response instanceof Error || response === undefined ? 'error' : String(response.status);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  const answered = [...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status}×${n}`);
  return `${String(cases.length).padStart(6)}  ${route.padEnd(50)} ${answered.join(' ')}`;
}

describe('hostile and malformed input on every route', () => {
  beforeAll(async () => {
    await prepareFixtures();
    const started = Date.now();
    const record = async (c: HostileCase) => {
      responses.set(c.name, await send(c).catch((error: unknown) => error as Error));
    };
    // Writes to the one request in progress go one at a time: concurrent ones would only meet a 409.
    const serial = (c: HostileCase) => !bodyless(c.method) && c.path.includes('@@own@@');
    await Promise.all([
      pool(CASES.filter(serial), 1, record),
      pool(
        CASES.filter((c) => !serial(c)),
        CONCURRENCY - 1,
        record,
      ),
    ]);
    barrageMs = Date.now() - started;
  }, 120_000);

  // A loop rather than it.each: vitest truncates interpolated titles, and these names are the report.
  for (const c of CASES)
    it(c.name, () => {
      const response = responses.get(c.name);
      if (response === undefined || response instanceof Error) throw response ?? new Error('not sent');
      expectSafe(c, response);
    });

  it('the decision page shows the hostile purchase escaped (so the raw-markup checks above meant something)', async () => {
    const page = await call('GET', `/email-decision?token=${values.mail}`);
    expect(page.status, page.text.slice(0, 400)).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectNoRawMarkup(page.text, 'decision page');
    expect(containsEscaped(page.text, HOSTILE.field), 'the justification is shown, escaped').toBe(true);
  });

  it('the runtime still answers GET /api/health with 200 after the barrage', async () => {
    const health = await call('GET', '/health');
    expect(health.status, health.text).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });

  it('the consistency checker finds no problem after the barrage', async () => {
    // Other test files may share the runtime: what they have in flight is given time to settle, twice.
    let problems: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await settle();
      const report = await call('GET', '/dev/consistency');
      expect(report.status, report.text.slice(0, 400)).toBe(200);
      problems = report.body.problems as unknown[];
      if (problems.length === 0) break;
    }
    expect(problems, JSON.stringify(problems.slice(0, 5))).toEqual([]);
  });

  it('sent at least 500 distinct cases, and cases to every route of ROUTES', () => {
    const perRoute = new Map(ROUTES.map((route) => [routeKey(route), [] as HostileCase[]]));
    for (const c of CASES) perRoute.get(c.route)?.push(c);
    console.info(
      [`hostile inputs: ${CASES.length} cases sent in ${barrageMs} ms`, ...[...perRoute].map(reportLine)].join('\n'),
    );
    expect(new Set(CASES.map((c) => c.name)).size, 'case names are unique').toBe(CASES.length);
    expect([...perRoute.keys()].sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const [route, cases] of perRoute) expect(cases.length, route).toBeGreaterThanOrEqual(20);
    expect(CASES.length).toBeGreaterThanOrEqual(500);
  });
});
