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

export interface ApprovalStageState {
  stage: string;
  title: Localized;
  mode: 'all' | 'any';
  status: ApprovalStatus;
  approvers: { id: string; name: string; decision?: string; decidedAt?: string; onBehalfOf?: string }[];
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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

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
