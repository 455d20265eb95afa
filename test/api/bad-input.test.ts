/**
 * Bad input on every authenticated route, against the real local runtime: each case asserts the
 * contract's 4xx (never a 5xx), the error shape, the field at fault named in `details`, the message in
 * Russian when the caller asks for it, and that no stack trace or storage attribute leaks. The cases
 * are one table, each of a *kind* (number fields, list cursors, ...); they are sent one after another
 * (in table order: the few that would change a request if validation let them through go last), then
 * each kind is one test, named with its case count, that lists every case of it that failed. Valid
 * forms per service come from catalog/.
 *
 * Bad input whose point is the status alone (malformed or oversized bodies, strange ids) is in the
 * hostile-input barrage (test/security/hostile-inputs.test.ts), held to the same status there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from '../support/api';
import { itPerKind, summaryLine, type KindCase, type Kinds, type Outcome } from '../support/bad-inputs';
import { CODE_FOR, expectError, expectNoLeak } from '../support/error-shape';
import { CERTIFICATE, certificateRequest, HR_AGENT, REQUESTER } from '../support/fixtures';
import { dateFromToday as day } from '../support/moments';

interface BadCase {
  kind: Kind;
  /** The route under attack, as ROUTES names it. */
  route: string;
  /** Unique: `route: variant -> status`, the case's name in a failure report. */
  name: string;
  method: 'GET' | 'POST';
  /** May hold `{open}` (in progress, assigned to HR_AGENT) or `{waiting}` (waiting for the requester). */
  path: string;
  body?: unknown;
  /** Sent as is instead of `JSON.stringify(body)`. */
  raw?: string;
  /** Caller; the requester by default. */
  as?: string;
  headers?: Record<string, string>;
  status: number;
  field?: string;
  ru?: boolean;
}

type Expect = Pick<BadCase, 'status' | 'field' | 'ru' | 'as' | 'headers'>;
/** A case before its kind is given (by the section of the table it is in). */
type Untagged = Omit<BadCase, 'kind'>;

// ---- kinds ----------------------------------------------------------------------------------

/** What a case is held to. */
interface Held {
  status: number;
  field?: string;
}
/** `400 naming the field at fault`, or `400, 404 or 413, 12 naming ...`: what a kind's cases are held to. */
const namesTheField = (cases: readonly Held[]) => {
  const statuses = [...new Set(cases.map((c) => c.status))].sort((x, y) => x - y).map(String);
  const status = statuses.length > 1 ? `${statuses.slice(0, -1).join(', ')} or ${statuses.at(-1)}` : statuses[0];
  const named = cases.filter((c) => c.field !== undefined).length;
  const which = named === cases.length ? ' naming the field at fault' : `, ${named} naming the field at fault`;
  return `${status}${which}, error shape, no leak`;
};
const inRussianToo = (cases: readonly Held[]) => `${namesTheField(cases)}, message (and the field's detail) in Russian`;

/** The kinds of bad input, in the order they are reported. Every case asked in Russian is `russian`. */
const KINDS = {
  envelope: { title: 'serviceId and fields missing or of the wrong shape', property: namesTheField },
  topLevelKeys: { title: 'unknown and server-owned top-level fields', property: namesTheField },
  prototypeKeys: { title: 'prototype keys', property: namesTheField },
  formKeys: { title: 'unknown and misplaced form fields', property: namesTheField },
  numbers: { title: 'number fields', property: namesTheField },
  selects: { title: 'select fields', property: namesTheField },
  checkboxes: { title: 'checkbox fields', property: namesTheField },
  texts: { title: 'text and textarea fields', property: namesTheField },
  money: { title: 'money fields', property: namesTheField },
  dates: { title: 'date fields', property: namesTheField },
  dateRanges: { title: 'date ranges', property: namesTheField },
  multiselects: { title: 'multiselect fields', property: namesTheField },
  emails: { title: 'e-mail fields', property: namesTheField },
  users: { title: 'user fields', property: namesTheField },
  conditional: { title: 'fields shown or required only under a condition', property: namesTheField },
  required: { title: 'required fields missing', property: namesTheField },
  idempotencyKeys: { title: 'Idempotency-Key headers', property: namesTheField },
  listQueries: { title: 'list query parameters', property: namesTheField },
  cursors: { title: 'list cursors', property: namesTheField },
  comments: { title: 'comment bodies', property: namesTheField },
  actions: { title: 'action bodies', property: namesTheField },
  assignees: { title: 'assignees', property: namesTheField },
  provideInfo: { title: 'provide_info forms', property: namesTheField },
  russian: { title: 'asked in Russian', property: inRussianToo },
} satisfies Kinds<KindCase & Held>;

type Kind = keyof typeof KINDS;

/**
 * A section of the table: a kind's name, then its cases, then the next kind's name, ... Keeps the
 * order of the cases (the order they are sent in); a case asked in Russian is of kind `russian`.
 */
function table(items: (Kind | Untagged)[]): BadCase[] {
  let kind: Kind | undefined;
  return items.flatMap((item) => {
    if (typeof item === 'string') {
      kind = item;
      return [];
    }
    if (!kind) throw new Error(`${item.name}: a case before any kind`);
    return [{ ...item, name: `${item.name} -> ${item.status}`, kind: item.ru ? 'russian' : kind }];
  });
}

/** A valid form for every service in the catalog (dates relative to today). */
const VALID: Record<string, Record<string, unknown>> = {
  vacation: { type: 'annual', period: { from: day(30), to: day(34) } },
  'sick-leave': { reason: 'own-illness', period: { from: day(-2), to: day(3) } },
  'employment-certificate': CERTIFICATE,
  'business-trip': {
    city: 'Kazan',
    period: { from: day(30), to: day(33) },
    budget: { amount: 50_000, currency: 'RUB' },
    goal: 'Client meeting',
  },
  'expense-refund': {
    amount: { amount: 1500, currency: 'RUB' },
    spentOn: day(-5),
    category: 'travel',
    description: 'Taxi',
    receiptsKept: true,
  },
  'payment-request': {
    counterparty: 'OOO Romashka',
    inn: '7701234567',
    invoiceNumber: 'INV-1',
    amount: { amount: 10_000 },
    dueDate: day(20),
    purpose: 'Office supplies',
  },
  'contract-review': {
    counterparty: 'Acme',
    contractType: 'supply',
    value: { amount: 100_000 },
    comments: 'Please review the liability clause',
  },
  nda: { counterparty: 'Acme', contactEmail: 'legal@acme.example', ndaType: 'mutual', purpose: 'Talks' },
  'access-request': { system: 'crm', accessLevel: ['read'], justification: 'New role' },
  equipment: { item: 'laptop', quantity: 1, justification: 'The old one broke' },
  software: {
    softwareName: 'Figma',
    licenseType: 'subscription',
    cost: { amount: 1200 },
    seats: 2,
    justification: 'Design work',
  },
  purchase: {
    item: 'Chairs',
    quantity: 10,
    amount: { amount: 50_000 },
    neededBy: day(30),
    justification: 'New office',
  },
  'office-pass': { passType: 'guest', guestName: 'John Smith', visitDate: day(5) },
  workplace: { requestType: 'move', location: 'Room 5', description: 'Move my desk' },
  courier: {
    recipient: 'Acme',
    address: 'Moscow, Tverskaya 1',
    phone: '+7 495 123-45-67',
    deliverBy: day(3),
    contents: 'Signed contract',
  },
};

const KIB = 1024;
const long = (n: number, char = 'a') => char.repeat(n);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const validBody = (serviceId: string) => ({ serviceId, fields: VALID[serviceId] });

// ---- builders -------------------------------------------------------------------------------

const submit = (name: string, body: unknown, expected: Expect): Untagged => ({
  route: 'POST /requests',
  name: `POST /requests: ${name}`,
  method: 'POST',
  path: '/requests',
  body,
  ...expected,
});

const submitRaw = (name: string, raw: string, expected: Expect): Untagged => ({
  route: 'POST /requests',
  name: `POST /requests: ${name}`,
  method: 'POST',
  path: '/requests',
  raw,
  ...expected,
});

/** The service's valid form with `patch` applied (an `undefined` value drops the field). */
const form = (serviceId: string, patch: Record<string, unknown>, fault: string, label: string) =>
  submit(
    `${serviceId} ${label}`,
    { serviceId, fields: { ...VALID[serviceId], ...patch } },
    {
      status: 400,
      field: `fields.${fault}`,
    },
  );

/** One field of a valid form set to a bad value. */
const field = (serviceId: string, id: string, value: unknown, label: string) =>
  form(serviceId, { [id]: value }, id, `${id} ${label}`);

/** The same case asked in Russian: the message (and the field's detail) must come back in Russian. */
const inRussian = (c: Untagged): Untagged => ({ ...c, name: `${c.name} (ru)`, ru: true });

/** One field of a valid form set to raw JSON text (numbers JSON.stringify cannot write, __proto__ keys). */
function fieldRaw(serviceId: string, id: string, rawValue: string, label: string): Untagged {
  const raw = JSON.stringify({ serviceId, fields: { ...VALID[serviceId], [id]: '@@RAW@@' } }).replace(
    '"@@RAW@@"',
    rawValue,
  );
  return submitRaw(`${serviceId} ${id} ${label}`, raw, { status: 400, field: `fields.${id}` });
}

const list = (name: string, query: string, expected: Expect): Untagged => ({
  route: 'GET /requests',
  name: `GET /requests${query.length > 60 ? `${query.slice(0, 60)}...` : query} (${name})`,
  method: 'GET',
  path: `/requests${query}`,
  ...expected,
});

const cursor = (name: string, value: string, extra: Partial<Expect> & { query?: string } = {}) =>
  list(`cursor ${name}`, `?${extra.query ?? 'view=mine'}&cursor=${encodeURIComponent(value)}`, {
    status: 400,
    field: 'query.cursor',
    ...extra,
  });

const detail = (name: string, id: string, expected: Expect = { status: 404 }): Untagged => ({
  route: 'GET /requests/{id}',
  name: `GET /requests/{id}: ${name}`,
  method: 'GET',
  path: `/requests/${id}`,
  ...expected,
});

const comment = (name: string, body: unknown, expected: Expect, path = '/requests/{open}/comments'): Untagged => ({
  route: 'POST /requests/{id}/comments',
  name: `POST comments: ${name}`,
  method: 'POST',
  path,
  body,
  ...expected,
});

const commentRaw = (name: string, raw: string, expected: Expect): Untagged => ({
  ...comment(name, undefined, expected),
  raw,
});

const action = (name: string, body: unknown, expected: Expect, path = '/requests/{open}/actions'): Untagged => ({
  route: 'POST /requests/{id}/actions',
  name: `POST actions: ${name}`,
  method: 'POST',
  path,
  body,
  ...expected,
});

const actionRaw = (name: string, raw: string, expected: Expect, path = '/requests/{open}/actions'): Untagged => ({
  ...action(name, undefined, expected, path),
  raw,
});

/** Requester actions use `close` on an in-progress request: harmless (409) even if validation were skipped. */
const requesterAction = (name: string, patch: Record<string, unknown>, fault: string, ru = false) =>
  action(name, { type: 'close', ...patch }, { status: 400, field: fault, ru });

const provideInfo = (name: string, fields: unknown, fault: string) =>
  action(
    `provide_info ${name}`,
    { type: 'provide_info', fields },
    { status: 400, field: fault },
    '/requests/{waiting}/actions',
  );

const assign = (name: string, assigneeId: unknown) =>
  action(`assign ${name}`, { type: 'assign', assigneeId }, { status: 400, field: 'assigneeId', as: HR_AGENT });

const service = (name: string, id: string, ru = false): Untagged => ({
  route: 'GET /services/{serviceId}',
  name: `GET /services/{id}: ${name}`,
  method: 'GET',
  path: `/services/${id}`,
  status: 404,
  ru,
});

// ---- the cases ------------------------------------------------------------------------------

/** Everything the server owns or stores internally: a client naming it gets a 400 naming it back. */
const SERVER_OWNED: [string, unknown][] = [
  ['id', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
  ['status', 'closed'],
  ['assigneeId', 'maria.ivanova'],
  ['assigneeName', 'Мария Иванова'],
  ['requesterId', 'olga.smirnova'],
  ['requesterName', 'Admin'],
  ['approvals', []],
  ['version', 7],
  // Server-owned timestamps a client tries to set: any instant will do, each must be refused.
  ['createdAt', '2020-01-01T00:00:00.000Z'],
  ['updatedAt', '2020-01-01T00:00:00.000Z'],
  ['resolvedAt', '2020-01-01T00:00:00.000Z'],
  ['sla', { breached: false }],
  ['team', 'it'],
  ['history', []],
  ['serviceTitle', 'Anything'],
  ['lastSeq', 0],
  ['resumeStatus', 'in_progress'],
  ['pk', 'REQ#x'],
  ['gsi1pk', 'REQUESTER#olga.smirnova'],
];

const REQUEST_BODY_CASES: BadCase[] = table([
  'envelope',
  submitRaw('malformed JSON (ru)', '{"serviceId":', { status: 400, ru: true }),
  submitRaw('non-object body (ru)', '[1,2,3]', { status: 400, ru: true }),
  'topLevelKeys',
  submit(
    'unknown top-level field',
    { ...validBody('employment-certificate'), priority: 'high' },
    {
      status: 400,
      field: 'priority',
    },
  ),
  submit(
    'unknown top-level field "where"',
    { ...validBody('employment-certificate'), where: { $ne: null } },
    {
      status: 400,
      field: 'where',
    },
  ),
  ...SERVER_OWNED.map(([name, value]) =>
    submit(
      `server-owned field ${name}`,
      { ...validBody('employment-certificate'), [name]: value },
      {
        status: 400,
        field: name,
      },
    ),
  ),
  submit(
    'server-owned status (ru)',
    { ...validBody('employment-certificate'), status: 'resolved' },
    {
      status: 400,
      field: 'status',
      ru: true,
    },
  ),
  'envelope',
  submit('serviceId missing', { fields: CERTIFICATE }, { status: 400, field: 'serviceId' }),
  submit('fields missing', { serviceId: 'employment-certificate' }, { status: 400, field: 'fields' }),
  submit('serviceId a number', { serviceId: 42, fields: CERTIFICATE }, { status: 400, field: 'serviceId' }),
  submit('serviceId empty', { serviceId: '', fields: CERTIFICATE }, { status: 400, field: 'serviceId' }),
  submit('serviceId 65 chars', { serviceId: long(65), fields: CERTIFICATE }, { status: 400, field: 'serviceId' }),
  submit('serviceId unknown', { serviceId: 'no-such-service', fields: {} }, { status: 400, field: 'serviceId' }),
  submit(
    'serviceId unknown (ru)',
    { serviceId: 'no-such-service', fields: {} },
    {
      status: 400,
      field: 'serviceId',
      ru: true,
    },
  ),
  submit('serviceId __proto__', { serviceId: '__proto__', fields: {} }, { status: 400, field: 'serviceId' }),
  submit('serviceId constructor', { serviceId: 'constructor', fields: {} }, { status: 400, field: 'serviceId' }),
  submit('serviceId path traversal', { serviceId: '../catalog/hr', fields: {} }, { status: 400, field: 'serviceId' }),
  submit('serviceId as NoSQL operator', { serviceId: { $ne: null }, fields: {} }, { status: 400, field: 'serviceId' }),
  submit(
    'fields an array',
    { serviceId: 'employment-certificate', fields: [CERTIFICATE] },
    {
      status: 400,
      field: 'fields',
    },
  ),
  submit(
    'fields a string',
    { serviceId: 'employment-certificate', fields: 'purpose=bank' },
    {
      status: 400,
      field: 'fields',
    },
  ),
  submit('fields null', { serviceId: 'employment-certificate', fields: null }, { status: 400, field: 'fields' }),
  submit(
    'all required fields missing',
    { serviceId: 'employment-certificate', fields: {} },
    {
      status: 400,
      field: 'fields.purpose',
    },
  ),
  submit(
    'body over 256 KiB (ru)',
    { serviceId: 'employment-certificate', fields: { note: long(300 * KIB) } },
    {
      status: 413,
      ru: true,
    },
  ),
]);

const PROTOTYPE_CASES: BadCase[] = table([
  'prototypeKeys',
  submitRaw(
    '__proto__ at top level',
    `{"serviceId":"employment-certificate","fields":{},"__proto__":{"status":"closed"}}`,
    {
      status: 400,
      field: '__proto__',
    },
  ),
  submit(
    'constructor at top level',
    { ...validBody('employment-certificate'), constructor: { prototype: {} } },
    {
      status: 400,
      field: 'constructor',
    },
  ),
  submit(
    'prototype at top level',
    { ...validBody('employment-certificate'), prototype: {} },
    {
      status: 400,
      field: 'prototype',
    },
  ),
  fieldRaw('employment-certificate', '__proto__', '{"isAdmin":true}', 'key in an otherwise valid form'),
  fieldRaw('employment-certificate', '__proto__', 'null', 'key set to null in an otherwise valid form'),
  form('employment-certificate', { constructor: { prototype: { polluted: true } } }, 'constructor', 'constructor key'),
  form('employment-certificate', { prototype: 1 }, 'prototype', 'prototype key'),
  form('employment-certificate', { hasOwnProperty: 1 }, 'hasOwnProperty', 'hasOwnProperty key'),
  submitRaw(
    'employment-certificate copies smuggled in via __proto__',
    `{"serviceId":"employment-certificate","fields":{"purpose":"bank","language":"ru","delivery":"email","__proto__":{"copies":2}}}`,
    { status: 400, field: 'fields.__proto__' },
  ),
  inRussian(
    submitRaw('__proto__ at top level', `{"serviceId":"employment-certificate","fields":{},"__proto__":{}}`, {
      status: 400,
      field: '__proto__',
    }),
  ),
]);

const FORM_CASES: BadCase[] = table([
  'formKeys',
  form('employment-certificate', { foo: 'bar' }, 'foo', 'unknown form field'),
  form('employment-certificate', { status: 'closed' }, 'status', 'server-owned name as a form field'),
  form('employment-certificate', { [long(65, 'k')]: 1 }, long(65, 'k'), 'form field key over 64 chars'),
  'numbers', // integer 1..5
  field('employment-certificate', 'copies', '2', 'as a string'),
  inRussian(field('employment-certificate', 'copies', '2', 'as a string')),
  field('employment-certificate', 'copies', 2.5, 'a fraction'),
  field('employment-certificate', 'copies', 0, 'below min'),
  field('employment-certificate', 'copies', 6, 'above max'),
  field('employment-certificate', 'copies', -1, 'negative'),
  field('employment-certificate', 'copies', true, 'a boolean'),
  field('employment-certificate', 'copies', [2], 'an array'),
  field('employment-certificate', 'copies', { value: 2 }, 'an object'),
  field('employment-certificate', 'copies', 1e308, 'huge finite'),
  fieldRaw('employment-certificate', 'copies', '9007199254740993', 'beyond safe integers'),
  fieldRaw('employment-certificate', 'copies', '1e309', '1e309 (Infinity)'),
  fieldRaw('employment-certificate', 'copies', '-1e309', '-1e309 (-Infinity)'),
  field('employment-certificate', 'copies', null, 'null (required)'),
  field('employment-certificate', 'copies', undefined, 'missing (required)'),
  field('equipment', 'quantity', 11, 'above max'),
  field('equipment', 'quantity', '1', 'as a string'),
  field('software', 'seats', 501, 'above max'),
  field('software', 'seats', 0, 'below min'),
  'selects',
  field('employment-certificate', 'purpose', 'pension', 'not an option'),
  field('employment-certificate', 'purpose', 'BANK', 'option in another case'),
  field('employment-certificate', 'purpose', 1, 'a number'),
  field('employment-certificate', 'purpose', ['bank'], 'an array'),
  field('employment-certificate', 'purpose', undefined, 'missing (required)'),
  field('employment-certificate', 'language', 'de', 'not an option'),
  field('employment-certificate', 'delivery', '', 'empty (required)'),
  field('nda', 'ndaType', 'triangular', 'not an option'),
  field('vacation', 'type', 'sabbatical', 'not an option'),
  field('access-request', 'system', 'root', 'not an option'),
  'checkboxes',
  field('employment-certificate', 'includeSalary', 'true', "the string 'true'"),
  field('employment-certificate', 'includeSalary', 1, 'a number'),
  field('sick-leave', 'certificateWillFollow', 'yes', "the string 'yes'"),
  field('expense-refund', 'receiptsKept', false, 'false where it must be checked'),
  field('expense-refund', 'receiptsKept', 'true', "the string 'true'"),
  field('nda', 'counterpartyDraft', 'true', "the string 'true'"),
  'texts',
  field('business-trip', 'city', long(101), 'over maxLength'),
  field('business-trip', 'city', long(100_000), '100k characters'),
  field('business-trip', 'city', 42, 'a number'),
  field('business-trip', 'city', { $gt: '' }, 'a NoSQL operator object'),
  field('business-trip', 'city', '   ', 'whitespace only (required)'),
  field('business-trip', 'goal', ' \n\t ', 'whitespace-only textarea (required)'),
  field('sick-leave', 'certificateNumber', 'abcdefghijkl', 'not digits (pattern)'),
  field('sick-leave', 'certificateNumber', '12345', 'too few digits (pattern)'),
  field('sick-leave', 'certificateNumber', '1234567890123', 'over maxLength'),
  field('payment-request', 'inn', '123', 'under minLength'),
  field('payment-request', 'inn', '12345678901', '11 digits (pattern)'),
  field('payment-request', 'inn', "1' OR '1'='1", 'SQL injection (pattern)'),
  field('courier', 'phone', 'call me maybe', 'not a phone (pattern)'),
  field('payment-request', 'counterparty', long(301), 'over maxLength'),
  field('business-trip', 'goal', long(2001), 'over maxLength'),
  field('business-trip', 'goal', ['a'], 'an array'),
  field('expense-refund', 'description', long(2001, 'я'), 'over maxLength in Cyrillic'),
  'money',
  field('business-trip', 'budget', { amount: -1 }, 'negative amount'),
  field('business-trip', 'budget', { amount: 3_000_001 }, 'above max'),
  field('business-trip', 'budget', { amount: 1.005 }, 'three decimals'),
  field('business-trip', 'budget', { amount: 100, currency: 'USD' }, 'currency not allowed'),
  field('business-trip', 'budget', { amount: 100, currency: 'rub' }, 'currency in lower case'),
  field('business-trip', 'budget', { amount: 100, currency: 5 }, 'currency a number'),
  field('business-trip', 'budget', { currency: 'RUB' }, 'amount missing'),
  field('business-trip', 'budget', { amount: 100, currency: 'RUB', fx: 1 }, 'extra key'),
  field('business-trip', 'budget', 1500, 'a bare number'),
  field('business-trip', 'budget', '1500', 'a string'),
  field('business-trip', 'budget', [1500], 'an array'),
  field('business-trip', 'budget', { amount: '1500' }, 'amount as a string'),
  field('business-trip', 'budget', { amount: null }, 'amount null'),
  fieldRaw('business-trip', 'budget', '{"amount":1e309}', 'amount 1e309'),
  field('contract-review', 'value', { amount: -5 }, 'negative amount'),
  field('expense-refund', 'amount', { amount: 1_000_001 }, 'above max'),
  'dates',
  field('expense-refund', 'spentOn', '2026-02-30', 'impossible date'),
  field('expense-refund', 'spentOn', '2026-13-01', 'month 13'),
  field('expense-refund', 'spentOn', '26-01-10', 'two-digit year'),
  field('expense-refund', 'spentOn', '2026/01/10', 'slashes'),
  field('expense-refund', 'spentOn', '2026-1-5', 'no zero padding'),
  field('expense-refund', 'spentOn', '2026-01-10T00:00:00Z', 'a timestamp'), // a format case: any instant
  field('expense-refund', 'spentOn', 20260110, 'a number'),
  field('expense-refund', 'spentOn', 'yesterday', 'a word'),
  field('expense-refund', 'spentOn', '', 'empty (required)'),
  field('purchase', 'neededBy', day(-3), 'in the past (notInPast)'),
  inRussian(field('purchase', 'neededBy', day(-3), 'in the past (notInPast)')),
  field('payment-request', 'dueDate', day(-3), 'in the past (notInPast)'),
  field('courier', 'deliverBy', day(-3), 'in the past (notInPast)'),
  field('access-request', 'validUntil', day(-3), 'in the past (notInPast)'),
  field('office-pass', 'visitDate', day(-3), 'in the past (notInPast)'),
  'dateRanges',
  field('vacation', 'period', { from: day(34), to: day(30) }, 'reversed'),
  field('vacation', 'period', { from: day(30), to: day(60) }, 'longer than maxDays'),
  field('vacation', 'period', { from: day(30) }, 'to missing'),
  field('vacation', 'period', { to: day(30) }, 'from missing'),
  field('vacation', 'period', { from: day(30), to: day(31), days: 2 }, 'extra key'),
  field('vacation', 'period', `${day(30)}..${day(31)}`, 'a string'),
  field('vacation', 'period', [day(30), day(31)], 'an array'),
  field('vacation', 'period', { from: day(-3), to: day(2) }, 'starts in the past (notInPast)'),
  field('vacation', 'period', { from: day(30), to: '2027-02-30' }, 'impossible end date'),
  field('sick-leave', 'period', { from: day(-2), to: day(130) }, 'longer than maxDays'),
  'multiselects',
  field('access-request', 'accessLevel', ['read', 'read'], 'duplicates'),
  field('access-request', 'accessLevel', 'read', 'not an array'),
  field('access-request', 'accessLevel', ['root'], 'unknown option'),
  field('access-request', 'accessLevel', [], 'empty (required)'),
  field('access-request', 'accessLevel', [1], 'a number item'),
  field('access-request', 'accessLevel', [['read']], 'a nested array'),
  field('contract-review', 'riskAreas', ['ip', 'ip'], 'duplicates'),
  'emails',
  field('nda', 'contactEmail', 'not-an-email', 'no @'),
  field('nda', 'contactEmail', 'a@b', 'no domain dot'),
  field('nda', 'contactEmail', '@acme.example', 'no local part'),
  field('nda', 'contactEmail', 'a b@acme.example', 'a space'),
  field('nda', 'contactEmail', 'a@b.c', 'one-letter top-level domain'),
  field('nda', 'contactEmail', `${long(250)}@acme.example`, 'over 254 characters'),
  field('nda', 'contactEmail', 'x@y.example\r\nBcc: victim@example.com', 'header injection'),
  field('nda', 'contactEmail', 123, 'a number'),
  'users',
  field('vacation', 'deputy', 'no.such.user', 'unknown id'),
  field('vacation', 'deputy', 'IVAN.SIDOROV', 'known id in upper case'),
  field('vacation', 'deputy', 42, 'a number'),
  field('vacation', 'deputy', '../ivan.sidorov', 'path traversal'),
  field('access-request', 'forUser', 'USER#ivan.sidorov', 'a storage key'),
  form(
    'office-pass',
    { passType: 'permanent', guestName: undefined, visitDate: undefined, employee: 'nobody' },
    'employee',
    'employee unknown id',
  ),
  'conditional', // showIf: hidden fields supplied, conditionally required fields missing
  field('employment-certificate', 'purposeOther', 'for the embassy', 'supplied while hidden'),
  inRussian(field('employment-certificate', 'purposeOther', 'for the embassy', 'supplied while hidden')),
  form('employment-certificate', { purpose: 'other' }, 'purposeOther', 'purposeOther missing when purpose=other'),
  form(
    'office-pass',
    { passType: 'permanent', visitDate: undefined },
    'guestName',
    'guestName supplied for a permanent pass',
  ),
  form('office-pass', { guestName: undefined }, 'guestName', 'guestName missing for a guest pass'),
  form('office-pass', { visitDate: undefined }, 'visitDate', 'visitDate missing for a guest pass'),
  form(
    'nda',
    { counterpartyDraft: false, draftNotes: 'ours' },
    'draftNotes',
    'draftNotes while counterpartyDraft=false',
  ),
  form('nda', { draftNotes: 'ours' }, 'draftNotes', 'draftNotes without counterpartyDraft'),
  form('software', { licenseType: 'free' }, 'cost', 'cost supplied for a free licence'),
  form('software', { cost: undefined }, 'cost', 'cost missing for a subscription'),
  form('workplace', { startDate: day(10) }, 'startDate', 'startDate supplied for a move'),
  form('workplace', { requestType: 'new-desk' }, 'startDate', 'startDate missing for a new desk'),
  form('vacation', { type: 'study' }, 'institution', 'institution missing for study leave'),
  form('vacation', { type: 'study', institution: long(301) }, 'institution', 'institution over maxLength'),
  form('equipment', { item: 'other' }, 'itemOther', 'itemOther missing when item=other'),
  'required', // one per service
  field('courier', 'contents', undefined, 'missing (required)'),
  field('purchase', 'justification', undefined, 'missing (required)'),
  field('payment-request', 'invoiceNumber', undefined, 'missing (required)'),
  field('contract-review', 'comments', undefined, 'missing (required)'),
  'texts',
  field('contract-review', 'comments', 'see \u0000 clause 4', 'with a NUL byte'),
  field('contract-review', 'comments', 'clause \ud83d 4', 'with half an emoji (lone surrogate)'),
  'required',
  field('sick-leave', 'reason', undefined, 'missing (required)'),
]);

const IDEMPOTENCY_CASES: BadCase[] = table([
  'idempotencyKeys',
  submit('Idempotency-Key of 129 characters', validBody('employment-certificate'), {
    status: 400,
    field: 'Idempotency-Key',
    headers: { 'idempotency-key': long(129, 'k') },
  }),
  submit('Idempotency-Key empty', validBody('employment-certificate'), {
    status: 400,
    field: 'Idempotency-Key',
    headers: { 'idempotency-key': '' },
  }),
  submit('Idempotency-Key of 129 characters (ru)', validBody('employment-certificate'), {
    status: 400,
    field: 'Idempotency-Key',
    headers: { 'idempotency-key': long(129, 'k') },
    ru: true,
  }),
]);

const LIST_CASES: BadCase[] = table([
  'listQueries',
  list('unknown view', '?view=foo', { status: 400, field: 'query.view' }),
  list('view in upper case', '?view=ALL', { status: 400, field: 'query.view' }),
  list('empty view', '?view=', { status: 400, field: 'query.view' }),
  list('SQL-ish view', `?view=${encodeURIComponent("mine' OR 1=1--")}`, { status: 400, field: 'query.view' }),
  list('array-style view', '?view[]=mine', { status: 400, field: 'query.view[]' }),
  list('NoSQL operator in the query', '?status[$ne]=closed', { status: 400, field: 'query.status[$ne]' }),
  list('limit 0', '?limit=0', { status: 400, field: 'query.limit' }),
  list('limit 0 (ru)', '?limit=0', { status: 400, field: 'query.limit', ru: true }),
  list('limit 101', '?limit=101', { status: 400, field: 'query.limit' }),
  list('limit abc', '?limit=abc', { status: 400, field: 'query.limit' }),
  list('limit -1', '?limit=-1', { status: 400, field: 'query.limit' }),
  list('limit 1.5', '?limit=1.5', { status: 400, field: 'query.limit' }),
  list('limit empty', '?limit=', { status: 400, field: 'query.limit' }),
  list('limit 1e3', '?limit=1e3', { status: 400, field: 'query.limit' }),
  list('limit huge', '?limit=99999999999999999999', { status: 400, field: 'query.limit' }),
  list('limit Infinity', '?limit=Infinity', { status: 400, field: 'query.limit' }),
  list('limit given twice', '?limit=1&limit=2', { status: 400, field: 'query.limit' }),
  list('unknown status', '?status=bogus', { status: 400, field: 'query.status' }),
  list('status in upper case', '?status=IN_PROGRESS', { status: 400, field: 'query.status' }),
  list('serviceId of 65 chars', `?serviceId=${long(65)}`, { status: 400, field: 'query.serviceId' }),
  list('unknown query parameter', '?foo=1', { status: 400, field: 'query.foo' }),
  list('queue of a team the caller is not in', '?view=queue&team=hr', { status: 400, field: 'query.team' }),
  'cursors',
  cursor('garbage', '!!!!'),
  cursor('garbage (ru)', '!!!!', { ru: true }),
  cursor('base64 of non-JSON', Buffer.from('not json').toString('base64url')),
  cursor('empty JSON object', b64({})),
  cursor('JSON array', b64([1, 2])),
  cursor('JSON string', b64('REQUESTER#ivan.sidorov')),
  cursor(
    'forged for another requester',
    b64({ pk: 'REQ#x', sk: 'META', gsi1pk: 'REQUESTER#james.wilson', gsi1sk: 'x' }),
  ),
  cursor(
    'of the admins-only list used on view=mine',
    b64({ pk: 'REQ#x', sk: 'META', gsi3pk: 'REQUESTS', gsi3sk: 'x' }),
  ),
  cursor(
    'of the own requests list used on view=queue',
    b64({ pk: 'REQ#x', sk: 'META', gsi1pk: 'REQUESTER#maria.ivanova', gsi1sk: 'x' }),
    {
      query: 'view=queue',
      as: HR_AGENT,
    },
  ),
  cursor('of another team queue', b64({ pk: 'REQ#x', sk: 'META', gsi2pk: 'QUEUE#it', gsi2sk: 'x' }), {
    query: 'view=queue',
    as: HR_AGENT,
  }),
  cursor(
    'with an extra key',
    b64({ pk: 'REQ#x', sk: 'META', gsi1pk: 'REQUESTER#ivan.sidorov', gsi1sk: 'x', extra: 'y' }),
  ),
  cursor('with number values', b64({ pk: 1, sk: 2, gsi1pk: 'REQUESTER#ivan.sidorov', gsi1sk: 3 })),
  cursor('with operator objects', b64({ pk: { $gt: '' }, sk: 'META', gsi1pk: 'REQUESTER#ivan.sidorov', gsi1sk: 'x' })),
  cursor('with empty key values', b64({ pk: '', sk: '', gsi1pk: 'REQUESTER#ivan.sidorov', gsi1sk: '' })),
  cursor('of 3000 characters', long(3000, 'A')),
]);

const DETAIL_CASES: BadCase[] = table([
  'russian',
  detail('unknown id (ru)', '01ARZ3NDEKTSV4RRFFQ69G5FAV', { status: 404, ru: true }),
]);

const COMMENT_CASES: BadCase[] = table([
  'comments',
  comment('text empty', { text: '' }, { status: 400, field: 'text' }),
  comment('text empty (ru)', { text: '' }, { status: 400, field: 'text', ru: true }),
  comment('text whitespace only', { text: ' \n\t ' }, { status: 400, field: 'text' }),
  comment('text a number', { text: 42 }, { status: 400, field: 'text' }),
  comment('text null', { text: null }, { status: 400, field: 'text' }),
  comment('text an array', { text: ['hi'] }, { status: 400, field: 'text' }),
  comment('text over 10 000 chars', { text: long(10_001) }, { status: 400, field: 'text' }),
  comment('text missing', { internal: false }, { status: 400, field: 'text' }),
  comment('internal as a string', { text: 'hi', internal: 'true' }, { status: 400, field: 'internal' }),
  comment('internal as a number', { text: 'hi', internal: 1 }, { status: 400, field: 'internal' }),
  comment('unknown field', { text: 'hi', pinned: true }, { status: 400, field: 'pinned' }),
  comment('spoofed author', { text: 'hi', actorId: 'olga.smirnova' }, { status: 400, field: 'actorId' }),
  comment('spoofed seq', { text: 'hi', seq: 1 }, { status: 400, field: 'seq' }),
  commentRaw('__proto__ key', '{"text":"hi","__proto__":{"internal":true}}', { status: 400, field: '__proto__' }),
  // Text DynamoDB (UTF-8) cannot store, and control characters nobody types: refused with the field named.
  comment('text with a NUL byte', { text: 'hi\u0000there' }, { status: 400, field: 'text' }),
  comment('text with a lone high surrogate', { text: 'broken \ud800 text' }, { status: 400, field: 'text' }),
  comment('text with a lone low surrogate', { text: '\udc00' }, { status: 400, field: 'text' }),
  comment('text with an escape character', { text: 'colour \u001b[31mred' }, { status: 400, field: 'text' }),
  commentRaw('a key with a control character', '{"text":"hi","\\u0007":1}', { status: 400, field: '\u0007' }),
  'idempotencyKeys',
  comment(
    'Idempotency-Key of 129 characters',
    { text: 'hi' },
    {
      status: 400,
      field: 'Idempotency-Key',
      headers: { 'idempotency-key': long(129, 'k') },
    },
  ),
]);

const ACTION_CASES: BadCase[] = table([
  'actions',
  requesterAction('unknown type approve', { type: 'approve' }, 'type'),
  requesterAction('unknown type delete', { type: 'delete' }, 'type'),
  requesterAction('unknown type (ru)', { type: 'delete' }, 'type', true),
  requesterAction('type empty', { type: '' }, 'type'),
  requesterAction('type in upper case', { type: 'CLOSE' }, 'type'),
  requesterAction('type a number', { type: 1 }, 'type'),
  requesterAction('type null', { type: null }, 'type'),
  requesterAction('type an array', { type: ['close'] }, 'type'),
  action('type missing', { comment: 'hi' }, { status: 400, field: 'type' }),
  requesterAction('version negative', { version: -1 }, 'version'),
  requesterAction('version zero', { version: 0 }, 'version'),
  requesterAction('version a string', { version: '1' }, 'version'),
  requesterAction('version a float', { version: 1.5 }, 'version'),
  requesterAction('version null', { version: null }, 'version'),
  requesterAction('version a boolean', { version: true }, 'version'),
  requesterAction('version a string (ru)', { version: 'one' }, 'version', true),
  actionRaw('version 1e309', '{"type":"close","version":1e309}', { status: 400, field: 'version' }),
  action('version stale (999)', { type: 'close', version: 999 }, { status: 409, field: 'version' }),
  requesterAction('comment over 10 000 chars', { comment: long(10_001) }, 'comment'),
  requesterAction('comment a number', { comment: 42 }, 'comment'),
  requesterAction('server-owned status', { status: 'closed' }, 'status'),
  requesterAction('server-owned requesterId', { requesterId: 'olga.smirnova' }, 'requesterId'),
  requesterAction('server-owned assigneeName', { assigneeName: 'x' }, 'assigneeName'),
  requesterAction('fields an array', { fields: [] }, 'fields'),
  requesterAction('fields a string', { fields: 'copies=3' }, 'fields'),
  actionRaw('__proto__ key', '{"type":"close","__proto__":{"type":"resolve"}}', { status: 400, field: '__proto__' }),
  actionRaw('malformed JSON (ru)', '{"type":', { status: 400, ru: true }),
  'idempotencyKeys',
  action(
    'Idempotency-Key of 129 characters',
    { type: 'close' },
    {
      status: 400,
      field: 'Idempotency-Key',
      headers: { 'idempotency-key': long(129, 'k') },
    },
  ),
  'assignees',
  assign('assigneeId of another team', 'pavel.sokolov'),
  assign('assigneeId unknown', 'no.such.user'),
  assign('assigneeId the requester', 'ivan.sidorov'),
  assign('assigneeId an admin outside the team', 'olga.smirnova'),
  assign('assigneeId empty', ''),
  assign('assigneeId of 129 chars', long(129)),
  assign('assigneeId a number', 7),
  assign('assigneeId missing', undefined),
  'provideInfo',
  provideInfo('copies above max', { copies: 99 }, 'fields.copies'),
  provideInfo('copies as a string', { copies: '3' }, 'fields.copies'),
  provideInfo('unknown form field', { foo: 1 }, 'fields.foo'),
  provideInfo('select not an option', { purpose: 'pension' }, 'fields.purpose'),
  provideInfo('required field nulled', { language: null }, 'fields.language'),
  provideInfo('form field key over 64 chars', { [long(65, 'k')]: 1 }, `fields.${long(65, 'k')}`),
  actionRaw(
    'provide_info __proto__ inside fields',
    '{"type":"provide_info","fields":{"__proto__":{"copies":5}}}',
    { status: 400, field: 'fields.__proto__' },
    '/requests/{waiting}/actions',
  ),
  // These would change the request if validation failed to stop them, so they are sent last.
  'actions',
  action('request_info without a comment', { type: 'request_info' }, { status: 400, field: 'comment', as: HR_AGENT }),
  action(
    'request_info with a blank comment',
    { type: 'request_info', comment: '   ' },
    {
      status: 400,
      field: 'comment',
      as: HR_AGENT,
    },
  ),
  action(
    'resolve with a blank comment',
    { type: 'resolve', comment: ' \n ' },
    { status: 400, field: 'comment', as: HR_AGENT },
  ),
]);

const SERVICE_CASES: BadCase[] = table(['russian', service('unknown (ru)', 'no-such-service', true)]);

const CASES: BadCase[] = [
  ...REQUEST_BODY_CASES,
  ...PROTOTYPE_CASES,
  ...FORM_CASES,
  ...IDEMPOTENCY_CASES,
  ...LIST_CASES,
  ...DETAIL_CASES,
  ...COMMENT_CASES,
  ...ACTION_CASES,
  ...SERVICE_CASES,
];

// ---- running them ---------------------------------------------------------------------------

/**
 * The budget for the fixtures and every case, sent one after another. Measured on 2 cores: 5 to 9 s
 * alone, 13 s with both cores kept busy by other processes. A loaded CI machine gets four times the
 * time alone.
 */
const SENDING_ALONE_MS = 10_000;
const SENDING_BUDGET_MS = 4 * SENDING_ALONE_MS;

const placeholders: Record<string, string> = {};
const resolve = (text: string) => text.replace(/\{(open|waiting)\}/g, (m, name: string) => placeholders[name] ?? m);

async function send(c: BadCase) {
  const headers = Object.fromEntries(
    Object.entries({ 'accept-language': c.ru ? 'ru' : 'en', ...c.headers }).map(([k, v]) => [k, resolve(v)]),
  );
  return call(c.method, resolve(c.path), c.body, { token: await tokenFor(c.as ?? REQUESTER), headers, raw: c.raw });
}

const outcomes = new Map<string, Outcome>();

/** The case's answer is its contract 4xx, naming the field at fault, in Russian if asked. */
function judge(c: BadCase) {
  const outcome = outcomes.get(c.name);
  if (outcome === undefined) throw new Error('not sent (sending did not finish)');
  if (outcome instanceof Error) throw outcome;
  expectError(outcome, { status: c.status, code: CODE_FOR[c.status], field: c.field, ru: c.ru });
}

describe('bad input, answered with the field at fault', () => {
  beforeAll(async () => {
    placeholders.open = await certificateRequest('in_progress');
    placeholders.waiting = await certificateRequest('waiting_for_requester');
    // One at a time and in table order: the last cases would change {open} if validation let them by.
    for (const c of CASES) outcomes.set(c.name, await send(c).catch((error: unknown) => error as Error));
  }, SENDING_BUDGET_MS);

  afterAll(() => {
    console.log(summaryLine('bad input', CASES, KINDS, outcomes));
  });

  // One test per kind, named with its case count; a failure lists every failing case of the kind.
  itPerKind(CASES, KINDS, judge);

  it('the table: at least 150 distinct cases, on every authenticated route it is about', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.name)).size, 'case names are unique').toBe(CASES.length);
    expect([...new Set(CASES.map((c) => c.route))].sort()).toEqual([
      'GET /requests',
      'GET /requests/{id}',
      'GET /services/{serviceId}',
      'POST /requests',
      'POST /requests/{id}/actions',
      'POST /requests/{id}/comments',
    ]);
  });
});

describe('controls: valid input is accepted, so the rejections above are about the fault alone', () => {
  it.each(Object.keys(VALID))('POST /requests with a valid %s form -> 201', async (serviceId) => {
    const response = await call('POST', '/requests', validBody(serviceId), { token: await tokenFor(REQUESTER) });
    expect(response.status, response.text).toBe(201);
    expectNoLeak(response);
  });

  it.each([19.99, 0.07, 1.1, 1500.1, 2999999.99])('money with two decimals (%s) -> 201', async (amount) => {
    const body = {
      serviceId: 'business-trip',
      fields: { ...VALID['business-trip'], budget: { amount, currency: 'RUB' } },
    };
    const response = await call('POST', '/requests', body, { token: await tokenFor(REQUESTER) });
    expect(response.status, response.text).toBe(201);
    expect(response.body.fields.budget).toEqual({ amount, currency: 'RUB' });
  });

  it('text with emoji, tabs, line breaks and Cyrillic (well-formed Unicode) -> 201', async () => {
    const text = 'Спасибо 👍🏽\tготово\r\nThanks — 東京 ✓';
    const response = await call(
      'POST',
      `/requests/${placeholders.open}/comments`,
      { text },
      {
        token: await tokenFor(REQUESTER),
      },
    );
    expect(response.status, response.text).toBe(201);
    expect(response.body.comment).toBe(text);
  });
});
