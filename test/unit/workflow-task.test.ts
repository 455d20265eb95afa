/**
 * How a workflow task's failure reaches the state machine: what the AWS SDK itself counts as passing
 * (throttling, timeouts, dropped connections, 5xx) once its own retries ran out, and write conflicts,
 * become `TransientError` (the Retry clause); anything else fails the task (the Catch, which records
 * `workflow_failed` on the request). A timeout that failed the task stranded a request in the soak.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WriteConflictError } from '../../functions/ports';
import { logger } from '../../functions/shared/logger';
import { workflowTask } from '../../functions/workflow/task';

// Each failure is logged as an error by design; here they are the expected ones.
beforeAll(() => logger.setLogLevel('SILENT'));

const failingWith = (error: Error) => workflowTask('test', async () => Promise.reject(error));
const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} (injected)`), { name, ...extra });

describe('workflow task errors', () => {
  it.each([
    ['a throttle', named('ThrottlingException')],
    ['a timeout (a lost acknowledgement)', named('TimeoutError')],
    ['a dropped connection', named('Error', { code: 'ECONNRESET' })],
    ['a 503 from the service', named('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } })],
    ['a 500 from the service', named('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['a transaction conflict', named('TransactionConflictException')],
    ['a write conflict of ours', new WriteConflictError('changed')],
  ])('%s is retried (TransientError)', async (_what, error) => {
    await expect(failingWith(error)({})).rejects.toMatchObject({ name: 'TransientError', cause: error });
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'stages')")],
    ['a refused condition', named('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } })],
    ['a validation error', named('ValidationException', { $metadata: { httpStatusCode: 400 } })],
  ])('%s fails the task as it is', async (_what, error) => {
    await expect(failingWith(error)({})).rejects.toBe(error);
  });
});
