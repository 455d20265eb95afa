/**
 * Turns an ASL definition into what runs locally, once per definition (the interpreter's
 * validation costs ~50 ms). The interpreter's own timers are real, so every time-bearing field is
 * moved onto the virtual clock: each Wait becomes a Task whose local handler sleeps on the clock,
 * Task timeouts are lifted out of the interpreter's reach and enforced by the task dispatcher, the
 * top-level TimeoutSeconds by the execution.
 */
import './polyfill';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { functionNameOf, isLambdaFunctionArn } from './arns';

/** The interpreter multiplies TimeoutSeconds by 1000 into a setTimeout, which overflows past 2^31-1 ms. */
export const MAX_REAL_TIMEOUT_SECONDS = 2_147_483;
export const WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** Keys of the wrapper Parameters used when a Task has TimeoutSecondsPath. */
export const WRAPPED_PARAMS = 'LocalParameters';
export const WRAPPED_TIMEOUT = 'LocalTimeoutSeconds';

export type TaskKind = 'wait' | 'lambda' | 'callback' | 'function' | 'unsupported';

export interface TaskPlan {
  kind: TaskKind;
  resource: string;
  /** For kind 'function': the module named by the function ARN in Resource. */
  module?: string;
  /** Declared TimeoutSeconds, enforced on the virtual clock. */
  timeoutSeconds?: number;
  /** True when Parameters were wrapped to carry TimeoutSecondsPath's value. */
  timeoutFromInput?: boolean;
}

export interface PreparedDefinition {
  machine: StateMachine;
  /** Keyed by state name (names are unique across branches). */
  tasks: Record<string, TaskPlan>;
  /** States with a Retry: their intervals are zeroed (real time would stall tests). */
  retryStates: string[];
  /** The definition's top-level TimeoutSeconds, enforced on the virtual clock. */
  timeoutSeconds?: number;
}

type State = Record<string, unknown>;
interface Machine {
  States: Record<string, State>;
  [key: string]: unknown;
}

interface Plan {
  tasks: Record<string, TaskPlan>;
  retryStates: string[];
  names: Set<string>;
}

/** Replaces `${Key}` like CDK's definitionSubstitutions; an unknown key is an error. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`definition substitution \${${key}} has no local value`);
    return value;
  });
}

const UNSUPPORTED_FIELDS = ['Assign', 'Arguments', 'Output', 'ItemReader', 'ResultWriter', 'ItemBatcher'];

function checkSupported(name: string, state: State) {
  if (state.QueryLanguage === 'JSONata')
    throw new Error(`state ${name}: JSONata is not supported locally; use JSONPath`);
  const field = UNSUPPORTED_FIELDS.find((f) => f in state);
  if (field) throw new Error(`state ${name}: "${field}" is not supported by the local interpreter`);
}

function classify(resource: string): Pick<TaskPlan, 'kind' | 'module'> {
  if (resource === 'arn:aws:states:::lambda:invoke') return { kind: 'lambda' };
  if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') return { kind: 'callback' };
  if (isLambdaFunctionArn(resource)) return { kind: 'function', module: functionNameOf(resource) };
  return { kind: 'unsupported' };
}

function waitAsTask(name: string, state: State, plan: Plan): State {
  const { Type: _type, Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
  const parameters: State = { 'Input.$': '$' };
  if (SecondsPath !== undefined) parameters['Seconds.$'] = SecondsPath;
  else if (Seconds !== undefined) parameters.Seconds = Seconds;
  else if (TimestampPath !== undefined) parameters['Timestamp.$'] = TimestampPath;
  else parameters.Timestamp = Timestamp;
  plan.tasks[name] = { kind: 'wait', resource: WAIT_RESOURCE };
  return {
    ...rest,
    Type: 'Task',
    Resource: WAIT_RESOURCE,
    Parameters: parameters,
    TimeoutSeconds: MAX_REAL_TIMEOUT_SECONDS,
  };
}

function task(name: string, state: State, plan: Plan): State {
  // Heartbeats are not emulated; the declared timeout moves to the virtual clock.
  const { HeartbeatSeconds: _h, HeartbeatSecondsPath: _hp, TimeoutSeconds, TimeoutSecondsPath, ...rest } = state;
  const resource = String(rest.Resource);
  plan.tasks[name] = {
    ...classify(resource),
    resource,
    timeoutSeconds: typeof TimeoutSeconds === 'number' ? TimeoutSeconds : undefined,
    timeoutFromInput: typeof TimeoutSecondsPath === 'string',
  };
  if (typeof TimeoutSecondsPath === 'string') {
    // Resolved against the effective input (after InputPath), carried next to the real Parameters.
    rest.Parameters =
      'Parameters' in rest
        ? { [WRAPPED_PARAMS]: rest.Parameters, [`${WRAPPED_TIMEOUT}.$`]: TimeoutSecondsPath }
        : { [`${WRAPPED_PARAMS}.$`]: '$', [`${WRAPPED_TIMEOUT}.$`]: TimeoutSecondsPath };
  }
  return { ...rest, TimeoutSeconds: MAX_REAL_TIMEOUT_SECONDS };
}

/** Task handlers and retry overrides are keyed by state name, so those names must be unique. */
function claimName(name: string, state: State, plan: Plan) {
  if (state.Type !== 'Task' && state.Type !== 'Wait' && !Array.isArray(state.Retry)) return;
  if (plan.names.has(name)) throw new Error(`state name ${name} is used twice: local overrides are keyed by name`);
  plan.names.add(name);
}

function transformState(name: string, state: State, plan: Plan): State {
  checkSupported(name, state);
  claimName(name, state, plan);
  // The interpreter writes ResultPath "$" into a key named "$"; "$" is the default anyway.
  if (state.ResultPath === '$') delete state.ResultPath;
  if (Array.isArray(state.Retry)) plan.retryStates.push(name);
  if (state.Type === 'Wait') return waitAsTask(name, state, plan);
  if (state.Type === 'Task') return task(name, state, plan);
  if (state.Type === 'Map') transformMachine((state.ItemProcessor ?? state.Iterator) as Machine, plan);
  if (state.Type === 'Parallel') for (const branch of state.Branches as Machine[]) transformMachine(branch, plan);
  return state;
}

function transformMachine(machine: Machine, plan: Plan) {
  checkSupported('(machine)', machine);
  for (const [name, state] of Object.entries(machine.States)) machine.States[name] = transformState(name, state, plan);
}

/**
 * `$$.Execution.StartTime` is always the real start in the interpreter, and `$$.Execution.Input`
 * is the iteration's input inside a Map: point both at fields the engine supplies.
 */
const rewriteContextPaths = (text: string) =>
  text.replace(/\$\$\.Execution\.(StartTime|Input)\b/g, (_m, field: string) => `$$.Execution.Local${field}`);

/** Validates (asl-validator, via the interpreter) and transforms a definition for local runs. */
export function prepareDefinition(source: string | object): PreparedDefinition {
  const original = (typeof source === 'string' ? JSON.parse(source) : structuredClone(source)) as Machine;
  new StateMachine(original as unknown as StateMachineDefinition); // throws with the validator's messages
  const machine = JSON.parse(rewriteContextPaths(JSON.stringify(original))) as Machine;
  const plan: Plan = { tasks: {}, retryStates: [], names: new Set() };
  const timeoutSeconds = typeof machine.TimeoutSeconds === 'number' ? machine.TimeoutSeconds : undefined;
  delete machine.TimeoutSeconds;
  transformMachine(machine, plan);
  const local = new StateMachine(machine as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  return { machine: local, tasks: plan.tasks, retryStates: plan.retryStates, timeoutSeconds };
}
