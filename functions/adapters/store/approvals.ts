/**
 * Approval inbox entries (one per approver of the current stage, indexed while pending) and the
 * Step Functions task token of each waiting stage (never shown to clients).
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { RequestRecord } from '../../domain/requests/model';
import { CAPACITY, db, tableName } from './client';
import { approverPartition, requestKey, stageTokenKey } from './keys';
import { queryPage } from './pages';
import type { ApprovalStore, ListOptions, Page } from '../../ports';
import { toRecord } from './requests';

const INBOX_KEYS = ['pk', 'sk', 'gsi2pk', 'gsi2sk'] as const;

/**
 * Requests waiting for this approver's decision, oldest first (one Query; filtered by service, or
 * status, on the request each entry carries, see store/pages.ts).
 */
export const listApprovalTasks = (approverId: string, options: ListOptions): Promise<Page<RequestRecord>> =>
  queryPage(
    {
      ...options,
      index: 'gsi2',
      partition: { attribute: 'gsi2pk', value: approverPartition(approverId) },
      keys: INBOX_KEYS,
      newestFirst: false,
      requestIn: 'request',
    },
    (item) => toRecord(item.request as Record<string, unknown>),
  );

/**
 * Keeps the task token of a waiting stage, but only while that stage is still the request's
 * pending, current stage: a decision that landed first makes this fail, and the caller reports the
 * outcome itself. Returns false in that case.
 */
export async function saveStageToken(requestId: string, round: number, stageIndex: number, token: string) {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...stageTokenKey(requestId, round, stageIndex), entity: 'stage-token', token },
            },
          },
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: requestKey(requestId),
              ConditionExpression: '#round = :round AND currentStage = :stage AND #status = :pending',
              ExpressionAttributeNames: { '#round': 'round', '#status': 'status' },
              ExpressionAttributeValues: { ':round': round, ':stage': stageIndex, ':pending': 'pending_approval' },
            },
          },
        ],
        ...CAPACITY,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

export async function getStageToken(requestId: string, round: number, stageIndex: number) {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: stageTokenKey(requestId, round, stageIndex),
      ConsistentRead: true,
      ...CAPACITY,
    }),
  );
  return Item?.token as string | undefined;
}

export const approvalStore: ApprovalStore = { listApprovalTasks, saveStageToken, getStageToken };
