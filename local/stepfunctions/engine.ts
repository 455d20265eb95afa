/**
 * The local Step Functions service: the definitions in statemachines/ run by aws-local-stepfunctions
 * on the virtual clock, with the API operations the adapters use (start, describe, stop, task
 * callbacks). Execution records persist under the data dir; RUNNING ones re-run from the start on
 * the next start (the task handlers are idempotent, so re-running resumes the workflow).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATE_MACHINES, WORKFLOW_TASKS } from '../../functions/workflow/tasks';
import type { VirtualClock } from '../clock/virtual-clock';
import { executionArn, lambdaArn, stateMachineArn, stateMachineNameOf } from './arns';
import { prepareDefinition, substitute, type PreparedDefinition } from './definitions';
import { loadTimeoutErrorClass, namedError, SfnApiError } from './errors';
import { ExecutionRun, type Outcome } from './execution';
import { sameJson } from './json';
import { ExecutionStore, type ExecutionRecord, type ExecutionStatus } from './store';
import { executionAborted, workflowLoader, type LoadTask, type TaskEnv } from './tasks';
import { TokenRegistry } from './tokens';
import { checkExecutionName, parseExecutionInput, parseTaskOutput } from './validate';

export type { ExecutionStatus } from './store';
export type { LoadTask, TaskHandler } from './tasks';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface EngineOptions {
  clock: VirtualClock;
  /** Where execution records persist; undefined keeps them in memory. */
  dataDir?: string;
  /** Values for `${Key}` in definitions other than the WORKFLOW_TASKS function ARNs. */
  substitutions?: Record<string, string>;
  /** Test seam: definitions (ASL text or object) by state machine name, instead of statemachines/. */
  definitions?: Record<string, string | object>;
  /** Test seam: substitution key -> handler module (default WORKFLOW_TASKS). */
  tasks?: Record<string, string>;
  /** Test seam: the handler of a module (default: functions/workflow/<module>.ts). */
  loadTask?: LoadTask;
}

export interface StartExecutionRequest {
  /** A state machine name or its local ARN. */
  stateMachine: string;
  name?: string;
  /** JSON text, as in the API; default "{}". */
  input?: string;
}

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  stateMachine: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

export interface ExecutionStats {
  executionArn: string;
  stateMachine: string;
  status: ExecutionStatus;
  /** States entered, nested Map/Parallel states included (what AWS bills as transitions). */
  transitions: number;
  taskInvocations: number;
}

export interface EngineStats {
  executions: number;
  byStatus: Partial<Record<ExecutionStatus, number>>;
  transitions: number;
  taskInvocations: number;
  pendingTokens: number;
  perExecution: ExecutionStats[];
}

export class StepFunctionsEngine {
  private readonly env: TaskEnv;
  private readonly tokens = new TokenRegistry();
  private readonly prepared = new Map<string, PreparedDefinition>();
  private readonly runs = new Map<string, { run: ExecutionRun; done: Promise<void> }>();
  private readonly counters = new Map<string, ExecutionRun>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly substitutions: Record<string, string>;
  private stopped = false;

  private constructor(
    private readonly options: EngineOptions,
    private readonly store: ExecutionStore,
  ) {
    this.env = { clock: options.clock, tokens: this.tokens, loadTask: options.loadTask ?? workflowLoader() };
    const tasks = options.tasks ?? WORKFLOW_TASKS;
    this.substitutions = {
      ...Object.fromEntries(Object.entries(tasks).map(([key, module]) => [key, lambdaArn(module)])),
      ...options.substitutions,
    };
  }

  /** Opens the records; call resumeRunning() once the handlers' environment is in place. */
  static async start(options: EngineOptions): Promise<StepFunctionsEngine> {
    await loadTimeoutErrorClass();
    const store = await ExecutionStore.open(options.dataDir && join(options.dataDir, 'executions.json'));
    return new StepFunctionsEngine(options, store);
  }

  /**
   * Re-runs every RUNNING execution from the start with its input (after a restart). Separate from
   * start() because the handlers it invokes read their environment (endpoints, table) on import.
   */
  resumeRunning(): number {
    const running = this.store.all().filter((r) => r.status === 'RUNNING' && !this.runs.has(r.executionArn));
    for (const record of running) this.resume(record);
    return running.length;
  }

  get stateMachines(): string[] {
    return Object.keys(this.options.definitions ?? STATE_MACHINES);
  }

  /** Loads, validates and transforms every definition now (fail fast at startup or in a test). */
  loadDefinitions(): void {
    for (const name of this.stateMachines) this.definition(name);
  }

  stateMachineArn(name: string): string {
    return stateMachineArn(name);
  }

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string; startDate: Date }> {
    if (this.stopped) throw new SfnApiError('ServiceUnavailable', 'The local Step Functions engine is stopped');
    const machine = this.machineName(request.stateMachine);
    const name = checkExecutionName(request.name ?? randomUUID());
    const input = request.input ?? '{}';
    parseExecutionInput(input);
    const arn = executionArn(machine, name);
    const existing = this.store.get(arn);
    if (existing) return this.restart(existing, input);
    const prepared = this.definition(machine);
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: stateMachineArn(machine),
      stateMachine: machine,
      name,
      input,
      status: 'RUNNING',
      startDate: this.env.clock.nowIso(),
    };
    this.store.put(record);
    this.launch(record, prepared);
    await this.env.clock.track(this.store.save());
    return { executionArn: arn, startDate: new Date(record.startDate) };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    const { startDate, stopDate, ...rest } = this.record(executionArn);
    return { ...rest, startDate: new Date(startDate), stopDate: stopDate ? new Date(stopDate) : undefined };
  }

  listExecutions(stateMachine?: string): ExecutionDescription[] {
    return this.store
      .all()
      .filter((r) => stateMachine === undefined || r.stateMachine === stateMachine)
      .map((r) => this.describeExecution(r.executionArn));
  }

  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    const record = this.record(executionArn);
    if (record.status === 'RUNNING') {
      Object.assign(record, { status: 'ABORTED', stopDate: this.env.clock.nowIso(), error, cause });
      this.runs.get(executionArn)?.run.abort();
      await this.env.clock.track(this.store.save());
      this.notify(executionArn);
    }
    return { stopDate: new Date(record.stopDate ?? this.env.clock.nowIso()) };
  }

  /** output is JSON text, as in the API. */
  sendTaskSuccess(taskToken: string, output: string): void {
    this.tokens.heartbeat(taskToken);
    this.tokens.succeed(taskToken, parseTaskOutput(output));
  }

  /** error becomes the name Retry/Catch match; cause the Cause. */
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, namedError(error ?? '', cause ?? ''));
  }

  /** Heartbeats are not enforced locally; the token must still be live. */
  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  /** Resolves when the execution is no longer RUNNING (and its record is saved). */
  waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    if (this.record(executionArn).status !== 'RUNNING') return Promise.resolve(this.describeExecution(executionArn));
    return new Promise((resolve) => {
      const list = this.waiters.get(executionArn) ?? [];
      list.push(() => resolve(this.describeExecution(executionArn)));
      this.waiters.set(executionArn, list);
    });
  }

  stats(): EngineStats {
    const perExecution = [...this.counters.values()].map((run) => {
      const record = this.record(run.executionArn);
      const { transitions, taskInvocations } = run;
      return {
        executionArn: run.executionArn,
        stateMachine: record.stateMachine,
        status: record.status,
        transitions,
        taskInvocations,
      };
    });
    const byStatus: EngineStats['byStatus'] = {};
    for (const r of this.store.all()) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const sum = (pick: (s: ExecutionStats) => number) => perExecution.reduce((n, s) => n + pick(s), 0);
    return {
      executions: this.store.all().length,
      byStatus,
      transitions: sum((s) => s.transitions),
      taskInvocations: sum((s) => s.taskInvocations),
      pendingTokens: this.tokens.size,
      perExecution,
    };
  }

  /**
   * Shuts down: aborts every run (records stay RUNNING, to re-run on the next start), rejects
   * pending tokens and sleeps, so no timer keeps Node alive. Handlers already running finish.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const { run } of this.runs.values()) run.abort();
    this.tokens.rejectAll(executionAborted());
    await Promise.allSettled([...this.runs.values()].map((r) => r.done));
    await this.store.flush();
  }

  private restart(existing: ExecutionRecord, input: string) {
    // AWS: a start repeating a RUNNING execution's name and input returns that execution.
    if (existing.status === 'RUNNING' && sameJson(existing.input, input)) {
      return { executionArn: existing.executionArn, startDate: new Date(existing.startDate) };
    }
    throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
  }

  private resume(record: ExecutionRecord) {
    try {
      this.launch(record, this.definition(record.stateMachine));
    } catch (error) {
      const cause = `could not re-run after restart: ${(error as Error).message}`;
      Object.assign(record, { status: 'FAILED', stopDate: this.env.clock.nowIso(), error: 'States.Runtime', cause });
      void this.env.clock.track(this.store.save()).catch(logError);
    }
  }

  private launch(record: ExecutionRecord, prepared: PreparedDefinition) {
    const run = new ExecutionRun(this.env, prepared, record);
    const done = run
      .run()
      .then((outcome) => this.finish(record.executionArn, run, outcome))
      .catch(logError);
    this.runs.set(record.executionArn, { run, done });
    this.counters.set(record.executionArn, run);
  }

  private async finish(arn: string, run: ExecutionRun, outcome: Outcome) {
    if (this.runs.get(arn)?.run === run) this.runs.delete(arn);
    const record = this.store.get(arn);
    // Shutdown keeps RUNNING on disk; a stopped execution was recorded by stopExecution.
    if (this.stopped || !record || record.status !== 'RUNNING') return;
    Object.assign(record, { ...outcome, stopDate: this.env.clock.nowIso() });
    await this.env.clock.track(this.store.save()).catch(logError);
    this.notify(arn);
  }

  private notify(arn: string) {
    const list = this.waiters.get(arn) ?? [];
    this.waiters.delete(arn);
    for (const wake of list) wake();
  }

  private record(arn: string): ExecutionRecord {
    if (typeof arn !== 'string' || !arn.startsWith('arn:'))
      throw new SfnApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const record = this.store.get(arn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  private machineName(ref: string): string {
    const name = typeof ref === 'string' && ref.startsWith('arn:') ? stateMachineNameOf(ref) : ref;
    if (typeof ref === 'string' && ref.startsWith('arn:') && !name)
      throw new SfnApiError('InvalidArn', `Invalid Arn: '${ref}'`);
    if (!name || !this.stateMachines.includes(name)) {
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${ref}'`);
    }
    return name;
  }

  /** Loaded, validated and transformed once per state machine. */
  private definition(name: string): PreparedDefinition {
    let prepared = this.prepared.get(name);
    if (prepared) return prepared;
    try {
      prepared = prepareDefinition(substitute(this.source(name), this.substitutions));
    } catch (error) {
      throw new SfnApiError('InvalidDefinition', `State machine ${name}: ${(error as Error).message}`);
    }
    this.prepared.set(name, prepared);
    return prepared;
  }

  private source(name: string): string {
    const inline = this.options.definitions?.[name];
    if (inline !== undefined) return typeof inline === 'string' ? inline : JSON.stringify(inline);
    const file = STATE_MACHINES[name as keyof typeof STATE_MACHINES].file;
    return readFileSync(join(REPO_ROOT, 'statemachines', file), 'utf8');
  }
}

function logError(error: unknown) {
  console.error('local step functions:', error);
}
