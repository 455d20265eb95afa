/**
 * The wrapper every Step Functions task handler goes through: logs with the Lambda context, and
 * names errors the way the state machines' Retry clauses expect (conflicts and throttling become
 * `TransientError`, retried; anything else fails the task and goes to the Catch).
 */
import type { Context } from 'aws-lambda';
import { WriteConflictError } from '../adapters/store/requests';
import { TransientError } from '../usecases/mutate';
import { logger } from './logger';

const TRANSIENT = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
]);

export function workflowTask<I, O>(name: string, run: (input: I) => Promise<O>) {
  return async (input: I, context?: Context): Promise<O> => {
    if (context) logger.addContext(context);
    try {
      return await run(input);
    } catch (error) {
      const err = error as Error;
      logger.error(`Workflow task ${name} failed`, { error: err, input: input as Record<string, unknown> });
      if (error instanceof WriteConflictError || TRANSIENT.has(err.name))
        throw new TransientError(err.message, { cause: error });
      throw error;
    }
  };
}
