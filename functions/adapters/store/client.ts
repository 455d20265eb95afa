/**
 * One DynamoDB document client per process, built on first use. The endpoint comes from the standard
 * SDK settings (AWS_ENDPOINT_URL_DYNAMODB locally), so the same code talks to DynamoDB Local and to AWS.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, requiredEnv } from '../../shared/env';
import { once } from '../../shared/once';

export const dynamoClient = once(() => new DynamoDBClient({ maxAttempts: 4 }));
export const db = once(() =>
  DynamoDBDocumentClient.from(dynamoClient(), { marshallOptions: { removeUndefinedValues: true } }),
);
/** Read when called, never at import: a module that only imports the store (a unit test) needs no settings. */
export const tableName = (): string => requiredEnv(ENV.tableName);
/** Capacity is reported on every call so benchmarks and logs can show what each operation costs. */
export const CAPACITY = { ReturnConsumedCapacity: 'TOTAL' } as const;
