/**
 * The wrapper every Step Functions task handler goes through: logs with the Lambda context, and
 * names errors the way the state machines' Retry clauses expect (conflicts and whatever the AWS SDK
 * itself counts as passing: throttling, timeouts, dropped connections, 5xx, become `TransientError`,
 * retried; anything else fails the task and goes to the Catch, which records `workflow_failed`).
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { Context } from 'aws-lambda';
import { WriteConflictError } from '../ports';
import { TransientError } from '../usecases/mutate';
import { logger } from '../shared/logger';

type SdkError = Parameters<typeof isTransientError>[0];

/** Passing by the SDK's own classification (after its own retries ran out), or a transaction conflict. */
const passing = (error: Error) => {
  const sdk = error as SdkError;
  return (
    error instanceof WriteConflictError ||
    error.name === 'TransactionConflictException' ||
    isThrottlingError(sdk) ||
    isTransientError(sdk) ||
    isServerError(sdk)
  );
};

export function workflowTask<I, O>(name: string, run: (input: I) => Promise<O>) {
  return async (input: I, context?: Context): Promise<O> => {
    if (context) logger.addContext(context);
    try {
      return await run(input);
    } catch (error) {
      const err = error as Error;
      logger.error(`Workflow task ${name} failed`, { error: err, input: input as Record<string, unknown> });
      if (passing(err)) throw new TransientError(err.message, { cause: error });
      throw error;
    }
  };
}
