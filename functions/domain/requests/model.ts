/** The request and its history as the domain sees them (storage keys live only in adapters/store). */
import type { Localized, Locale, Role } from '../catalog/schema';
import type { FieldValues } from '../forms/conditions';

export const STATUSES = [
  'pending_approval',
  'in_progress',
  'waiting_for_requester',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly RequestStatus[] = ['pending_approval', 'in_progress', 'waiting_for_requester'];
export const isOpen = (status: RequestStatus) => OPEN_STATUSES.includes(status);
/** Open and in the fulfilling team's hands (a request waiting for approval is not in the queue yet). */
export const isInQueue = (status: RequestStatus) => status === 'in_progress' || status === 'waiting_for_requester';

/** Who is calling, as established by a verified token. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  roles: Role[];
  teams: string[];
}

export interface Pause {
  from: string;
  to: string | null;
}

export interface SlaState {
  /** When the request entered its team's queue; the clocks run from here. */
  startedAt: string | null;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  respondedAt: string | null;
  pauses: Pause[];
  breached: boolean;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'skipped';

export type Decision = 'approve' | 'reject' | 'return';

export interface StageApprover {
  id: string;
  name: string;
  decision?: Decision;
  decidedAt?: string;
  /** The approver this person acts for (a delegate), set when routed to or decided by a delegate. */
  onBehalfOf?: string;
  /** Added when the stage was escalated past its deadline. */
  escalation?: boolean;
}

export interface ApprovalStageState {
  stage: string;
  title: Localized;
  mode: 'all' | 'any';
  status: ApprovalStatus;
  approvers: StageApprover[];
  dueHours: number;
  /** When the stage became the current one, and its deadline in business hours from then. */
  activatedAt?: string;
  dueAt?: string;
  escalations?: number;
  /** The first deadline the stage missed; kept when an escalation gives the next approver a new one. */
  overdueSince?: string;
  /** When the stage ran out of people to escalate to: it stays overdue (its deadline no longer moves). */
  escalationExhaustedAt?: string;
  /** Why a stage was skipped or an approver replaced (self-approval, asked twice). */
  notes?: RoutingNote[];
}

export interface RoutingNote {
  reason:
    | 'requester_is_approver'
    | 'beneficiary_is_approver'
    | 'already_in_chain'
    | 'delegated'
    | 'delegate_unfit'
    | 'fallback'
    | 'no_approver';
  personId: string;
  replacedBy?: string;
  /** The fallback rule that found the approver. */
  rule?: string;
}

export interface RequestRecord {
  id: string;
  serviceId: string;
  serviceTitle: Localized;
  requesterId: string;
  requesterName: string;
  status: RequestStatus;
  /** The status to go back to when the requester provides the information asked for. */
  resumeStatus: RequestStatus | null;
  fields: FieldValues;
  version: number;
  /** The seq of the newest history event. */
  lastSeq: number;
  assigneeId: string | null;
  assigneeName: string | null;
  team: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  sla: SlaState;
  approvals: ApprovalStageState[];
  /** Approval round: 1, then +1 each time a returned request is resubmitted. */
  round: number;
  /** Index in `approvals` of the stage waiting for decisions, or null. */
  currentStage: number | null;
  /** SLA thresholds already announced, so each warning and breach is recorded once. */
  slaEvents: string[];
  /** The SLA timer execution in charge; an older one that wakes up sees it is superseded and ends. */
  slaTimer: string | null;
}

export const EVENT_TYPES = [
  'submitted',
  'assigned',
  'comment',
  'info_requested',
  'info_provided',
  'resolved',
  'reopened',
  'closed',
  'cancelled',
  'status_changed',
  'approved',
  'rejected',
  'returned',
  'stage_completed',
  'approval_escalated',
  'approval_overdue',
  'sla_warning',
  'sla_breached',
  'escalated',
  'workflow_failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The portal itself as the actor of what no person did (assignment, SLA events, escalations, failures). */
export const SYSTEM_ACTOR = { actorId: 'system', actorName: 'Backoffice Portal' } as const;

export interface HistoryEvent {
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  type: EventType;
  from?: RequestStatus;
  to?: RequestStatus;
  comment?: string;
  internal?: boolean;
  data?: Record<string, unknown>;
}

export type NewEvent = Omit<HistoryEvent, 'seq'>;

/** Undecided approvers of the stage waiting now (`currentStage`). */
export function pendingApprovers(request: RequestRecord): string[] {
  if (request.status !== 'pending_approval' || request.currentStage === null) return [];
  const stage = request.approvals[request.currentStage];
  if (!stage || stage.status !== 'pending') return [];
  return stage.approvers.filter((a) => !a.decision).map((a) => a.id);
}
