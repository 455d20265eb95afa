/**
 * Every key of the single table is built here and nowhere else.
 *
 * | entity          | pk              | sk                    | gsi1 (pk / sk)                 | gsi2 (pk / sk)                          | gsi3 (pk / sk)          |
 * |-----------------|-----------------|-----------------------|--------------------------------|-----------------------------------------|-------------------------|
 * | request         | REQ#<id>        | META                  | REQUESTER#<userId> / <created>#<id> | QUEUE#<team> / <resolutionDue>#<id> (open, in queue) | REQUESTS / <created>#<id> |
 * | history event   | REQ#<id>        | EVT#<seq, 6 digits>   |                                |                                         |                         |
 * | user            | USER#<id>       | PROFILE               | EMAIL#<email> / USER           |                                         |                         |
 * | delegation      | USER#<id>       | DELEGATION            |                                |                                         |                         |
 * | idempotency     | IDEM#<sha256>   | IDEM                  |                                |                                         |                         | (TTL expiresAt)
 * | approval task   | REQ#<id>        | APR#<round>#<stage>#<approverId> |                     | APPROVER#<approverId> / <activated>#<id> (while pending) |        |
 * | stage token     | REQ#<id>        | TOKEN#<round>#<stage> |                                |                                         |                         |
 * | delegation      | USER#<id>       | DELEGATION            | DELEGATE#<delegateId> / <until>#<id> |                                   | ABSENCES / <until>#<id>#D |
 * | leave           | USER#<id>       | LEAVE#<from>          |                                |                                         | ABSENCES / <until>#<id>#L |
 * | team counter    | TEAM#<team>     | ROTATION              |                                |                                         |                         |
 * | aggregated mark | REQ#<id>        | AGG#<seq, 6 digits>   |                                |                                         |                         |
 * | day aggregates  | STATS#<scope>#<yyyy-mm> | <yyyy-mm-dd>#<dimension> (fields `<key>|<field>`) |  |                                         |                         |
 * | month rollup    | STATS#<scope>#<yyyy-mm> | <yyyy-mm>#<dimension> (the month's days summed) |    |                                         |                         |
 * | write allowance | RATE#<userId>   | MINUTE#<epoch minute> |                                |                                         |                         | (TTL expiresAt)
 *
 * Access patterns: a request with its history = one Query on REQ#<id>; my requests = gsi1;
 * a team's queue by due time = gsi2; all requests (admins) = gsi3; a user with their delegation =
 * one Query on USER#<id>; an idempotency record = GetItem; an approver's inbox = gsi2; who I
 * decide for = gsi1 DELEGATE#<me>; everyone absent now = gsi3 ABSENCES from today on.
 *
 * Analytics (functions/adapters/store/aggregates.ts): a history event is counted exactly once, in one
 * transaction that puts its mark `AGG#<seq>` (attribute_not_exists) and ADDs to the day aggregates.
 * <scope> is `ALL` or `DEPT#<department>` (the requester's); <dimension> is SVC, DEPT, TEAM,
 * APPROVER, STAGE or APRSTAGE (functions/domain/analytics/model.ts); one item holds a day's
 * aggregates of every key of one dimension (`vacation|res_n`, `natalia.orlova|dec_h30`), so a day
 * is a handful of items. They live in one partition per scope and month, sorted by day, with the
 * month's rollup (every event is added to its day and to its month) sorted before the days: a
 * period's analytics read one Query per month of the period and scope (a whole month: its rollup;
 * a part: sk BETWEEN its first and last day), paged past 1 MB, never more than one per day page. The backlog reads the queue index (gsi2 QUEUE#<team>) and pending
 * approvals the approver inbox (gsi2 APPROVER#<id>).
 */
import type { Scope } from '../../domain/analytics/model';
import { isInQueue, type RequestRecord } from '../../domain/requests/model';

export const SEQ_DIGITS = 6;

export const requestKey = (id: string) => ({ pk: `REQ#${id}`, sk: 'META' });
export const eventKey = (id: string, seq: number) => ({
  pk: `REQ#${id}`,
  sk: `EVT#${String(seq).padStart(SEQ_DIGITS, '0')}`,
});
export const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' });
export const delegationKey = (id: string) => ({ pk: `USER#${id}`, sk: 'DELEGATION' });
export const idempotencyKey = (hash: string) => ({ pk: `IDEM#${hash}`, sk: 'IDEM' });
const pad = (n: number) => String(n).padStart(3, '0');
export const approvalTaskKey = (id: string, round: number, stage: number, approverId: string) => ({
  pk: `REQ#${id}`,
  sk: `APR#${pad(round)}#${pad(stage)}#${approverId}`,
});
export const stageTokenKey = (id: string, round: number, stage: number) => ({
  pk: `REQ#${id}`,
  sk: `TOKEN#${pad(round)}#${pad(stage)}`,
});
export const EVENT_PREFIX = 'EVT#';
export const aggregatedMarkKey = (id: string, seq: number) => ({
  pk: `REQ#${id}`,
  sk: `AGG#${String(seq).padStart(SEQ_DIGITS, '0')}`,
});
/** A scope's (`ALL` or `DEPT#<department>`) day aggregates of one month (`yyyy-mm`). */
export const statsPartition = (scope: string, month: string) => `STATS#${scope}#${month}`;
/** The sort key of a day's aggregates of one dimension (`SVC`); `~` sorts after every dimension of the day. */
export const statsSortKey = (day: string, dimension: string) => `${day}#${dimension}`;
/** A field of one key inside a day-dimension item: `vacation|res_n`. */
export const statsField = (key: string, field: string) => `${key}|${field}`;
export const STATS_DAY_END = '#~';
/** The sort key of a month's rollup of one dimension (`2026-11#SVC` sorts before `2026-11-01#...`). */
export const statsRollupSortKey = (month: string, dimension: string) => `${month}#${dimension}`;
export const leaveKey = (userId: string, from: string) => ({ pk: `USER#${userId}`, sk: `LEAVE#${from}` });
export const rotationKey = (team: string) => ({ pk: `TEAM#${team}`, sk: 'ROTATION' });
export const rateKey = (userId: string, minute: number) => ({ pk: `RATE#${userId}`, sk: `MINUTE#${minute}` });
export const approverPartition = (userId: string) => `APPROVER#${userId}`;
export const delegatePartition = (userId: string) => `DELEGATE#${userId}`;
export const ABSENCES = 'ABSENCES';

export const requesterPartition = (userId: string) => `REQUESTER#${userId}`;
export const queuePartition = (team: string) => `QUEUE#${team}`;
export const ALL_REQUESTS = 'REQUESTS';
export const emailPartition = (email: string) => `EMAIL#${email.toLowerCase()}`;

/** Requests without a running resolution clock (paused) sort after every due time. */
const NO_DUE = '~';

/** The index attributes a request item carries for its current state (sparse gsi2 while queued). */
export function requestIndexKeys(request: RequestRecord) {
  const created = `${request.createdAt}#${request.id}`;
  const queued = isInQueue(request.status);
  return {
    gsi1pk: requesterPartition(request.requesterId),
    gsi1sk: created,
    gsi2pk: queued ? queuePartition(request.team) : undefined,
    gsi2sk: queued ? `${request.sla.resolutionDueAt ?? NO_DUE}#${request.id}` : undefined,
    gsi3pk: ALL_REQUESTS,
    gsi3sk: created,
  };
}

/**
 * E-mail notification (store/notifications.ts): a notice's send claim `REQ#<id>` / `MAIL#<seq, 6
 * digits>#<recipientId>`, the comment digest `REQ#<id>` / `DIGEST#<recipientId>`, and an
 * approve-by-e-mail token `MAILTOKEN#<sha256>` / `MAILTOKEN` (TTL expiresAt).
 */
export const noticeKey = (id: string, seq: number, recipientId: string) => ({
  pk: `REQ#${id}`,
  sk: `MAIL#${String(seq).padStart(SEQ_DIGITS, '0')}#${recipientId}`,
});
export const digestKey = (id: string, recipientId: string) => ({ pk: `REQ#${id}`, sk: `DIGEST#${recipientId}` });
export const mailTokenKey = (hash: string) => ({ pk: `MAILTOKEN#${hash}`, sk: 'MAILTOKEN' });
/** The scope part of an aggregates partition: `ALL`, or `DEPT#<department>` (the requester's). */
export const statsScope = (scope: Scope) => (scope.kind === 'all' ? 'ALL' : `DEPT#${scope.department}`);
/** The dimension (`SVC`) of a day's or a month's aggregates item, from its sort key. */
export const statsDimensionOf = (sk: string) => sk.slice(sk.lastIndexOf('#') + 1);
/** The key and field of an aggregates field name (`vacation|res_n`); undefined for any other attribute. */
export function statsFieldOf(name: string): { key: string; field: string } | undefined {
  const at = name.lastIndexOf('|');
  return at < 0 ? undefined : { key: name.slice(0, at), field: name.slice(at + 1) };
}
/** The history event an aggregated mark (`REQ#<id>` / `AGG#<seq>`) stands for. */
export const aggregatedMarkOf = (key: Record<string, unknown>) => ({
  requestId: String(key.pk).slice('REQ#'.length),
  seq: Number(String(key.sk).slice('AGG#'.length)),
});
