/** Errors as Step Functions names them: API errors for callers, state errors for Retry/Catch. */
import './polyfill';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

/** An error of the Step Functions API; the endpoint answers it as `{ __type: code }`. */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** A state error: its name is what `ErrorEquals` matches, its message becomes the Cause. */
export function namedError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/** Fails the execution past every Retry and Catch, like AWS's States.Runtime. */
export class UncatchableError extends Error {
  // The interpreter reads these two flags on any error it sees.
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export const runtimeError = (message: string) => new UncatchableError('States.Runtime', message);

type ErrorClass = new () => Error;
let timeoutClass: ErrorClass | undefined;

/**
 * The interpreter excludes a timeout from `States.TaskFailed` only by `instanceof` its own
 * (unexported) States.Timeout class, so a look-alike would be caught by TaskFailed catchers. Run a
 * one-state machine whose Task times out after 1 ms to get hold of that class.
 */
export async function loadTimeoutErrorClass(): Promise<void> {
  if (timeoutClass) return;
  const definition = {
    StartAt: 'Probe',
    States: {
      Probe: { Type: 'Task', Resource: 'arn:aws:lambda:local:0:function:probe', TimeoutSeconds: 0.001, End: true },
    },
  } as unknown as StateMachineDefinition;
  const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  const never = new Promise<never>(() => undefined);
  const run = machine.run({}, { overrides: { taskResourceLocalHandlers: { Probe: () => never } } });
  const error = await run.result.then(
    () => undefined,
    (e: unknown) => (e as { cause?: unknown }).cause,
  );
  if (!(error instanceof Error) || error.name !== 'States.Timeout') {
    throw new Error('aws-local-stepfunctions: could not capture its States.Timeout error class');
  }
  timeoutClass = error.constructor as ErrorClass;
}

/** A States.Timeout that Catch/Retry treat exactly like the interpreter's own. */
export function statesTimeout(): Error {
  if (!timeoutClass) throw new Error('loadTimeoutErrorClass() must run first');
  return new timeoutClass();
}
