/**
 * The API operations the benchmark measures. Each one prepares, outside the measured window, the
 * calls it will make (one per iteration, warm-up included): requests already in the status the
 * action needs, idempotency keys already used, a request with a history of 8 events, ...
 * Operations are data: new groups (e.g. workflow transitions) add entries of the same shape.
 */
import type { ApiCall, ApiClient } from './api-client';
import { READ_BUDGET, REPLAY_BUDGET, WRITE_BUDGET, type Budget } from './budget';

export interface BenchContext {
  api: ApiClient;
  /** Unique per run: keeps idempotency keys apart across runs against a persistent table. */
  runId: string;
  /** How many setup calls may run at once (setup is not measured). */
  setupConcurrency: number;
}

export interface BenchOperation {
  /** Report name, e.g. `POST /requests/{id}/actions take`. */
  name: string;
  group: string;
  budget: Budget;
  /** The calls to measure, one per iteration, in order. */
  prepare(ctx: BenchContext, count: number): Promise<ApiCall[]>;
}

// --- the demo cast (catalog/directory.ts) -------------------------------------------------------
export const USERS = {
  employee: 'ivan.sidorov',
  agent: 'maria.ivanova',
  /** Another HR agent, the target of `assign`. */
  otherAgent: 'ekaterina.fedorova',
  admin: 'olga.smirnova',
} as const;

const SERVICE_ID = 'employment-certificate';
const CERTIFICATE = { purpose: 'bank', copies: 2, language: 'ru', delivery: 'email' };
const SUBMIT_BODY = { serviceId: SERVICE_ID, fields: CERTIFICATE };

// --- setup helpers -------------------------------------------------------------------------------

/** Runs `task(i)` for i in 0..count-1, at most `concurrency` at a time, results in order. */
export async function inPool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

const submitCall = (headers?: Record<string, string>): ApiCall => ({
  as: USERS.employee,
  method: 'POST',
  path: '/requests',
  body: SUBMIT_BODY,
  headers,
  expect: 201,
});

const actionCall = (as: string, id: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  ({ as, method: 'POST', path: `/requests/${id}/actions`, body, headers, expect: 200 }) satisfies ApiCall;

const commentCall = (as: string, id: string, body: { text: string; internal?: boolean }): ApiCall => ({
  as,
  method: 'POST',
  path: `/requests/${id}/comments`,
  body,
  expect: 201,
});

const TAKE = actionCall(USERS.agent, ':id', { type: 'take' });
const ASK = actionCall(USERS.agent, ':id', { type: 'request_info', comment: 'Which bank?' });
const ANSWER = actionCall(USERS.employee, ':id', { type: 'provide_info', comment: 'Sberbank', fields: { copies: 3 } });
const RESOLVE = actionCall(USERS.agent, ':id', { type: 'resolve', comment: 'Sent by e-mail' });
const REOPEN = actionCall(USERS.employee, ':id', { type: 'reopen', comment: 'Wrong copy count' });

/** The steps after submit that bring a new request into each status. */
const PATHS = {
  new: [],
  taken: [TAKE],
  waiting: [TAKE, ASK],
  resolved: [TAKE, RESOLVE],
} satisfies Record<string, ApiCall[]>;

const forRequest = (call: ApiCall, id: string): ApiCall => ({ ...call, path: call.path.replace(':id', id) });

/** Submits a request and runs `steps` on it; returns its id. */
async function requestThrough(ctx: BenchContext, steps: readonly ApiCall[]): Promise<string> {
  const { id } = await ctx.api.expectJson<{ id: string }>(submitCall());
  for (const step of steps) await ctx.api.expectJson(forRequest(step, id));
  return id;
}

const requestsIn = (ctx: BenchContext, count: number, path: keyof typeof PATHS) =>
  inPool(count, ctx.setupConcurrency, () => requestThrough(ctx, PATHS[path]));

const repeat = (count: number, call: ApiCall): ApiCall[] => Array.from({ length: count }, () => call);

// --- operation builders --------------------------------------------------------------------------

const read = (name: string, call: ApiCall): BenchOperation => ({
  name,
  group: 'read',
  budget: READ_BUDGET,
  prepare: async (_ctx, count) => repeat(count, call),
});

/** An action on fresh requests brought into the status it needs. */
const action = (
  type: string,
  from: keyof typeof PATHS,
  call: (id: string) => ApiCall,
  headers?: (ctx: BenchContext, i: number) => Record<string, string>,
): BenchOperation => ({
  name: `POST /requests/{id}/actions ${type}${headers ? ' (Idempotency-Key)' : ''}`,
  group: 'action',
  budget: WRITE_BUDGET,
  async prepare(ctx, count) {
    const ids = await requestsIn(ctx, count, from);
    return ids.map((id, i) => {
      const built = call(id);
      return headers ? { ...built, headers: { ...built.headers, ...headers(ctx, i) } } : built;
    });
  },
});

/** A request with 8 history events (one internal): submitted, assigned, asked, answered, 2 comments, resolved, reopened. */
async function requestWithHistory(ctx: BenchContext): Promise<string> {
  const id = await requestThrough(ctx, [TAKE, ASK, ANSWER]);
  await ctx.api.expectJson(commentCall(USERS.agent, id, { text: 'Check salary data', internal: true }));
  await ctx.api.expectJson(commentCall(USERS.agent, id, { text: 'Preparing it now' }));
  await ctx.api.expectJson(forRequest(RESOLVE, id));
  await ctx.api.expectJson(forRequest(REOPEN, id));
  return id;
}

const keyFor = (ctx: BenchContext, scope: string, i: number) => ({
  'Idempotency-Key': `bench-${ctx.runId}-${scope}-${i}`,
});

// --- the list --------------------------------------------------------------------------------------

export const API_OPERATIONS: readonly BenchOperation[] = [
  read('GET /health', { method: 'GET', path: '/health', expect: 200 }),
  read('GET /me', { as: USERS.employee, method: 'GET', path: '/me', expect: 200 }),
  read('GET /services', { as: USERS.employee, method: 'GET', path: '/services', expect: 200 }),
  read('GET /services/{id}', { as: USERS.employee, method: 'GET', path: `/services/${SERVICE_ID}`, expect: 200 }),
  {
    name: 'POST /requests (submit)',
    group: 'submit',
    budget: WRITE_BUDGET,
    prepare: async (_ctx, count) => repeat(count, submitCall()),
  },
  {
    name: 'POST /requests (submit, Idempotency-Key)',
    group: 'submit',
    budget: WRITE_BUDGET,
    prepare: async (ctx, count) => Array.from({ length: count }, (_, i) => submitCall(keyFor(ctx, 'submit', i))),
  },
  {
    name: 'POST /requests (Idempotency-Key replay)',
    group: 'submit',
    budget: REPLAY_BUDGET,
    async prepare(ctx, count) {
      const calls = Array.from({ length: count }, (_, i) => submitCall(keyFor(ctx, 'replay', i)));
      await inPool(count, ctx.setupConcurrency, (i) => ctx.api.expectJson(calls[i] as ApiCall));
      return calls;
    },
  },
  read('GET /requests?view=mine', { as: USERS.employee, method: 'GET', path: '/requests?view=mine', expect: 200 }),
  read('GET /requests?view=queue', { as: USERS.agent, method: 'GET', path: '/requests?view=queue', expect: 200 }),
  read('GET /requests?view=all', { as: USERS.admin, method: 'GET', path: '/requests?view=all', expect: 200 }),
  {
    name: 'GET /requests/{id} (8 history events)',
    group: 'read',
    budget: READ_BUDGET,
    async prepare(ctx, count) {
      const id = await requestWithHistory(ctx);
      return repeat(count, { as: USERS.agent, method: 'GET', path: `/requests/${id}`, expect: 200 });
    },
  },
  {
    name: 'POST /requests/{id}/comments',
    group: 'comment',
    budget: WRITE_BUDGET,
    async prepare(ctx, count) {
      const [id = ''] = await requestsIn(ctx, 1, 'taken');
      return Array.from({ length: count }, (_, i) => commentCall(USERS.agent, id, { text: `Bench comment ${i}` }));
    },
  },
  action('take', 'new', (id) => forRequest(TAKE, id)),
  action(
    'take',
    'new',
    (id) => forRequest(TAKE, id),
    (ctx, i) => keyFor(ctx, 'take', i),
  ),
  action('assign', 'new', (id) => actionCall(USERS.agent, id, { type: 'assign', assigneeId: USERS.otherAgent })),
  action('request_info', 'taken', (id) => forRequest(ASK, id)),
  action('provide_info', 'waiting', (id) => forRequest(ANSWER, id)),
  action('resolve', 'taken', (id) => forRequest(RESOLVE, id)),
  action('reopen', 'resolved', (id) => forRequest(REOPEN, id)),
  action('close', 'resolved', (id) => actionCall(USERS.employee, id, { type: 'close' })),
  action('cancel', 'new', (id) => actionCall(USERS.employee, id, { type: 'cancel', comment: 'No longer needed' })),
];
