/** The API's shapes as the portal reads them (see shared/API.md and GET /api/openapi.json). */
import type { Locale } from '../../../functions/domain/catalog/schema';
import type { EventType, HistoryEvent, RequestStatus } from '../../../functions/domain/requests/model';

export type { EventType, Locale, RequestStatus };

export type Role = 'employee' | 'agent' | 'approver' | 'admin';
export type Category = 'hr' | 'finance' | 'legal' | 'it' | 'procurement' | 'admin';

export interface Delegation {
  delegateId: string;
  from: string;
  until: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  department: string | null;
  managerId: string | null;
  jobTitle: { en: string; ru: string } | null;
  teams: string[];
  roles: Role[];
  delegation: Delegation | null;
}

/** A person of the directory as GET /api/dev/users lists them (local runtime only). */
export interface Person {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  department: string | null;
  managerId: string | null;
  teams: string[];
  roles: Role[];
  jobTitle: { en: string; ru: string } | null;
}

export interface Condition {
  field: string;
  eq?: string | number | boolean;
  ne?: string | number | boolean;
  in?: (string | number)[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'date'
  | 'dateRange'
  | 'select'
  | 'multiselect'
  | 'checkbox'
  | 'email'
  | 'user';

/** One property of a service form (JSON Schema 2020-12 plus the `x-` hints). */
export interface PropertySchema {
  title: string;
  description?: string;
  'x-kind': FieldKind;
  'x-showIf'?: Condition;
  'x-enumNames'?: string[];
  'x-notInPast'?: boolean;
  'x-maxDays'?: number;
  type?: string;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  const?: unknown;
  default?: unknown;
  minItems?: number;
  maxItems?: number;
  items?: { enum?: string[]; 'x-enumNames'?: string[] };
  properties?: Record<string, { minimum?: number; maximum?: number; enum?: string[]; default?: unknown }>;
}

export interface FormSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  'x-order'?: string[];
  allOf?: { if: unknown; then: { required: string[] } }[];
}

export interface Service {
  id: string;
  category: Category;
  title: string;
  description: string;
  keywords: string[];
  team: string;
  form: FormSchema;
  sla: { responseHours: number; resolutionHours: number; calendar: string };
  approvalStages: { id: string; title: string; mode: 'all' | 'any'; conditional: boolean }[];
}

export interface RouteApprover {
  id: string;
  name: string;
  onBehalfOf?: string;
}

export interface RoutePreview {
  approvals: {
    stage: string;
    title: string;
    mode: 'all' | 'any';
    status: 'pending' | 'skipped';
    approvers: RouteApprover[];
    /** The stage's expected decision (pending stages). */
    dueAt?: string;
    /** The stage depends on a field not filled in yet: the condition, in words. */
    condition?: string;
    notes?: { reason: string; personId: string; replacedBy?: string }[];
  }[];
  team: string;
  dueAt: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'skipped';
export type Decision = 'approve' | 'reject' | 'return';

export interface StageApprover {
  id: string;
  name: string;
  decision?: Decision;
  decidedAt?: string;
  onBehalfOf?: string;
  escalation?: boolean;
}

export interface ApprovalStage {
  stage: string;
  title: string;
  mode: 'all' | 'any';
  status: ApprovalStatus;
  approvers: StageApprover[];
  dueAt?: string;
  /** The first deadline the stage missed (kept across escalations). */
  overdueSince?: string;
  /** Set when nobody was left to escalate to: the stage stays overdue. */
  escalationExhaustedAt?: string;
}

export interface RequestItem {
  id: string;
  serviceId: string;
  serviceTitle: string;
  requesterId: string;
  requesterName: string;
  status: RequestStatus;
  fields: Record<string, unknown>;
  version: number;
  assigneeId: string | null;
  assigneeName: string | null;
  team: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  sla: {
    responseDueAt: string | null;
    resolutionDueAt: string | null;
    respondedAt: string | null;
    paused: boolean;
    breached: boolean;
  };
  approvals: ApprovalStage[];
}

/** The history event as the API sends it: the domain's own type. */
export type { HistoryEvent };

/** A request as GET /requests lists it. */
export interface RequestListItem extends RequestItem {
  /** The key fields in one line, in the reader's language ("Laptops for sales · RUB 250,000"). */
  summary: string;
  /** Working time to the resolution deadline while queued with a running clock. */
  slaLeft: { workingHours: number; overdue: boolean; text: string } | null;
}

export interface RequestDetail extends RequestItem {
  history: HistoryEvent[];
  /** While approvals are pending: when the request is expected to be done (GET /requests/{id} only). */
  expectedDoneAt?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ActionType =
  'take' | 'assign' | 'request_info' | 'provide_info' | 'resolve' | 'reopen' | 'close' | 'cancel';

export interface ErrorDetail {
  path: string;
  message: string;
}
