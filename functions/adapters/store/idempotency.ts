/**
 * Idempotency records: written in the same transaction as the change they guard, so a retried POST
 * either finds the record (and replays the first answer) or makes the change, never both.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CAPACITY, db, tableName } from './client';
import { idempotencyKey } from './keys';

export interface IdempotencyRecord {
  keyHash: string;
  bodyHash: string;
  /** What the first call answered: its status and the request (and event) it produced. */
  status: number;
  requestId: string;
  seq?: number;
  /** Epoch seconds; DynamoDB TTL removes the record after a day. */
  expiresAt: number;
}

/** The record, unless it is past its expiry (DynamoDB's TTL removes it only some time later). */
export const unexpired = (record: IdempotencyRecord | undefined) =>
  record && !(typeof record.expiresAt === 'number' && record.expiresAt * 1000 < Date.now()) ? record : undefined;

export async function findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: idempotencyKey(keyHash), ConsistentRead: true, ...CAPACITY }),
  );
  return unexpired(Item as IdempotencyRecord | undefined);
}
