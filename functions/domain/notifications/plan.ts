/**
 * Who hears about a history event, and why. Pure: the event, the request as it stands now, and the
 * org chart in; notices (recipient + kind) out. Notices about approvals are only planned while the
 * approver still has to decide, so a late stream never asks for a decision already taken.
 */
import { pendingApprovers, SYSTEM_ACTOR, type HistoryEvent, type RequestRecord } from '../requests/model';

export const NOTICE_KINDS = [
  'submitted',
  'approval_needed',
  'approval_overdue',
  'approved',
  'rejected',
  'returned',
  'assigned',
  'info_requested',
  'info_provided',
  'comment',
  'resolved',
  'sla_warning',
  'sla_breached',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  recipientId: string;
  kind: NoticeKind;
}

export interface PlanContext {
  /** The lead of a team, for escalations. */
  teamLeadOf(team: string): string | undefined;
  /** The portal's administrators: told when an approval is overdue with nobody left to escalate to. */
  admins(): string[];
}

const to = (kind: NoticeKind, ...ids: (string | null | undefined)[]): Notice[] =>
  ids
    .filter((id): id is string => typeof id === 'string' && id !== SYSTEM_ACTOR.actorId)
    .map((recipientId) => ({ recipientId, kind }));

function forComment(event: HistoryEvent, request: RequestRecord): Notice[] {
  // Internal comments stay within the team (the assignee); public ones go to the other participants.
  const audience = event.internal ? [request.assigneeId] : [request.requesterId, request.assigneeId];
  return to('comment', ...audience.filter((id) => id !== event.actorId));
}

function forDecision(event: HistoryEvent, request: RequestRecord): Notice[] {
  const kind = event.type as 'approved' | 'rejected' | 'returned';
  const outcome = (event.data?.stageOutcome as string | undefined) ?? 'pending';
  const toRequester = kind !== 'approved' || outcome === 'approved' ? to(kind, request.requesterId) : [];
  const next = event.data?.nextStage ? to('approval_needed', ...pendingApprovers(request)) : [];
  return [...toRequester, ...next];
}

const PLANS: Partial<Record<HistoryEvent['type'], (e: HistoryEvent, r: RequestRecord, c: PlanContext) => Notice[]>> = {
  submitted: (_e, r) => [...to('submitted', r.requesterId), ...to('approval_needed', ...pendingApprovers(r))],
  approved: forDecision,
  rejected: forDecision,
  returned: forDecision,
  approval_escalated: (e, r) =>
    e.data?.escalatedTo ? to('approval_needed', ...pendingApprovers(r).filter((id) => id === e.data?.escalatedTo)) : [],
  approval_overdue: (_e, r, c) => (pendingApprovers(r).length > 0 ? to('approval_overdue', ...c.admins()) : []),
  assigned: (e, r) =>
    e.data?.assigneeId === e.actorId ? [] : to('assigned', e.data?.assigneeId as string, r.assigneeId).slice(0, 1),
  info_requested: (_e, r) => to('info_requested', r.requesterId),
  info_provided: (e, r) =>
    e.to === 'pending_approval' ? to('approval_needed', ...pendingApprovers(r)) : to('info_provided', r.assigneeId),
  comment: forComment,
  resolved: (_e, r) => to('resolved', r.requesterId),
  sla_warning: (_e, r) => to('sla_warning', r.assigneeId),
  sla_breached: (_e, r, c) => to('sla_breached', r.assigneeId, c.teamLeadOf(r.team)),
};

export function planNotices(event: HistoryEvent, request: RequestRecord, context: PlanContext): Notice[] {
  const notices = PLANS[event.type]?.(event, request, context) ?? [];
  const seen = new Set<string>();
  // One message per recipient and event; nobody is told about what they did themselves (but the
  // requester does get the receipt of their own submission).
  const self = (n: Notice) => n.recipientId === event.actorId && n.kind !== 'submitted';
  return notices.filter((n) => !self(n) && !seen.has(n.recipientId) && seen.add(n.recipientId));
}
