/**
 * Starting and resuming the state machines through @aws-sdk/client-sfn. Locally AWS_ENDPOINT_URL_SFN
 * points the same client at the local Step Functions endpoint.
 */
import {
  ExecutionAlreadyExists,
  InvalidToken,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ExecutionDoesNotExist,
} from '@aws-sdk/client-sfn';
import { ENV, requiredEnv } from '../shared/env';
import { logger } from '../shared/logger';
import { once } from '../shared/once';
import type { Machine, TaskOutcome, Workflows } from '../ports';

/** Exported so local tooling can add middleware (fault injection); handlers use the functions below. */
export const sfnClient = once(() => new SFNClient({ maxAttempts: 4 }));
const arns: Record<Machine, () => string> = {
  lifecycle: () => requiredEnv(ENV.lifecycleStateMachineArn),
  sla: () => requiredEnv(ENV.slaStateMachineArn),
};

/** arn:aws:states:r:a:stateMachine:Name -> arn:aws:states:r:a:execution:Name:execution */
const executionArn = (machine: Machine, name: string) =>
  `${arns[machine]().replace(':stateMachine:', ':execution:')}:${name}`;

/** Starts an execution; the name makes it idempotent (a repeated start with the same input is a no-op). */
export async function startExecution(machine: Machine, name: string, input: unknown) {
  try {
    await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn: arns[machine](), name, input: JSON.stringify(input) }),
    );
  } catch (error) {
    // Already started under this name (a retry): the workflow is running or ran, which is what we want.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

export async function stopExecution(machine: Machine, name: string, cause: string) {
  try {
    await sfnClient().send(new StopExecutionCommand({ executionArn: executionArn(machine, name), cause }));
  } catch (error) {
    if (!(error instanceof ExecutionDoesNotExist)) throw error;
  }
}

const GONE = [TaskDoesNotExist, TaskTimedOut, InvalidToken];

/** Resumes a waiting task. A token that is gone (timed out, already used) is not an error for us. */
export async function resumeTask(token: string, outcome: TaskOutcome) {
  try {
    if ('output' in outcome)
      await sfnClient().send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(outcome.output) }));
    else
      await sfnClient().send(
        new SendTaskFailureCommand({ taskToken: token, error: outcome.error, cause: outcome.cause }),
      );
  } catch (error) {
    if (!GONE.some((kind) => error instanceof kind)) throw error;
    logger.info('Task token no longer waiting', { error: (error as Error).name });
  }
}

/** Starting and stopping only: what a change needs (a function that never resumes a task bundles less). */
export const stepFunctionStarts: Pick<Workflows, 'start' | 'stop'> = { start: startExecution, stop: stopExecution };

// Written out, not spread from stepFunctionStarts: a spread would keep this object (and the resume
// commands) in bundles that never use it.
export const stepFunctions: Workflows = { start: startExecution, stop: stopExecution, resume: resumeTask };
