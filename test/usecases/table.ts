/**
 * Runs before each use-case test file: points the store adapters at the project's DynamoDB Local (the
 * settings they read when called, as in the cloud) and gives every test an empty table of its own, so
 * inboxes, team loads and absences start clean and tests never see each other's requests.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeEach, inject } from 'vitest';
import { ensureTable } from '../../local/table';
import { ENV } from '../../functions/shared/env';
import { logger } from '../../functions/shared/logger';

const endpoint = inject('dynamoEndpoint');
Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  AWS_REGION: 'eu-central-1',
  // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});
// Info logs (limits applied to an absence, ...) are for operators; here only warnings are worth seeing.
logger.setLogLevel('WARN');

const client = new DynamoDBClient({
  endpoint,
  region: 'eu-central-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

beforeEach(async () => {
  const name = `usecases-${randomUUID()}`;
  await ensureTable(client, name);
  process.env[ENV.tableName] = name;
});

afterAll(() => client.destroy());
