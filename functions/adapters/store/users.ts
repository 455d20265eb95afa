/** The company directory and delegations, as stored in the table. */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '../../domain/catalog/schema';
import { CAPACITY, db, tableName } from './client';
import { emailPartition, userKey } from './keys';
import type { Delegation, UserStore } from '../../ports';

const BATCH = 25;

/** Writes (or overwrites) directory entries; used by the seed and the directory sync. */
export async function putPeople(people: readonly Person[]) {
  for (let i = 0; i < people.length; i += BATCH) {
    let pending: Record<string, unknown[]> | undefined = {
      [tableName()]: people.slice(i, i + BATCH).map((person) => ({
        PutRequest: {
          Item: {
            ...userKey(person.id),
            entity: 'user',
            ...person,
            gsi1pk: emailPartition(person.email),
            gsi1sk: 'USER',
          },
        },
      })),
    };
    // BatchWrite may leave items unprocessed under load; send them again until none are left.
    while (pending && Object.keys(pending).length > 0) {
      const result = await db().send(new BatchWriteCommand({ RequestItems: pending as never, ...CAPACITY }));
      pending = result.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
}

/** A person's profile and their delegation, if any: one Query. */
export async function getUserWithDelegation(
  id: string,
): Promise<{ person: Person; delegation: Delegation | null } | undefined> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': userKey(id).pk },
      ...CAPACITY,
    }),
  );
  const profile = Items.find((item) => item.sk === 'PROFILE');
  if (!profile) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, gsi1pk: _g1, gsi1sk: _g2, ...person } = profile;
  const delegation = Items.find((item) => item.sk === 'DELEGATION');
  return {
    person: person as Person,
    delegation: delegation
      ? {
          delegateId: delegation.delegateId as string,
          from: delegation.from as string,
          until: delegation.until as string,
        }
      : null,
  };
}

export const userStore: UserStore = { getUserWithDelegation };
