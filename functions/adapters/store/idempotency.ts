/**
 * Idempotency records: written in the same transaction as the change they guard, so a retried POST
 * either finds the record (and replays the first answer) or makes the change, never both.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CAPACITY, db, tableName } from './client';
import { idempotencyKey } from './keys';
import { unexpired, type IdempotencyRecord, type IdempotencyStore } from '../../ports';

export type { IdempotencyRecord };
export { unexpired };

export async function findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: idempotencyKey(keyHash), ConsistentRead: true, ...CAPACITY }),
  );
  return unexpired(Item as IdempotencyRecord | undefined);
}

export const idempotencyStore: IdempotencyStore = { findIdempotencyRecord };
