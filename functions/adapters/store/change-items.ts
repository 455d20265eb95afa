/**
 * The items that change with a request in its own transaction: the approvers' inbox entries (an index
 * of the request kept here, like the table's own indexes) and what an approved absence records.
 */
import type { RequestRecord } from '../../domain/requests/model';
import { pendingApprovers } from '../../domain/requests/model';
import type { AbsenceWrites } from '../../ports';
import { delegationItem, leaveItem } from './absences';
import { approvalTaskKey, approverPartition, leaveKey } from './keys';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

export interface ChangeItems {
  puts: Item[];
  deletes: Key[];
}

/** The inbox entry of one approver for a stage; it carries the request (rewritten with each change of it). */
export function approvalTaskItem(request: RequestRecord, stageIndex: number, approverId: string, activatedAt: string) {
  return {
    ...approvalTaskKey(request.id, request.round, stageIndex, approverId),
    entity: 'approval-task',
    requestId: request.id,
    approverId,
    stageIndex,
    gsi2pk: approverPartition(approverId),
    gsi2sk: `${activatedAt}#${request.id}`,
    request,
  };
}

/**
 * Inbox entries to write and remove so the index shows exactly the pending approvers of `after`, each
 * carrying `after` itself: every entry is rewritten with each change, so an inbox never shows an older
 * deadline or fewer approvers than the request (an escalation changes both).
 */
export function inboxItems(before: RequestRecord | undefined, after: RequestRecord): ChangeItems {
  const now = pendingApprovers(after);
  const stage = after.currentStage ?? -1;
  // The sort key must not move with the rewrites: stages written before activatedAt use createdAt.
  const activatedAt = after.approvals[stage]?.activatedAt ?? after.createdAt;
  const gone = before ? pendingApprovers(before) : [];
  const stays = (id: string) => before?.round === after.round && before.currentStage === stage && now.includes(id);
  return {
    puts: now.map((id) => approvalTaskItem(after, stage, id, activatedAt)),
    deletes: before
      ? gone
          .filter((id) => !stays(id))
          .map((id) => approvalTaskKey(after.id, before.round, before.currentStage ?? -1, id))
      : [],
  };
}

export function absenceItems(absence: AbsenceWrites | undefined): ChangeItems {
  if (!absence) return { puts: [], deletes: [] };
  const { userId, requestId, leave, delegation, replaces } = absence;
  return {
    puts: [
      ...(leave ? [leaveItem(userId, leave, requestId)] : []),
      ...(delegation ? [delegationItem(userId, delegation)] : []),
    ],
    deletes: replaces.map((from) => leaveKey(userId, from)),
  };
}
