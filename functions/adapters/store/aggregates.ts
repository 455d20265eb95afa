/**
 * Analytics storage: day aggregates per scope and dimension, kept exactly once per history event.
 * Each unit (one history event's additions) is written in a transaction together with the event's
 * mark `AGG#<seq>`, conditional on the mark not existing: a redelivered event fails the condition
 * and adds nothing. Units are packed into as few transactions as fit (100 items each: marks plus
 * the distinct aggregates they add to, merged), and a transaction cancelled by an existing mark is
 * retried without the units already counted.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { ApprovalStageState, HistoryEvent, RequestRecord } from '../../domain/requests/model';
import { addFields, DIMENSIONS, type Contribution, type Fields, type Scope } from '../../domain/analytics/model';
import { CAPACITY, db, tableName } from './client';
import { queryAll } from './pages';
import {
  aggregatedMarkKey,
  approverPartition,
  EVENT_PREFIX,
  queuePartition,
  requestKey,
  STATS_DAY_END,
  statsField,
  statsPartition,
  statsRollupSortKey,
  statsSortKey,
} from './keys';

/** One history event's additions to the aggregates, counted at most once. */
export interface AggregationUnit {
  requestId: string;
  seq: number;
  at: string;
  scopes: Scope[];
  contributions: Contribution[];
}

const MAX_TRANSACTION_ITEMS = 100;
const MAX_BATCH_GET = 100;
const CONFLICT_RETRIES = 6;

export const scopeKey = (scope: Scope) => (scope.kind === 'all' ? 'ALL' : `DEPT#${scope.department}`);

/** The items a contribution adds to, `pk|sk`: its day's and its month's of its dimension. */
function itemIds(scope: Scope, contribution: Contribution): string[] {
  const month = contribution.day.slice(0, 7);
  const pk = statsPartition(scopeKey(scope), month);
  const kind = DIMENSIONS[contribution.dimension.kind];
  return [`${pk}|${statsSortKey(contribution.day, kind)}`, `${pk}|${statsRollupSortKey(month, kind)}`];
}

const keyedFields = (contribution: Contribution): Fields =>
  Object.fromEntries(
    Object.entries(contribution.fields).map(([field, value]) => [statsField(contribution.dimension.key, field), value]),
  );

/** The distinct items a unit adds to, keyed `pk|sk`, with the unit's fields merged. */
function additionsOf(unit: AggregationUnit, into = new Map<string, Fields>()): Map<string, Fields> {
  for (const scope of unit.scopes)
    for (const contribution of unit.contributions)
      for (const id of itemIds(scope, contribution))
        into.set(id, addFields(into.get(id) ?? {}, keyedFields(contribution)));
  return into;
}

/** An update expression is at most 4 KB: `#f123 :v123, ` per field leaves room for this many. */
const MAX_FIELDS_PER_UPDATE = 250;

/**
 * Greedy packing in order: each chunk's marks plus distinct items fit in one transaction, and no
 * item gathers more fields than one update expression holds.
 */
export function packUnits(units: readonly AggregationUnit[]): AggregationUnit[][] {
  const chunks: AggregationUnit[][] = [];
  let current: AggregationUnit[] = [];
  let merged = new Map<string, Fields>();
  for (const unit of units) {
    const own = additionsOf(unit);
    if (own.size + 1 > MAX_TRANSACTION_ITEMS) throw new Error(`Event ${unit.requestId}#${unit.seq} adds too much`);
    const trial = new Map([...merged].map(([id, fields]) => [id, { ...fields }]));
    additionsOf(unit, trial);
    const tooWide = [...trial.values()].some((fields) => Object.keys(fields).length > MAX_FIELDS_PER_UPDATE);
    if (current.length > 0 && (current.length + 1 + trial.size > MAX_TRANSACTION_ITEMS || tooWide)) {
      chunks.push(current);
      current = [];
      merged = additionsOf(unit);
    } else merged = trial;
    current.push(unit);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function updateItem(id: string, fields: Fields) {
  const [pk, sk] = id.split('|') as [string, string];
  const entries = Object.entries(fields);
  return {
    Update: {
      TableName: tableName(),
      Key: { pk, sk },
      UpdateExpression: `SET entity = :entity ADD ${entries.map((_, i) => `#f${i} :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
      ExpressionAttributeValues: {
        ':entity': 'stats',
        ...Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
      },
    },
  };
}

function transactionOf(units: readonly AggregationUnit[]) {
  const merged = new Map<string, Fields>();
  for (const unit of units) additionsOf(unit, merged);
  return [
    ...units.map((unit) => ({
      Put: {
        TableName: tableName(),
        Item: { ...aggregatedMarkKey(unit.requestId, unit.seq), entity: 'aggregated', at: unit.at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    ...[...merged].map(([id, fields]) => updateItem(id, fields)),
  ];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes one chunk; returns the units it counted (those whose mark already existed are left out). */
async function applyChunk(units: AggregationUnit[]): Promise<AggregationUnit[]> {
  let pending = units;
  for (let attempt = 0; pending.length > 0; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: transactionOf(pending), ...CAPACITY }));
      return pending;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || attempt >= CONFLICT_RETRIES) throw error;
      const reasons = error.CancellationReasons ?? [];
      const counted = new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
      if (counted.size === 0) await pause(20 * 2 ** attempt + Math.random() * 20);
      pending = pending.filter((_, i) => !counted.has(i));
    }
  }
  return [];
}

/**
 * Days written at once: different days never touch the same aggregate, so they never conflict
 * (DynamoDB Local serializes transactions; in AWS they run side by side).
 */
const DAYS_IN_PARALLEL = 2;

const dayOfUnit = (unit: AggregationUnit) => unit.contributions[0]?.day ?? '';

/** Counts each unit at most once, ever; returns the units this call counted. */
export async function applyUnits(units: readonly AggregationUnit[]): Promise<AggregationUnit[]> {
  const byDay = new Map<string, AggregationUnit[]>();
  for (const unit of units) {
    const day = byDay.get(dayOfUnit(unit)) ?? [];
    day.push(unit);
    byDay.set(dayOfUnit(unit), day);
  }
  const days = [...byDay.values()];
  const applied: AggregationUnit[] = [];
  let next = 0;
  const worker = async () => {
    while (next < days.length) {
      for (const chunk of packUnits(days[next++] ?? [])) applied.push(...(await applyChunk(chunk)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(DAYS_IN_PARALLEL, days.length) }, worker));
  return applied;
}

/**
 * Adds units without marks, merged across all of them, 100 aggregates a transaction: for imported
 * history only (the stream consumer skips imported events), counted once by the one import.
 */
export async function addUnitsUnmarked(units: readonly AggregationUnit[]) {
  const merged = new Map<string, Fields>();
  for (const unit of units) additionsOf(unit, merged);
  // Items wider than one update expression are added in parts, each part in a later round.
  const rounds: ReturnType<typeof updateItem>[][] = [];
  for (const [id, fields] of merged) {
    const entries = Object.entries(fields);
    for (let part = 0; part * MAX_FIELDS_PER_UPDATE < entries.length; part++) {
      const slice = entries.slice(part * MAX_FIELDS_PER_UPDATE, (part + 1) * MAX_FIELDS_PER_UPDATE);
      (rounds[part] ??= []).push(updateItem(id, Object.fromEntries(slice)));
    }
  }
  for (const updates of rounds)
    for (let i = 0; i < updates.length; i += MAX_TRANSACTION_ITEMS)
      await db.send(
        new TransactWriteCommand({ TransactItems: updates.slice(i, i + MAX_TRANSACTION_ITEMS), ...CAPACITY }),
      );
}

/** Which of these events are already counted (`requestId#seq`): BatchGetItem, 100 keys a call. */
export async function countedEvents(events: readonly { requestId: string; seq: number }[]): Promise<Set<string>> {
  const counted = new Set<string>();
  for (let i = 0; i < events.length; i += MAX_BATCH_GET) {
    let keys: Record<string, unknown>[] | undefined = events
      .slice(i, i + MAX_BATCH_GET)
      .map((e) => aggregatedMarkKey(e.requestId, e.seq));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await pause(20 * 2 ** Math.min(attempt, 6));
      const answer: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk, sk' } },
          ...CAPACITY,
        }),
      );
      for (const item of answer.Responses?.[tableName()] ?? [])
        counted.add(`${String(item.pk).slice('REQ#'.length)}#${Number(String(item.sk).slice('AGG#'.length))}`);
      keys = answer.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return counted;
}

/** A request's history, oldest first: one Query (paged only past 1 MB). */
export async function historyOf(requestId: string): Promise<HistoryEvent[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
    ExpressionAttributeValues: { ':pk': requestKey(requestId).pk, ':evt': EVENT_PREFIX },
    ConsistentRead: true,
  });
  return items.map(({ pk: _pk, sk: _sk, entity: _entity, ...event }) => event as unknown as HistoryEvent);
}

/**
 * A scope's aggregates of the days `from`..`to` (inclusive) of one month: its rollup when that is the
 * whole month, else the days. One Query, paged past 1 MB.
 */
async function monthStats(scope: Scope, from: string, to: string, whole: boolean) {
  const month = from.slice(0, 7);
  return queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': statsPartition(scopeKey(scope), month),
      ':from': whole ? statsRollupSortKey(month, '') : from,
      ':to': whole ? statsRollupSortKey(month, '~') : `${to}${STATS_DAY_END}`,
    },
  });
}

/**
 * The scope's aggregates of the given months' days (YYYY-MM-DD, inclusive; `whole` when a month is
 * covered entirely), summed by dimension id (`SVC#vacation`): one Query per month, in parallel.
 */
export async function periodStats(scope: Scope, months: readonly { from: string; to: string; whole: boolean }[]) {
  const pages = await Promise.all(months.map((m) => monthStats(scope, m.from, m.to, m.whole)));
  const totals = new Map<string, Fields>();
  for (const item of pages.flat()) {
    const sk = String(item.sk);
    const kind = sk.slice(sk.lastIndexOf('#') + 1);
    for (const [name, value] of Object.entries(item)) {
      const at = name.lastIndexOf('|');
      if (at < 0 || typeof value !== 'number') continue;
      const id = `${kind}#${name.slice(0, at)}`;
      const fields = totals.get(id) ?? {};
      fields[name.slice(at + 1)] = (fields[name.slice(at + 1)] ?? 0) + value;
      totals.set(id, fields);
    }
  }
  return totals;
}

export interface QueuedRequest {
  requesterId: string;
  createdAt: string;
  startedAt: string | null;
  breached: boolean;
}

/** The open requests in a team's queue (gsi2 QUEUE#<team>): one Query, only what the backlog needs. */
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

export interface PendingApproval {
  requestId: string;
  requesterId: string;
  /** The version of the request copy the entry carries: several entries of one request, the newest wins. */
  version: number;
  /** The stage waited for, as that copy has it. */
  stage: ApprovalStageState | undefined;
}

/**
 * The approvals waiting for this approver (gsi2 APPROVER#<id>): one Query, only what the analytics
 * need of the request copy each entry carries.
 */
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
