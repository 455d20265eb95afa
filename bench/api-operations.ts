/**
 * The API operations the benchmark measures. Each one prepares, outside the measured window, the
 * calls it will make (one per iteration, warm-up included): requests already in the status the
 * action needs, idempotency keys already used, a request with a history of 8 events, ...
 * Operations are data: new groups (e.g. workflow transitions) add entries of the same shape.
 *
 * A submitted request does not wait in the queue unassigned: right after submit the lifecycle
 * workflow gives it to the least-loaded agent of its team (and a stream consumer e-mails about it).
 * So setup settles the runtime after submitting (every workflow and consumer has run), reads who
 * the request went to, and builds each measured call for that state: the assignee asks and
 * resolves; `take` is by an agent who is not the assignee; `assign` names an agent who is not.
 * Requests the measured calls leave behind (new ones in the queue, taken or reassigned ones,
 * waiting, resolved) are used again by the setup of later operations (`RequestPool`), as long as
 * an action on them costs what it costs on a request fresh from that path; setup submits only
 * what is missing.
 */
import type { ApiAnswer, ApiCall, ApiClient } from './api-client';
import { READ_BUDGET, REPLAY_BUDGET, WRITE_BUDGET, type Budget } from './budget';

export interface BenchContext {
  api: ApiClient;
  /** Unique per run: keeps idempotency keys apart across runs against a persistent table. */
  runId: string;
  /** How many setup calls may run at once (setup is not measured). */
  setupConcurrency: number;
  /** Resolves once nothing runs in the background (workflows, stream consumers): the runtime's clock settle. */
  settle(): Promise<void>;
  /** Requests left by earlier operations for later ones' setup. */
  pool: RequestPool;
}

export interface BenchOperation {
  /** Report name, e.g. `POST /requests/{id}/actions take`. */
  name: string;
  group: string;
  budget: Budget;
  /** The calls to measure, one per iteration, in order. */
  prepare(ctx: BenchContext, count: number): Promise<ApiCall[]>;
  /** After the measured calls (the runtime settled): the answers of those that succeeded. */
  after?(ctx: BenchContext, answers: readonly ApiAnswer[]): void;
}

// --- the demo cast (catalog/directory.ts) -------------------------------------------------------
export const USERS = {
  employee: 'ivan.sidorov',
  /** The HR agent who takes requests given to someone else, and who assigns them. */
  agent: 'maria.ivanova',
  /** Another HR agent: the target of `assign`, and whom a request of `agent`'s goes to before `take`. */
  otherAgent: 'ekaterina.fedorova',
  /** The third HR agent (the team lead): the target of `assign` when `otherAgent` already has the request. */
  thirdAgent: 'tatiana.vasilieva',
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

/** A request in its team's queue (in progress) and the agent it is assigned to. */
interface Queued {
  id: string;
  assigneeId: string;
}

/** The states an action is measured from. */
type State = 'in_progress' | 'waiting_for_requester' | 'resolved';

/**
 * Requests earlier operations left in a state a later one starts from (the measured submits'
 * requests, in progress; those `request_info` left waiting; ...), by the state they were left in.
 * Setup takes from here before it submits anything: a submit sets off the most background work of
 * all (the workflow, the e-mails), and the API section would spend most of its time preparing.
 * Each request taken is read again (outside any window) to check its status and assignee.
 */
export class RequestPool {
  private readonly ids: Record<State, string[]> = { in_progress: [], waiting_for_requester: [], resolved: [] };

  add(state: State, ids: readonly string[]) {
    this.ids[state].push(...ids);
  }

  take(state: State, count: number): string[] {
    return this.ids[state].splice(0, count);
  }
}

const take = (as: string, r: Queued) => actionCall(as, r.id, { type: 'take' });
const assign = (as: string, r: Queued, assigneeId: string) => actionCall(as, r.id, { type: 'assign', assigneeId });
const ask = (r: Queued) => actionCall(r.assigneeId, r.id, { type: 'request_info', comment: 'Which bank?' });
const answer = (r: Queued) =>
  actionCall(USERS.employee, r.id, { type: 'provide_info', comment: 'Sberbank', fields: { copies: 3 } });
const resolve = (r: Queued) => actionCall(r.assigneeId, r.id, { type: 'resolve', comment: 'Sent by e-mail' });
const reopen = (r: Queued) => actionCall(USERS.employee, r.id, { type: 'reopen', comment: 'Wrong copy count' });

/** An HR agent `assign` can give the request to: one who does not have it. */
const assignTarget = (r: Queued) => (r.assigneeId === USERS.otherAgent ? USERS.thirdAgent : USERS.otherAgent);

/** Runs `step` on every request (a few at a time), then settles the runtime. */
async function stepAll(ctx: BenchContext, requests: readonly Queued[], step: (r: Queued) => ApiCall) {
  if (requests.length === 0) return;
  await inPool(requests.length, ctx.setupConcurrency, (i) => ctx.api.expectJson(step(requests[i] as Queued)));
  await ctx.settle();
}

/** The request's status and assignee now (read outside any window, the runtime settled). */
async function readState(ctx: BenchContext, id: string) {
  const detail = await ctx.api.expectJson<{ status: string; assigneeId?: string | null }>({
    as: USERS.admin,
    method: 'GET',
    path: `/requests/${id}`,
    expect: 200,
  });
  return { id, status: detail.status, assigneeId: detail.assigneeId ?? '' };
}

/** Reads each request again; keeps those in `state` (in progress: with an assignee, or taken by `USERS.agent`). */
async function inState(ctx: BenchContext, ids: readonly string[], state: State): Promise<Queued[]> {
  const read = await inPool(ids.length, ctx.setupConcurrency, (i) => readState(ctx, ids[i] ?? ''));
  const found = read.filter((r) => r.status === state);
  const unassigned = found.filter((r) => r.assigneeId === '');
  // Nobody was available when the workflow ran: the bench's agent takes it.
  if (state === 'in_progress') await stepAll(ctx, unassigned, (r) => take(USERS.agent, r));
  return found
    .filter((r) => r.assigneeId !== '' || state === 'in_progress')
    .map(({ id, assigneeId }) => ({ id, assigneeId: assigneeId || USERS.agent }));
}

/** Submits `count` requests and lets the workflow put them in the queue (settle). */
async function submitted(ctx: BenchContext, count: number): Promise<Queued[]> {
  if (count === 0) return [];
  const ids = await inPool(count, ctx.setupConcurrency, async () => {
    const { id } = await ctx.api.expectJson<{ id: string }>(submitCall());
    return id;
  });
  await ctx.settle();
  const requests = await inState(ctx, ids, 'in_progress');
  if (requests.length !== count)
    throw new Error(`${count - requests.length} of ${count} new requests are not in progress after the workflow ran`);
  return requests;
}

/** `count` requests in `state`: from the pool first, then made from requests in progress by `step`. */
async function requestsIn(ctx: BenchContext, count: number, state: State, step: (r: Queued) => ApiCall) {
  const reused = await inState(ctx, ctx.pool.take(state, count), state);
  const made = await queued(ctx, count - reused.length);
  await stepAll(ctx, made, step);
  return [...reused, ...made];
}

/** `count` requests in progress, each assigned to an HR agent (by the workflow, or by an earlier operation). */
async function queued(ctx: BenchContext, count: number): Promise<Queued[]> {
  const reused = await inState(ctx, ctx.pool.take('in_progress', count), 'in_progress');
  return [...reused, ...(await submitted(ctx, count - reused.length))];
}

/** The states an action is measured from. */
const STATES = {
  /** In progress, assigned to any HR agent. */
  queued,
  /** In progress, assigned to an HR agent other than `USERS.agent` (who can then take it). */
  notAgents: async (ctx: BenchContext, count: number) => {
    const requests = await queued(ctx, count);
    const agents = requests.filter((r) => r.assigneeId === USERS.agent);
    await stepAll(ctx, agents, (r) => assign(USERS.agent, r, USERS.otherAgent));
    return requests.map((r) => (r.assigneeId === USERS.agent ? { ...r, assigneeId: USERS.otherAgent } : r));
  },
  /** Waiting for the requester: the assignee asked for information. */
  waiting: (ctx: BenchContext, count: number) => requestsIn(ctx, count, 'waiting_for_requester', ask),
  /** Resolved by the assignee. */
  resolved: (ctx: BenchContext, count: number) => requestsIn(ctx, count, 'resolved', resolve),
} satisfies Record<string, (ctx: BenchContext, count: number) => Promise<Queued[]>>;

/** The ids of the requests the measured calls answered with (every answer presents its request). */
const answeredIds = (answers: readonly ApiAnswer[]) => answers.map((a) => (JSON.parse(a.text) as { id: string }).id);

const repeat = (count: number, call: ApiCall): ApiCall[] => Array.from({ length: count }, () => call);

// --- operation builders --------------------------------------------------------------------------

const read = (name: string, call: ApiCall): BenchOperation => ({
  name,
  group: 'read',
  budget: READ_BUDGET,
  prepare: async (_ctx, count) => repeat(count, call),
});

/**
 * An action on requests brought into the state it needs; the requests it leaves in a state another
 * action starts from (`leaves`) go to the pool.
 */
const action = (
  type: string,
  from: keyof typeof STATES,
  call: (r: Queued) => ApiCall,
  options: { leaves?: State; headers?: (ctx: BenchContext, i: number) => Record<string, string> } = {},
): BenchOperation => ({
  name: `POST /requests/{id}/actions ${type}${options.headers ? ' (Idempotency-Key)' : ''}`,
  group: 'action',
  budget: WRITE_BUDGET,
  async prepare(ctx, count) {
    const requests = await STATES[from](ctx, count);
    const { headers } = options;
    return requests.map((r, i) => {
      const built = call(r);
      return headers ? { ...built, headers: { ...built.headers, ...headers(ctx, i) } } : built;
    });
  },
  after(ctx, answers) {
    if (options.leaves) ctx.pool.add(options.leaves, answeredIds(answers));
  },
});

const HISTORY_EVENTS = 8;

/**
 * A request with 8 history events (one internal): submitted, assigned (by the workflow), asked,
 * answered, 2 comments, resolved, reopened. Its assignee does the agent's part, so no take is
 * needed whoever the workflow chose. Returns its id and assignee.
 */
async function requestWithHistory(ctx: BenchContext): Promise<Queued> {
  const [r] = await submitted(ctx, 1);
  if (!r) throw new Error('no request was submitted');
  const steps = [
    ask(r),
    answer(r),
    commentCall(r.assigneeId, r.id, { text: 'Check salary data', internal: true }),
    commentCall(r.assigneeId, r.id, { text: 'Preparing it now' }),
    resolve(r),
    reopen(r),
  ];
  for (const step of steps) await ctx.api.expectJson(step);
  await ctx.settle();
  const detail = await ctx.api.expectJson<{ history: unknown[] }>({
    as: r.assigneeId,
    method: 'GET',
    path: `/requests/${r.id}`,
    expect: 200,
  });
  if (detail.history.length !== HISTORY_EVENTS)
    throw new Error(`request ${r.id} has ${detail.history.length} history events, expected ${HISTORY_EVENTS}`);
  return r;
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
    after: (ctx, answers) => ctx.pool.add('in_progress', answeredIds(answers)),
  },
  {
    name: 'POST /requests (submit, Idempotency-Key)',
    group: 'submit',
    budget: WRITE_BUDGET,
    prepare: async (ctx, count) => Array.from({ length: count }, (_, i) => submitCall(keyFor(ctx, 'submit', i))),
    after: (ctx, answers) => ctx.pool.add('in_progress', answeredIds(answers)),
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
    // The requests the first calls made, unchanged by the replays.
    after: (ctx, answers) => ctx.pool.add('in_progress', answeredIds(answers)),
  },
  read('GET /requests?view=mine', { as: USERS.employee, method: 'GET', path: '/requests?view=mine', expect: 200 }),
  read('GET /requests?view=queue', { as: USERS.agent, method: 'GET', path: '/requests?view=queue', expect: 200 }),
  read('GET /requests?view=all', { as: USERS.admin, method: 'GET', path: '/requests?view=all', expect: 200 }),
  {
    name: 'GET /requests/{id} (8 history events)',
    group: 'read',
    budget: READ_BUDGET,
    async prepare(ctx, count) {
      const { id } = await requestWithHistory(ctx);
      return repeat(count, { as: USERS.agent, method: 'GET', path: `/requests/${id}`, expect: 200 });
    },
  },
  {
    name: 'POST /requests/{id}/comments',
    group: 'comment',
    budget: WRITE_BUDGET,
    async prepare(ctx, count) {
      const [r] = await queued(ctx, 1);
      if (!r) throw new Error('no request was submitted');
      return Array.from({ length: count }, (_, i) => commentCall(r.assigneeId, r.id, { text: `Bench comment ${i}` }));
    },
  },
  action('take', 'notAgents', (r) => take(USERS.agent, r), { leaves: 'in_progress' }),
  action('take', 'notAgents', (r) => take(USERS.agent, r), {
    leaves: 'in_progress',
    headers: (ctx, i) => keyFor(ctx, 'take', i),
  }),
  action('assign', 'queued', (r) => assign(USERS.agent, r, assignTarget(r)), { leaves: 'in_progress' }),
  action('request_info', 'queued', ask, { leaves: 'waiting_for_requester' }),
  // Not pooled: the answer's merged fields and closed SLA pause make the item larger, and an action on
  // it then writes more units than on a request that has not been through it (cancel: 18 WCU, not 10).
  action('provide_info', 'waiting', answer),
  action('resolve', 'queued', resolve, { leaves: 'resolved' }),
  action('reopen', 'resolved', reopen),
  action('close', 'resolved', (r) => actionCall(USERS.employee, r.id, { type: 'close' })),
  action('cancel', 'queued', (r) => actionCall(USERS.employee, r.id, { type: 'cancel', comment: 'No longer needed' })),
];
