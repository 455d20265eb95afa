/**
 * One request lifecycle driven through the HTTP API, one step at a time: submit, the manager's and
 * the CFO's approvals (the workflow then assigns it), the assignee's resolve. Every step waits for
 * quiescence (the virtual clock's settle) so all the work it set off, in the API handler and in the
 * state machines, lands in its measuring window: the DynamoDB meter and the engine's per-execution
 * counters are read right before the HTTP call and right after the settle.
 */
import type { VirtualClock } from '../local/clock/virtual-clock';
import type { EngineStats, StepFunctionsEngine } from '../local/stepfunctions';
import type { ApiCall, ApiClient } from './api-client';
import type { DynamoMeter, MeterSnapshot } from './dynamo-meter';

export interface WorkflowEnv {
  api: ApiClient;
  meter: DynamoMeter;
  engine: StepFunctionsEngine;
  clock: VirtualClock;
}

/** The demo cast of a two-stage purchase (test/workflows/approvals.test.ts). */
export const CAST = {
  requester: 'ivan.sidorov',
  manager: 'elena.kuznetsova',
  cfo: 'natalia.orlova',
  admin: 'olga.smirnova',
  procurementAgents: ['andrey.kozlov', 'oliver.bennett', 'victoria.nikolaeva'],
} as const;

/** Over 100 000 RUB: manager, then CFO; under 1 000 000 RUB: no CEO. */
export const PURCHASE_AMOUNT = 250_000;

export const STEPS = ['submit', 'approve (manager)', 'approve (CFO) + auto-assign', 'resolve'] as const;
export type StepName = (typeof STEPS)[number];

/** Executions of one state machine that belong to one request. */
export interface FlowCounts {
  executions: number;
  running: number;
  transitions: number;
  invocations: number;
}

/** The request's lifecycle executions (one per approval round) and SLA timers. */
export interface RequestFlows {
  lifecycle: FlowCounts;
  sla: FlowCounts;
}

export interface StepSample {
  step: StepName;
  /** The API call's round trip (the API Lambda's work, plus local HTTP). */
  httpMs: number;
  /** Counted between the call and the settle after it. */
  flows: RequestFlows;
  dynamo: MeterSnapshot;
  /** E-mails the stream consumer sent (local SES). */
  emails: number;
}

export interface LifecycleSample {
  requestId: string;
  assigneeId: string;
  steps: StepSample[];
  /** After the last step. */
  flows: RequestFlows;
}

export class LifecycleError extends Error {
  override name = 'LifecycleError';
}

const EXECUTION = ':execution:';

/** `arn:...:execution:<stateMachine>:<name>` -> name. */
export function executionName(arn: string): string {
  const rest = arn.slice(arn.indexOf(EXECUTION) + EXECUTION.length);
  return rest.slice(rest.indexOf(':') + 1);
}

const noFlow = (): FlowCounts => ({ executions: 0, running: 0, transitions: 0, invocations: 0 });

/** Executions named after the request: `<id>` (and `<id>-r2`...) for the lifecycle, `<id>-sla-<seq>` for SLA timers. */
export function flowsOf(stats: EngineStats, requestId: string): RequestFlows {
  const flows: RequestFlows = { lifecycle: noFlow(), sla: noFlow() };
  for (const execution of stats.perExecution) {
    const name = executionName(execution.executionArn);
    if (name !== requestId && !name.startsWith(`${requestId}-`)) continue;
    const counts = execution.stateMachine === 'sla' ? flows.sla : flows.lifecycle;
    counts.executions += 1;
    counts.running += execution.status === 'RUNNING' ? 1 : 0;
    counts.transitions += execution.transitions;
    counts.invocations += execution.taskInvocations;
  }
  return flows;
}

const minus = (a: FlowCounts, b: FlowCounts): FlowCounts => ({
  executions: a.executions - b.executions,
  running: a.running - b.running,
  transitions: a.transitions - b.transitions,
  invocations: a.invocations - b.invocations,
});

export const flowDelta = (after: RequestFlows, before: RequestFlows): RequestFlows => ({
  lifecycle: minus(after.lifecycle, before.lifecycle),
  sla: minus(after.sla, before.sla),
});

/** E-mails sent so far (the local SES's mailbox, GET /api/dev/mail; 0 without it). */
export async function mailCount(api: ApiClient): Promise<number> {
  const answer = await api.send({ method: 'GET', path: '/dev/mail', expect: 200 });
  if (answer.status !== 200) return 0;
  return (JSON.parse(answer.text) as { items: unknown[] }).items.length;
}

interface StepAnswer {
  id: string;
  status: string;
  assigneeId?: string | null;
}

/** Runs one API call and everything it sets off; the request id comes from the answer for submit. */
async function measureStep(
  env: WorkflowEnv,
  step: StepName,
  call: ApiCall,
): Promise<{ sample: StepSample; answer: StepAnswer }> {
  const headers = await env.api.headersFor(call); // the token is fetched outside the window
  const mailBefore = await mailCount(env.api);
  const stats = env.engine.stats();
  const before = env.meter.snapshot();
  const started = performance.now();
  const reply = await env.api.send(call, headers);
  const httpMs = performance.now() - started;
  await env.clock.settle();
  const dynamo = env.meter.since(before);
  const emails = (await mailCount(env.api)) - mailBefore;
  if (reply.status !== call.expect)
    throw new LifecycleError(`${step}: ${call.method} ${call.path}: ${reply.status} ${reply.text.slice(0, 300)}`);
  const answer = JSON.parse(reply.text) as StepAnswer;
  const flows = flowDelta(flowsOf(env.engine.stats(), answer.id), flowsOf(stats, answer.id));
  return { sample: { step, httpMs, flows, dynamo, emails }, answer };
}

function expectStatus(step: StepName, answer: StepAnswer, status: string) {
  if (answer.status !== status)
    throw new LifecycleError(`${step}: request ${answer.id} is ${answer.status}, expected ${status}`);
}

const purchase = (clock: VirtualClock) => ({
  serviceId: 'purchase',
  fields: {
    item: 'Laptops for the sales team',
    quantity: 3,
    amount: { amount: PURCHASE_AMOUNT, currency: 'RUB' },
    neededBy: new Date(clock.nowMs() + 30 * 86_400_000).toISOString().slice(0, 10),
    justification: 'New hires in January',
  },
});

const decision = (as: string, id: string, stage: string): ApiCall => ({
  as,
  method: 'POST',
  path: `/requests/${id}/approvals/${stage}/decision`,
  body: { decision: 'approve', comment: 'OK' },
  expect: 200,
});

/** Who the workflow assigned the request to: read outside any measuring window. */
async function assigneeOf(env: WorkflowEnv, id: string): Promise<string> {
  const detail = await env.api.expectJson<StepAnswer>({
    as: CAST.admin,
    method: 'GET',
    path: `/requests/${id}`,
    expect: 200,
  });
  if (detail.status !== 'in_progress' || !detail.assigneeId)
    throw new LifecycleError(`request ${id} was not assigned: ${detail.status}, assignee ${detail.assigneeId}`);
  return detail.assigneeId;
}

/**
 * Submit -> approve (manager) -> approve (CFO; the workflow assigns) [-> resolve]. Without
 * `resolve`, the request stays in progress with its SLA timer asleep (for the SLA scenario).
 */
export async function runLifecycle(env: WorkflowEnv, options: { resolve: boolean }): Promise<LifecycleSample> {
  const steps: StepSample[] = [];
  const submitCall: ApiCall = {
    as: CAST.requester,
    method: 'POST',
    path: '/requests',
    body: purchase(env.clock),
    expect: 201,
  };
  const submitted = await measureStep(env, 'submit', submitCall);
  expectStatus('submit', submitted.answer, 'pending_approval');
  steps.push(submitted.sample);
  const id = submitted.answer.id;

  const manager = await measureStep(env, 'approve (manager)', decision(CAST.manager, id, 'manager'));
  expectStatus('approve (manager)', manager.answer, 'pending_approval');
  steps.push(manager.sample);
  const cfo = await measureStep(env, 'approve (CFO) + auto-assign', decision(CAST.cfo, id, 'finance'));
  steps.push(cfo.sample);
  const assigneeId = await assigneeOf(env, id);

  if (options.resolve) {
    const resolveCall: ApiCall = {
      as: assigneeId,
      method: 'POST',
      path: `/requests/${id}/actions`,
      body: { type: 'resolve', comment: 'Ordered from the usual supplier' },
      expect: 200,
    };
    const resolved = await measureStep(env, 'resolve', resolveCall);
    expectStatus('resolve', resolved.answer, 'resolved');
    steps.push(resolved.sample);
  }
  return { requestId: id, assigneeId, steps, flows: flowsOf(env.engine.stats(), id) };
}

/** What moving the clock woke: the SLA timers of `requestIds`, and anything else. */
export interface WakeupSample {
  advance: string;
  requests: number;
  /** SLA task invocations: each wake-up runs CheckSla once (no retries happen in a quiet run). */
  wakeups: number;
  transitions: number;
  /** Transitions of executions other than these requests' SLA timers (should be 0). */
  otherTransitions: number;
  /** These requests' SLA timers still asleep afterwards. */
  stillRunning: number;
  dynamo: MeterSnapshot;
  emails: number;
}

/** Advances the virtual clock by `ms` (waking due timers in order, settling after each). */
export async function measureWakeups(
  env: WorkflowEnv,
  requestIds: readonly string[],
  advance: { iso: string; ms: number },
): Promise<WakeupSample> {
  const mailBefore = await mailCount(env.api);
  const statsBefore = env.engine.stats();
  const before = env.meter.snapshot();
  await env.clock.advance(advance.ms);
  await env.clock.settle();
  const dynamo = env.meter.since(before);
  const emails = (await mailCount(env.api)) - mailBefore;
  const statsAfter = env.engine.stats();
  const sample: WakeupSample = {
    advance: advance.iso,
    requests: requestIds.length,
    wakeups: 0,
    transitions: 0,
    otherTransitions: statsAfter.transitions - statsBefore.transitions,
    stillRunning: 0,
    dynamo,
    emails,
  };
  for (const id of requestIds) {
    const after = flowsOf(statsAfter, id);
    const delta = flowDelta(after, flowsOf(statsBefore, id));
    sample.wakeups += delta.sla.invocations;
    sample.transitions += delta.sla.transitions;
    sample.otherTransitions -= delta.sla.transitions;
    sample.stillRunning += after.sla.running;
  }
  return sample;
}
