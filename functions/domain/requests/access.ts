/**
 * Who may see and do what with a request. Deny by default: a caller with no relation to the
 * request does not see it at all (404, never revealing that it exists).
 */
import type { HistoryEvent, Principal, RequestRecord } from './model';

export type Relation = 'requester' | 'approver' | 'team' | 'agent' | 'assignee' | 'admin';

/** `delegators`: people whose approvals the caller currently decides as their delegate. */
export function relationsOf(
  principal: Principal,
  request: RequestRecord,
  delegators: ReadonlySet<string> = new Set(),
): Set<Relation> {
  const relations = new Set<Relation>();
  if (request.requesterId === principal.id) relations.add('requester');
  const actsAs = (id: string) => id === principal.id || delegators.has(id);
  if (
    request.approvals.some((stage) =>
      stage.approvers.some((a) => actsAs(a.id) || (a.onBehalfOf && actsAs(a.onBehalfOf))),
    )
  )
    relations.add('approver');
  if (principal.teams.includes(request.team)) {
    relations.add('team');
    if (principal.roles.includes('agent')) relations.add('agent');
  }
  if (request.assigneeId === principal.id) relations.add('assignee');
  if (principal.roles.includes('admin')) relations.add('admin');
  return relations;
}

export const canView = (relations: Set<Relation>) => relations.size > 0;

/** Internal comments are for the fulfilling team and administrators only. */
export const seesInternal = (relations: Set<Relation>) => relations.has('team') || relations.has('admin');

export const visibleHistory = (history: HistoryEvent[], relations: Set<Relation>) =>
  seesInternal(relations) ? history : history.filter((event) => !event.internal);

export const isAdmin = (principal: Principal) => principal.roles.includes('admin');
