/** What automatic assignment needs to know about a team: its open load and a rotation counter. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CAPACITY, db, tableName } from './client';
import { queuePartition, rotationKey } from './keys';
import { queryAll } from './pages';
import type { TeamStore } from '../../ports';

/** Open requests assigned to each member, from the team's queue index (not a Scan). */
export async function openLoadByAssignee(team: string): Promise<Map<string, number>> {
  const load = new Map<string, number>();
  const items = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': queuePartition(team) },
    ProjectionExpression: 'assigneeId',
  });
  for (const item of items) {
    if (typeof item.assigneeId === 'string') load.set(item.assigneeId, (load.get(item.assigneeId) ?? 0) + 1);
  }
  return load;
}

/** The next value of the team's round-robin counter (atomic). */
export async function nextRotation(team: string): Promise<number> {
  const { Attributes } = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: rotationKey(team),
      UpdateExpression: 'ADD turns :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
      ...CAPACITY,
    }),
  );
  return Number(Attributes?.turns ?? 0);
}

export const teamStore: TeamStore = { openLoadByAssignee, nextRotation };
