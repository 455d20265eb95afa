/**
 * What the use cases need from the table, in domain terms: requests with their history, the approver
 * inbox, stage tokens, absences, idempotency records and a team's load. The DynamoDB adapters
 * (functions/adapters/store/) implement it; every change is one transaction that also keeps the
 * request's indexes (the approvers' inbox entries among them) in step.
 */
import type { Period } from '../domain/absences';
import type { Person } from '../domain/catalog/schema';
import type { HistoryEvent, RequestRecord, RequestStatus } from '../domain/requests/model';

/** The request changed since it was read, or the idempotency key is already taken. */
export class WriteConflictError extends Error {
  constructor(
    readonly reason: 'changed' | 'idempotency',
    /** With `idempotency`: the record that holds the key, as the cancelled transaction returned it. */
    readonly holder?: IdempotencyRecord,
  ) {
    super(reason === 'changed' ? 'The request changed since it was read' : 'The idempotency key is taken');
    this.name = 'WriteConflictError';
  }
}

/** The caller wrote more than their per-minute allowance (checked inside the same transaction). */
export class RateLimitedError extends Error {
  constructor() {
    super('Too many changes in a minute');
    this.name = 'RateLimitedError';
  }
}

export interface IdempotencyRecord {
  keyHash: string;
  bodyHash: string;
  /** What the first call answered: its status and the request (and event) it produced. */
  status: number;
  requestId: string;
  seq?: number;
  /** Epoch seconds; DynamoDB TTL removes the record after a day. */
  expiresAt: number;
}

/** The record, unless it is past its expiry (DynamoDB's TTL removes it only some time later). */
export const unexpired = (record: IdempotencyRecord | undefined) =>
  record && !(typeof record.expiresAt === 'number' && record.expiresAt * 1000 < Date.now()) ? record : undefined;

/** Per-user write allowance: a counter per user and minute, bumped in the change's own transaction. */
export interface RateLimit {
  userId: string;
  perMinute: number;
  /** Epoch milliseconds of the change. */
  at: number;
}

export interface Delegation {
  delegateId: string;
  from: string;
  until: string;
}

/** What an approved absence request records with the change that puts it in the queue. */
export interface AbsenceWrites {
  userId: string;
  requestId: string;
  leave?: Period;
  delegation?: Delegation;
  /** Start dates of the person's leaves the new one replaces (merged into it). */
  replaces: readonly string[];
}

export interface ChangeOptions {
  idempotency?: IdempotencyRecord;
  rateLimit?: RateLimit;
  absence?: AbsenceWrites;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a caller asks of a list: a page size, where to go on, and the filters. */
export interface ListOptions {
  limit: number;
  cursor?: string;
  status?: RequestStatus;
  serviceId?: string;
  /** Only the requests of this assignee; null: only those nobody is assigned to. */
  assigneeId?: string | null;
  /** A test no index or filter expression can make (free-text search), applied to each request read. */
  matches?: (request: RequestRecord) => boolean;
}

/** A cursor that was not issued for this list (forged, truncated or from another list). */
export class InvalidCursorError extends Error {
  constructor(options?: ErrorOptions) {
    super('Invalid cursor', options);
    this.name = 'InvalidCursorError';
  }
}

export interface RequestStore {
  getRequest(id: string): Promise<RequestRecord | undefined>;
  getRequestWithHistory(id: string): Promise<{ request: RequestRecord; history: HistoryEvent[] } | undefined>;
  /** The newest `limit` events after `afterSeq`, oldest first, and whether older ones were left unread. */
  recentHistory(id: string, afterSeq: number, limit: number): Promise<{ events: HistoryEvent[]; truncated: boolean }>;
  /** A new request with its first event; throws WriteConflictError / RateLimitedError. */
  insertRequest(request: RequestRecord, first: HistoryEvent, options?: ChangeOptions): Promise<void>;
  /** Replaces `before` by `after` and appends `events`, if nothing was written in between. */
  commitChange(
    before: RequestRecord,
    after: RequestRecord,
    events: HistoryEvent[],
    options?: ChangeOptions,
  ): Promise<void>;
  listByRequester(userId: string, options: ListOptions): Promise<Page<RequestRecord>>;
  listTeamQueue(team: string, options: ListOptions): Promise<Page<RequestRecord>>;
  listAll(options: ListOptions): Promise<Page<RequestRecord>>;
}

export interface ApprovalStore {
  /** The requests waiting for this approver's decision (their inbox). */
  listApprovalTasks(approverId: string, options: ListOptions): Promise<Page<RequestRecord>>;
  /** Keeps a waiting stage's task token, only while that stage still waits; false otherwise. */
  saveStageToken(requestId: string, round: number, stageIndex: number, token: string): Promise<boolean>;
  getStageToken(requestId: string, round: number, stageIndex: number): Promise<string | undefined>;
}

export interface AbsenceRecord {
  entity: 'leave' | 'delegation';
  userId: string;
  from: string;
  until: string;
  delegateId?: string;
}

export interface AbsenceStore {
  putDelegation(userId: string, delegation: Delegation): Promise<void>;
  deleteDelegation(userId: string): Promise<void>;
  /** One person's leaves that end `today` or later. */
  leavesOf(userId: string, today: string): Promise<Period[]>;
  /** Delegations and leaves that have not ended before `today`. */
  currentAbsences(today: string): Promise<AbsenceRecord[]>;
  /** People whose approvals `delegateId` decides today. */
  delegatorsOf(delegateId: string, today: string): Promise<string[]>;
}

export interface IdempotencyStore {
  findIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined>;
}

export interface TeamStore {
  /** Open requests assigned to each member of the team. */
  openLoadByAssignee(team: string): Promise<Map<string, number>>;
  /** The next value of the team's round-robin counter. */
  nextRotation(team: string): Promise<number>;
}

export interface UserStore {
  getUserWithDelegation(id: string): Promise<{ person: Person; delegation: Delegation | null } | undefined>;
}
