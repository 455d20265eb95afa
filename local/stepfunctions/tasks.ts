/**
 * What each Task state does locally, dispatched by its plan: Lambda tasks call the same handler
 * modules in-process, `.waitForTaskToken` tasks wait on the token registry, rewritten Waits sleep
 * on the virtual clock. Declared timeouts run on the virtual clock too.
 */
import type { Context } from 'aws-lambda';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks';
import type { VirtualClock } from '../clock/virtual-clock';
import { lambdaContext } from '../lambda-event';
import { functionNameOf } from './arns';
import { WRAPPED_PARAMS, WRAPPED_TIMEOUT, type TaskPlan } from './definitions';
import { namedError, runtimeError, statesTimeout, UncatchableError } from './errors';
import { isPlainObject, jsonClone, type JSONValue } from './json';
import type { TokenRegistry } from './tokens';

/** Step Functions' limit on a state's result. */
const MAX_RESULT_BYTES = 256 * 1024;

export type TaskHandler = (event: unknown, context: Context) => unknown;
export type LoadTask = (module: string) => TaskHandler | Promise<TaskHandler>;

/** The default LoadTask: functions/workflow/<module>.ts, for the modules WORKFLOW_TASKS names, each imported once. */
export const workflowLoader = (): LoadTask => {
  const cache = new Map<string, Promise<TaskHandler>>();
  const modules = new Set<string>(Object.values(WORKFLOW_TASKS));
  return (module) => {
    if (!modules.has(module)) throw new Error(`${module} is not in WORKFLOW_TASKS`);
    let loaded = cache.get(module);
    if (!loaded) {
      loaded = import(`../../functions/workflow/${module}.ts`).then((m: { handler: TaskHandler }) => m.handler);
      cache.set(module, loaded);
    }
    return loaded;
  };
};

export interface TaskEnv {
  clock: VirtualClock;
  tokens: TokenRegistry;
  loadTask: LoadTask;
}

/** One execution, as its tasks see it. */
export interface TaskScope {
  executionArn: string;
  /** Aborted when the execution stops, ends, or the engine shuts down. */
  signal: AbortSignal;
  /** The token `$$.Task.Token` resolved to for this task (or a fresh one). */
  takeToken(): string;
  /** Counts a handler invocation. */
  invoked(): void;
}

export const executionAborted = () => new UncatchableError('ExecutionAborted', 'The execution was stopped');

/** The local handler for one Task state; the interpreter passes the resolved Parameters. */
export function runTask(env: TaskEnv, scope: TaskScope, plan: TaskPlan, input: JSONValue): Promise<JSONValue> {
  if (scope.signal.aborted) return Promise.reject(executionAborted());
  return guard(scope.signal, dispatch(env, scope, plan, input));
}

async function dispatch(env: TaskEnv, scope: TaskScope, plan: TaskPlan, input: JSONValue): Promise<JSONValue> {
  const { params, timeoutSeconds } = unwrap(plan, input);
  switch (plan.kind) {
    case 'wait':
      return wait(env, scope, params);
    case 'lambda': {
      const payload = invoke(env, scope, lambdaModule(params), lambdaPayload(params));
      return withTimeout(env, scope, timeoutSeconds, payload.then(lambdaResult));
    }
    case 'function':
      return withTimeout(env, scope, timeoutSeconds, invoke(env, scope, plan.module ?? '', params));
    case 'callback':
      return callback(env, scope, params, timeoutSeconds);
    default:
      throw runtimeError(`Task resource ${plan.resource} is not supported by the local runtime`);
  }
}

/** Like the Lambda optimized integration's answer, so `$.Payload` works as in the cloud. */
const lambdaResult = (payload: JSONValue): JSONValue => ({
  ExecutedVersion: '$LATEST',
  Payload: payload,
  StatusCode: 200,
});

function unwrap(plan: TaskPlan, input: JSONValue): { params: JSONValue; timeoutSeconds?: number } {
  if (!plan.timeoutFromInput) return { params: input, timeoutSeconds: plan.timeoutSeconds };
  const wrapped = input as Record<string, JSONValue>;
  const seconds = wrapped[WRAPPED_TIMEOUT];
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw runtimeError(`TimeoutSecondsPath must select a positive integer, got ${JSON.stringify(seconds)}`);
  }
  return { params: wrapped[WRAPPED_PARAMS] ?? null, timeoutSeconds: seconds };
}

function lambdaModule(params: JSONValue): string {
  const name = isPlainObject(params) ? params.FunctionName : undefined;
  if (typeof name !== 'string') throw runtimeError('lambda:invoke needs Parameters.FunctionName');
  return functionNameOf(name);
}

const lambdaPayload = (params: JSONValue): JSONValue => (isPlainObject(params) ? (params.Payload ?? {}) : {});

async function wait(env: TaskEnv, scope: TaskScope, params: JSONValue): Promise<JSONValue> {
  const { Input, Seconds, Timestamp } = params as { Input: JSONValue; Seconds?: unknown; Timestamp?: unknown };
  let due: number;
  if (Seconds !== undefined) {
    if (typeof Seconds !== 'number' || !Number.isInteger(Seconds) || Seconds < 0) {
      throw runtimeError(`Wait Seconds must be a non-negative integer, got ${JSON.stringify(Seconds)}`);
    }
    due = env.clock.nowMs() + Seconds * 1000;
  } else {
    due = typeof Timestamp === 'string' ? Date.parse(Timestamp) : Number.NaN;
    if (Number.isNaN(due))
      throw runtimeError(`Wait Timestamp must be an RFC 3339 timestamp, got ${JSON.stringify(Timestamp)}`);
  }
  await env.clock.sleepUntil(due, scope.signal);
  return Input;
}

async function callback(env: TaskEnv, scope: TaskScope, params: JSONValue, timeoutSeconds?: number) {
  const module = lambdaModule(params);
  const token = scope.takeToken();
  const outcome = env.tokens.register(token, scope.executionArn);
  // The handler's answer is ignored (as with Lambda + waitForTaskToken); its failure fails the task.
  invoke(env, scope, module, lambdaPayload(params)).catch((error: Error) => env.tokens.failQuietly(token, error));
  try {
    return await withTimeout(env, scope, timeoutSeconds, outcome);
  } finally {
    env.tokens.release(token);
  }
}

function invoke(env: TaskEnv, scope: TaskScope, module: string, payload: JSONValue): Promise<JSONValue> {
  scope.invoked();
  return env.clock.track(callHandler(env, module, payload));
}

async function callHandler(env: TaskEnv, module: string, payload: JSONValue): Promise<JSONValue> {
  let handler: TaskHandler;
  try {
    handler = await env.loadTask(module);
  } catch (error) {
    throw runtimeError(`no local handler for function ${module}: ${(error as Error).message}`);
  }
  let result: JSONValue;
  try {
    result = jsonClone(await handler(jsonClone(payload), lambdaContext(module)));
  } catch (error) {
    throw lambdaError(error);
  }
  if (Buffer.byteLength(JSON.stringify(result)) > MAX_RESULT_BYTES) {
    throw new UncatchableError('States.DataLimitExceeded', `function ${module} returned more than 256 KiB`);
  }
  return result;
}

/** A handler's error, named as Lambda reports it (errorType = error.name) so Retry/Catch match. */
function lambdaError(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error ? (error.stack?.split('\n') ?? []) : [];
  return namedError(name, JSON.stringify({ errorType: name, errorMessage: message, trace }));
}

/** Fails with States.Timeout when the declared timeout passes on the virtual clock. */
function withTimeout<T>(env: TaskEnv, scope: TaskScope, seconds: number | undefined, work: Promise<T>): Promise<T> {
  if (seconds === undefined) return work;
  const done = new AbortController();
  const signal = AbortSignal.any([done.signal, scope.signal]);
  const expired = env.clock.sleepUntil(env.clock.nowMs() + seconds * 1000, signal).then((): never => {
    throw statesTimeout();
  });
  return Promise.race([work, expired]).finally(() => done.abort());
}

/** Rejects as soon as the execution is aborted, so the interpreter's pending timers are cleared. */
function guard<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(executionAborted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
