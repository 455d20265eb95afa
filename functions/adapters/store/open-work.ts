/**
 * The open work as the analytics see it: a team's queue (gsi2 QUEUE#<team>) and an approver's inbox
 * (gsi2 APPROVER#<id>), each one Query projected to the few attributes the backlog and the pending
 * approvals need. The request lists (store/requests.ts, store/approvals.ts) read the same index
 * partitions page by page with whole requests; these read a partition whole, small.
 */
import type { RequestRecord } from '../../domain/requests/model';
import type { PendingApproval, QueuedRequest } from '../../ports';
import { tableName } from './client';
import { approverPartition, queuePartition } from './keys';
import { queryAll } from './pages';

/** The open requests in a team's queue: one Query, paged past 1 MB. */
export async function teamQueue(team: string): Promise<QueuedRequest[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': queuePartition(team) },
    ExpressionAttributeNames: { '#sla': 'sla' },
    ProjectionExpression: 'requesterId, createdAt, #sla.startedAt, #sla.breached',
  });
  return items.map((item) => {
    const sla = (item.sla ?? {}) as { startedAt?: string | null; breached?: boolean };
    return {
      requesterId: String(item.requesterId),
      createdAt: String(item.createdAt),
      startedAt: sla.startedAt ?? null,
      breached: sla.breached === true,
    };
  });
}

/** The approvals waiting for this approver: one Query, paged past 1 MB. */
export async function pendingApprovals(approverId: string): Promise<PendingApproval[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': approverPartition(approverId) },
    ExpressionAttributeNames: { '#request': 'request', '#version': 'version' },
    ProjectionExpression: 'requestId, stageIndex, #request.requesterId, #request.#version, #request.approvals',
  });
  return items.map((item) => {
    const request = (item.request ?? {}) as Partial<Pick<RequestRecord, 'requesterId' | 'version' | 'approvals'>>;
    return {
      requestId: String(item.requestId),
      requesterId: String(request.requesterId ?? ''),
      version: Number(request.version ?? 0),
      stage: request.approvals?.[Number(item.stageIndex)],
    };
  });
}
