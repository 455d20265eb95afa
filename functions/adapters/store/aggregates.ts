/**
 * The AggregateStore adapter (functions/ports/aggregates.ts): day aggregates per scope and dimension,
 * counted exactly once per history event and read back per period; the open work it reads is
 * store/open-work.ts. Each unit (one history event's additions) is written in a transaction together with the event's
 * mark `AGG#<seq>`, conditional on the mark not existing: a redelivered event fails the condition
 * and adds nothing. Units are packed into as few transactions as fit (100 items each: marks plus
 * the distinct aggregates they add to, merged), and a transaction cancelled by an existing mark is
 * retried without the units already counted.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { addFields, DIMENSIONS, type Contribution, type Fields, type Scope } from '../../domain/analytics/model';
import type { AggregationUnit, EventRef, MonthSpan } from '../../ports';
import { CAPACITY, db, tableName } from './client';
import {
  aggregatedMarkKey,
  aggregatedMarkOf,
  STATS_DAY_END,
  statsDimensionOf,
  statsField,
  statsFieldOf,
  statsPartition,
  statsRollupSortKey,
  statsScope,
  statsSortKey,
} from './keys';
import { queryAll } from './pages';

const MAX_TRANSACTION_ITEMS = 100;
const MAX_BATCH_GET = 100;
const CONFLICT_RETRIES = 6;

interface ItemKey {
  pk: string;
  sk: string;
}

/** What a batch adds to each item it touches, keyed by the item's `pk sk` (one entry an item). */
type Additions = Map<string, { key: ItemKey; fields: Fields }>;

/** The items a contribution adds to: its day's and its month's of its dimension. */
function itemKeys(scope: Scope, contribution: Contribution): ItemKey[] {
  const month = contribution.day.slice(0, 7);
  const pk = statsPartition(statsScope(scope), month);
  const kind = DIMENSIONS[contribution.dimension.kind];
  return [
    { pk, sk: statsSortKey(contribution.day, kind) },
    { pk, sk: statsRollupSortKey(month, kind) },
  ];
}

const keyedFields = (contribution: Contribution): Fields =>
  Object.fromEntries(
    Object.entries(contribution.fields).map(([field, value]) => [statsField(contribution.dimension.key, field), value]),
  );

/** The distinct items a unit adds to, with the unit's fields merged. */
function additionsOf(unit: AggregationUnit, into: Additions = new Map()): Additions {
  for (const scope of unit.scopes)
    for (const contribution of unit.contributions)
      for (const key of itemKeys(scope, contribution)) {
        const id = `${key.pk} ${key.sk}`;
        into.set(id, { key, fields: addFields(into.get(id)?.fields ?? {}, keyedFields(contribution)) });
      }
  return into;
}

/** An update expression is at most 4 KB: `#f123 :v123, ` per field leaves room for this many. */
const MAX_FIELDS_PER_UPDATE = 250;

/**
 * Greedy packing in order: each chunk's marks plus distinct items fit in one transaction, and no
 * item gathers more fields than one update expression holds.
 */
function packUnits(units: readonly AggregationUnit[]): AggregationUnit[][] {
  const chunks: AggregationUnit[][] = [];
  let current: AggregationUnit[] = [];
  let merged: Additions = new Map();
  for (const unit of units) {
    const own = additionsOf(unit);
    if (own.size + 1 > MAX_TRANSACTION_ITEMS) throw new Error(`Event ${unit.requestId}#${unit.seq} adds too much`);
    const trial: Additions = new Map([...merged].map(([id, item]) => [id, { ...item, fields: { ...item.fields } }]));
    additionsOf(unit, trial);
    const tooWide = [...trial.values()].some(({ fields }) => Object.keys(fields).length > MAX_FIELDS_PER_UPDATE);
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

function updateItem(key: ItemKey, fields: Fields) {
  const entries = Object.entries(fields);
  return {
    Update: {
      TableName: tableName(),
      Key: key,
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
  const merged: Additions = new Map();
  for (const unit of units) additionsOf(unit, merged);
  return [
    ...units.map((unit) => ({
      Put: {
        TableName: tableName(),
        Item: { ...aggregatedMarkKey(unit.requestId, unit.seq), entity: 'aggregated', at: unit.at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    ...[...merged.values()].map(({ key, fields }) => updateItem(key, fields)),
  ];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes one chunk; returns the units it counted (those whose mark already existed are left out). */
async function applyChunk(units: AggregationUnit[]): Promise<AggregationUnit[]> {
  let pending = units;
  for (let attempt = 0; pending.length > 0; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: transactionOf(pending), ...CAPACITY }));
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
export async function countOnce(units: readonly AggregationUnit[]): Promise<AggregationUnit[]> {
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
export async function addImported(units: readonly AggregationUnit[]) {
  const merged: Additions = new Map();
  for (const unit of units) additionsOf(unit, merged);
  // Items wider than one update expression are added in parts, each part in a later round.
  const rounds: ReturnType<typeof updateItem>[][] = [];
  for (const { key, fields } of merged.values()) {
    const entries = Object.entries(fields);
    for (let part = 0; part * MAX_FIELDS_PER_UPDATE < entries.length; part++) {
      const slice = entries.slice(part * MAX_FIELDS_PER_UPDATE, (part + 1) * MAX_FIELDS_PER_UPDATE);
      (rounds[part] ??= []).push(updateItem(key, Object.fromEntries(slice)));
    }
  }
  for (const updates of rounds)
    for (let i = 0; i < updates.length; i += MAX_TRANSACTION_ITEMS)
      await db().send(
        new TransactWriteCommand({ TransactItems: updates.slice(i, i + MAX_TRANSACTION_ITEMS), ...CAPACITY }),
      );
}

/** Which of these events are already counted (`requestId#seq`): BatchGetItem, 100 keys a call. */
export async function countedEvents(events: readonly EventRef[]): Promise<Set<string>> {
  const counted = new Set<string>();
  for (let i = 0; i < events.length; i += MAX_BATCH_GET) {
    let keys: Record<string, unknown>[] | undefined = events
      .slice(i, i + MAX_BATCH_GET)
      .map((e) => aggregatedMarkKey(e.requestId, e.seq));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await pause(20 * 2 ** Math.min(attempt, 6));
      const answer: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk, sk' } },
          ...CAPACITY,
        }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) {
        const { requestId, seq } = aggregatedMarkOf(item);
        counted.add(`${requestId}#${seq}`);
      }
      keys = answer.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return counted;
}

/**
 * A scope's aggregates of the days `from`..`to` (inclusive) of one month: its rollup when that is the
 * whole month, else the days. One Query, paged past 1 MB.
 */
async function monthStats(scope: Scope, { from, to, whole }: MonthSpan) {
  const month = from.slice(0, 7);
  return queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': statsPartition(statsScope(scope), month),
      ':from': whole ? statsRollupSortKey(month, '') : from,
      ':to': whole ? statsRollupSortKey(month, '~') : `${to}${STATS_DAY_END}`,
    },
  });
}

/**
 * The scope's aggregates of the given months' days, summed by dimension id (`SVC#vacation`): one
 * Query per month, in parallel.
 */
export async function periodTotals(scope: Scope, months: readonly MonthSpan[]): Promise<Map<string, Fields>> {
  const pages = await Promise.all(months.map((month) => monthStats(scope, month)));
  const totals = new Map<string, Fields>();
  for (const item of pages.flat()) {
    const kind = statsDimensionOf(String(item.sk));
    for (const [name, value] of Object.entries(item)) {
      const stat = statsFieldOf(name);
      if (!stat || typeof value !== 'number') continue;
      const id = `${kind}#${stat.key}`;
      const fields = totals.get(id) ?? {};
      fields[stat.field] = (fields[stat.field] ?? 0) + value;
      totals.set(id, fields);
    }
  }
  return totals;
}
