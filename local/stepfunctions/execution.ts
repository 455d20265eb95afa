/**
 * One run of a prepared state machine: supplies the context the interpreter lacks (virtual times,
 * ids, `$$.Task.Token`), the local task handlers, and the virtual top-level timeout, and reports
 * how it ended. Counts state transitions and handler invocations.
 */
import './polyfill';
import { ExecutionAbortedError, ExecutionError } from 'aws-local-stepfunctions';
import type { PreparedDefinition } from './definitions';
import { executionAborted, runTask, type TaskEnv, type TaskScope } from './tasks';
import type { JSONValue } from './json';

export type Outcome =
  | { status: 'SUCCEEDED'; output: string }
  | { status: 'FAILED' | 'TIMED_OUT'; error: string; cause: string }
  | { status: 'ABORTED' };

export interface RunIdentity {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachine: string;
  input: string;
  /** Virtual start, ISO 8601. */
  startDate: string;
}

type RunHandle = ReturnType<PreparedDefinition['machine']['run']>;

export class ExecutionRun implements TaskScope {
  readonly executionArn: string;
  transitions = 0;
  taskInvocations = 0;
  private readonly controller = new AbortController();
  private pendingToken?: string;

  constructor(
    private readonly env: TaskEnv,
    private readonly prepared: PreparedDefinition,
    private readonly identity: RunIdentity,
  ) {
    this.executionArn = identity.executionArn;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  takeToken(): string {
    const token = this.pendingToken ?? this.env.tokens.mint();
    this.pendingToken = undefined;
    return token;
  }

  invoked(): void {
    this.taskInvocations++;
  }

  /** Runs to the end; never rejects. Everything it holds is released when it resolves. */
  async run(): Promise<Outcome> {
    try {
      const handle = this.prepared.machine.run(JSON.parse(this.identity.input) as JSONValue, {
        overrides: { taskResourceLocalHandlers: this.handlers(), retryIntervalOverrides: this.zeroRetries() },
        context: this.context(),
      });
      void this.countTransitions(handle.eventLogs);
      this.signal.addEventListener('abort', () => handle.abort(), { once: true });
      return await this.outcome(handle);
    } catch (error) {
      return failure(error);
    } finally {
      // Also after a virtual timeout: stops the interpreter and releases its timers and tokens.
      this.abort();
    }
  }

  /** Stops the run: pending tasks, sleeps and tokens are rejected and their timers cleared. */
  abort(): void {
    if (this.signal.aborted) return;
    this.controller.abort(executionAborted());
    this.env.tokens.rejectAll(executionAborted(), this.executionArn);
  }

  private async outcome(handle: RunHandle): Promise<Outcome> {
    const timeout = this.prepared.timeoutSeconds;
    const timedOut =
      timeout === undefined
        ? new Promise<never>(() => undefined)
        : this.env.clock
            .sleepUntil(Date.parse(this.identity.startDate) + timeout * 1000, this.signal)
            .then(() => 'timeout' as const);
    const result = await Promise.race([handle.result, timedOut]);
    if (result === 'timeout') return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' };
    return { status: 'SUCCEEDED', output: JSON.stringify(result) };
  }

  private handlers() {
    const handlers: Record<string, (input: JSONValue) => Promise<JSONValue>> = {};
    for (const [state, plan] of Object.entries(this.prepared.tasks)) {
      handlers[state] = (input) => runTask(this.env, this, plan, input);
    }
    return handlers;
  }

  private zeroRetries() {
    return Object.fromEntries(this.prepared.retryStates.map((state) => [state, 0]));
  }

  /** The interpreter copies the context shallowly, so these getters run on each access. */
  private context() {
    const { clock, tokens } = this.env;
    const { executionArn, name, stateMachineArn, stateMachine, input, startDate } = this.identity;
    const execution = {
      Id: executionArn,
      Name: name,
      RoleArn: 'arn:aws:iam::000000000000:role/local',
      LocalStartTime: startDate,
      LocalInput: JSON.parse(input) as JSONValue,
    };
    const state = Object.defineProperty({}, 'EnteredTime', { enumerable: true, get: () => clock.nowIso() });
    // Resolved while the interpreter builds a Task's Parameters, right before it calls that Task's
    // handler synchronously, which then takes this very token.
    const task = Object.defineProperty({}, 'Token', {
      enumerable: true,
      get: () => (this.pendingToken ??= tokens.mint()),
    });
    return {
      Execution: execution,
      StateMachine: { Id: stateMachineArn, Name: stateMachine },
      State: state,
      Task: task,
    };
  }

  private async countTransitions(events: RunHandle['eventLogs']) {
    for await (const event of events) if (event.type === 'StateEntered') this.transitions++;
  }
}

function failure(error: unknown): Outcome {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  const cause = error instanceof ExecutionError ? error.cause : error;
  if (cause instanceof Error) return { status: 'FAILED', error: cause.name, cause: cause.message };
  return { status: 'FAILED', error: 'States.Runtime', cause: String(cause) };
}
