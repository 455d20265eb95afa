/**
 * Global setup of the `usecases` project: one DynamoDB Local (in memory) for all its test files, and
 * nothing else (no API server, no Step Functions, no SES, no web build). Each test gets a table of its
 * own on it (test/usecases/table.ts).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local';

let dynamo: DynamoDbLocal | undefined;

export async function setup(project: TestProject) {
  dynamo = await startDynamoDbLocal({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
