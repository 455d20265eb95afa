/**
 * Delegations (who decides my approvals while I am away) and leaves (approved absences), indexed so
 * that "who is absent now" and "whom do I decide for" are one Query each. What an absence request may
 * write (bounded, merged, no self-delegation) is decided in domain/absences.ts; a person's own leaves
 * are one Query on their partition.
 */
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CAPACITY, db, tableName } from './client';
import type { Period } from '../../domain/absences';
import { ABSENCES, delegatePartition, delegationKey, leaveKey } from './keys';
import { queryAll } from './pages';
import type { AbsenceRecord, AbsenceStore, Delegation } from '../../ports';

export type { Delegation };

export const delegationItem = (userId: string, delegation: Delegation) => ({
  ...delegationKey(userId),
  entity: 'delegation',
  userId,
  ...delegation,
  gsi1pk: delegatePartition(delegation.delegateId),
  gsi1sk: `${delegation.until}#${userId}`,
  gsi3pk: ABSENCES,
  gsi3sk: `${delegation.until}#${userId}#D`,
});

export const leaveItem = (userId: string, period: { from: string; until: string }, requestId: string) => ({
  ...leaveKey(userId, period.from),
  entity: 'leave',
  userId,
  ...period,
  requestId,
  gsi3pk: ABSENCES,
  gsi3sk: `${period.until}#${userId}#L`,
});

export async function putDelegation(userId: string, delegation: Delegation) {
  await db().send(new PutCommand({ TableName: tableName(), Item: delegationItem(userId, delegation), ...CAPACITY }));
}

export async function deleteDelegation(userId: string) {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: delegationKey(userId), ...CAPACITY }));
}

/** One person's leaves that end `today` (YYYY-MM-DD) or later: one Query on their partition. */
export async function leavesOf(userId: string, today: string): Promise<Period[]> {
  const { pk, sk: prefix } = leaveKey(userId, '');
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :leave)',
    FilterExpression: '#until >= :today',
    ExpressionAttributeNames: { '#until': 'until' },
    ExpressionAttributeValues: { ':pk': pk, ':leave': prefix, ':today': today },
  });
  return items.map((item): Period => ({ from: item.from as string, until: item.until as string }));
}

/** Delegations and leaves that have not ended before `today` (YYYY-MM-DD): one Query. */
export async function currentAbsences(today: string): Promise<AbsenceRecord[]> {
  const items = (await queryAll({
    TableName: tableName(),
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk >= :today',
    ExpressionAttributeValues: { ':pk': ABSENCES, ':today': today },
  })) as AbsenceRecord[];
  return items.filter((a) => a.from <= today);
}

/** People whose approvals `delegateId` decides today: one Query. */
export async function delegatorsOf(delegateId: string, today: string): Promise<string[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :today',
      ExpressionAttributeValues: { ':pk': delegatePartition(delegateId), ':today': today },
      ...CAPACITY,
    }),
  );
  return Items.filter((item) => (item.from as string) <= today).map((item) => item.userId as string);
}

export const absenceStore: AbsenceStore = {
  putDelegation,
  deleteDelegation,
  leavesOf,
  currentAbsences,
  delegatorsOf,
};
