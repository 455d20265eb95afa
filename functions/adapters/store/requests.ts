/**
 * Requests and their history. Every change is one transaction that rewrites the request item
 * (conditional on the `lastSeq` that was read, so nothing changed in between) and appends the next
 * history event: history and state can never disagree, and the history is gap-free.
 */
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { HistoryEvent, RequestRecord } from '../../domain/requests/model';
import { CAPACITY, db, tableName } from './client';
import { queryAll, queryPage } from './pages';
import {
  ALL_REQUESTS,
  EVENT_PREFIX,
  eventKey,
  idempotencyKey,
  queuePartition,
  requesterPartition,
  requestIndexKeys,
  rateKey,
  requestKey,
} from './keys';
import {
  RateLimitedError,
  WriteConflictError,
  type ChangeOptions,
  type IdempotencyRecord,
  type ListOptions,
  type Page,
  type RateLimit,
  type RequestStore,
} from '../../ports';
import { absenceItems, inboxItems, type ChangeItems } from './change-items';

const REQUEST_FIELDS = [
  'round',
  'currentStage',
  'slaEvents',
  'slaTimer',
  'id',
  'serviceId',
  'serviceTitle',
  'requesterId',
  'requesterName',
  'status',
  'resumeStatus',
  'fields',
  'version',
  'lastSeq',
  'assigneeId',
  'assigneeName',
  'team',
  'createdAt',
  'updatedAt',
  'resolvedAt',
  'sla',
  'approvals',
] as const satisfies readonly (keyof RequestRecord)[];

/** Attributes added after the first release, for items written before them. */
const DEFAULTS: Partial<Record<keyof RequestRecord, unknown>> = { round: 1, slaEvents: [] };

export const toRecord = (item: Record<string, unknown>): RequestRecord =>
  Object.fromEntries(REQUEST_FIELDS.map((f) => [f, item[f] ?? DEFAULTS[f] ?? null])) as unknown as RequestRecord;

const toEvent = ({ pk: _pk, sk: _sk, entity: _entity, ...event }: Record<string, unknown>) =>
  event as unknown as HistoryEvent;

const requestItem = (request: RequestRecord) => ({
  ...requestKey(request.id),
  entity: 'request',
  ...request,
  ...requestIndexKeys(request),
});

const eventItem = (requestId: string, event: HistoryEvent) => ({
  ...eventKey(requestId, event.seq),
  entity: 'event',
  ...event,
});

const idempotencyPut = (record: IdempotencyRecord) => ({
  Put: {
    TableName: tableName(),
    Item: { ...idempotencyKey(record.keyHash), entity: 'idempotency', ...record },
    ConditionExpression: 'attribute_not_exists(pk)',
    // A retry learns the first call's answer from the cancellation itself, without another read.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  },
});

const isRateLimit = (item: unknown) =>
  (item as { Update?: { Key?: { pk?: string } } } | undefined)?.Update?.Key?.pk?.startsWith('RATE#') === true;

const isIdempotencyPut = (item: unknown) =>
  (item as { Put?: { Item?: { entity?: string } } } | undefined)?.Put?.Item?.entity === 'idempotency';

async function transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items, ...CAPACITY }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = (test: (item: unknown) => boolean) =>
        reasons.some((r, i) => r.Code === 'ConditionalCheckFailed' && test(items[i]));
      // A taken key first: a retry answers like the first call, even over the write allowance.
      const taken = reasons.find((r, i) => r.Code === 'ConditionalCheckFailed' && isIdempotencyPut(items[i]));
      if (taken)
        throw new WriteConflictError('idempotency', taken.Item && (unmarshall(taken.Item) as IdempotencyRecord));
      if (failed(isRateLimit)) throw new RateLimitedError();
      const conflictCodes = ['ConditionalCheckFailed', 'TransactionConflict'];
      if (reasons.some((r) => conflictCodes.includes(r.Code ?? ''))) throw new WriteConflictError('changed');
    }
    throw error;
  }
}

const changeItems = (inbox: ChangeItems, options: ChangeOptions) => {
  const absence = absenceItems(options.absence);
  return [
    ...[...inbox.puts, ...absence.puts].map((Item) => ({ Put: { TableName: tableName(), Item } })),
    ...[...inbox.deletes, ...absence.deletes].map((Key) => ({ Delete: { TableName: tableName(), Key } })),
  ];
};

const eventPuts = (requestId: string, events: HistoryEvent[]) =>
  events.map((event) => ({
    Put: { TableName: tableName(), Item: eventItem(requestId, event), ConditionExpression: 'attribute_not_exists(pk)' },
  }));

/** The per-user write allowance, bumped in the change's own transaction (no extra call); over it, 429. */
const rateLimitUpdate = ({ userId, perMinute, at }: RateLimit) => {
  const minute = Math.floor(at / 60_000);
  return {
    Update: {
      TableName: tableName(),
      Key: rateKey(userId, minute),
      UpdateExpression: 'ADD #n :one SET expiresAt = :ttl',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':one': 1, ':max': perMinute, ':ttl': Math.floor(at / 1000) + 3600 },
    },
  };
};

/** Stores a new request with its first history event (and the idempotency record, if any). */
export async function insertRequest(request: RequestRecord, first: HistoryEvent, options: ChangeOptions = {}) {
  await transact([
    { Put: { TableName: tableName(), Item: requestItem(request), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...eventPuts(request.id, [first]),
    ...changeItems(inboxItems(undefined, request), options),
    ...(options.rateLimit ? [rateLimitUpdate(options.rateLimit)] : []),
    ...(options.idempotency ? [idempotencyPut(options.idempotency)] : []),
  ]);
}

/**
 * Stores many requests with their whole histories (imported history, e.g. the local demo quarter):
 * BatchWriteItem, 25 items a call, a few calls at a time, unprocessed items retried. Not atomic per
 * request: an import that fails half-way is run again on a fresh table.
 */
export async function importRequests(requests: readonly { request: RequestRecord; history: HistoryEvent[] }[]) {
  const items = requests.flatMap(({ request, history }) => [
    requestItem(request),
    ...history.map((event) => eventItem(request.id, event)),
    ...inboxItems(undefined, request).puts,
  ]);
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH_WRITE) chunks.push(items.slice(i, i + BATCH_WRITE));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await batchPut(chunks[next++] ?? []);
  };
  await Promise.all(Array.from({ length: IMPORT_WRITERS }, worker));
}

const BATCH_WRITE = 25;
const IMPORT_WRITERS = 4;

async function batchPut(items: Record<string, unknown>[]) {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 6)));
    const { UnprocessedItems } = await db().send(
      new BatchWriteCommand({ RequestItems: { [tableName()]: pending }, ...CAPACITY }),
    );
    pending = (UnprocessedItems?.[tableName()] ?? []) as typeof pending;
  }
}

/**
 * Replaces the request read as `before` by `after` and appends `events` (seq before.lastSeq + 1...).
 * Throws WriteConflictError('changed') if anything was written to the request in between.
 */
export async function commitChange(
  before: RequestRecord,
  after: RequestRecord,
  events: HistoryEvent[],
  options: ChangeOptions = {},
) {
  await transact([
    {
      Put: {
        TableName: tableName(),
        Item: requestItem(after),
        ConditionExpression: 'lastSeq = :seq',
        ExpressionAttributeValues: { ':seq': before.lastSeq },
      },
    },
    ...eventPuts(after.id, events),
    ...changeItems(inboxItems(before, after), options),
    ...(options.rateLimit ? [rateLimitUpdate(options.rateLimit)] : []),
    ...(options.idempotency ? [idempotencyPut(options.idempotency)] : []),
  ]);
}

export async function getRequest(id: string): Promise<RequestRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: requestKey(id), ConsistentRead: true, ...CAPACITY }),
  );
  return Item ? toRecord(Item) : undefined;
}

/** The request and its whole history, oldest first: one Query (paged only past 1 MB). */
export async function getRequestWithHistory(
  id: string,
): Promise<{ request: RequestRecord; history: HistoryEvent[] } | undefined> {
  // The sort keys from the first event to META: the history and the request, not the inbox entries
  // (APR#, each a copy of the request), marks or tokens before them (an item's cost is its size).
  const { pk, sk } = requestKey(id);
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :meta',
    ExpressionAttributeValues: { ':pk': pk, ':first': EVENT_PREFIX, ':meta': sk },
    ConsistentRead: true,
  });
  const meta = items.find((item) => item.sk === sk);
  if (!meta) return undefined;
  return { request: toRecord(meta), history: items.filter((item) => item.entity === 'event').map(toEvent) };
}

/**
 * The newest `limit` history events after `afterSeq`, oldest first, and whether older ones (still
 * after `afterSeq`) were left unread: one Query on the event range, newest first.
 */
export async function recentHistory(
  id: string,
  afterSeq: number,
  limit: number,
): Promise<{ events: HistoryEvent[]; truncated: boolean }> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': requestKey(id).pk,
        ':from': eventKey(id, afterSeq + 1).sk,
        ':to': `${EVENT_PREFIX}~`,
      },
      ScanIndexForward: false,
      // One more than asked: whether older events remain, without trusting LastEvaluatedKey at the edge.
      Limit: limit + 1,
      ConsistentRead: true,
      ...CAPACITY,
    }),
  );
  return { events: Items.slice(0, limit).map(toEvent).reverse(), truncated: Items.length > limit };
}

const INDEX_KEYS = {
  gsi1: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
  gsi2: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
  gsi3: ['pk', 'sk', 'gsi3pk', 'gsi3sk'],
} as const;

/** One page of an index partition, filtered by status and service (store/pages.ts). */
const queryIndex = (
  index: keyof typeof INDEX_KEYS,
  partition: string,
  options: ListOptions & { newestFirst: boolean },
): Promise<Page<RequestRecord>> =>
  queryPage(
    { ...options, index, partition: { attribute: `${index}pk`, value: partition }, keys: INDEX_KEYS[index] },
    toRecord,
  );

export const listByRequester = (userId: string, options: ListOptions) =>
  queryIndex('gsi1', requesterPartition(userId), { ...options, newestFirst: true });

export const listTeamQueue = (team: string, options: ListOptions) =>
  queryIndex('gsi2', queuePartition(team), { ...options, newestFirst: false });

export const listAll = (options: ListOptions) => queryIndex('gsi3', ALL_REQUESTS, { ...options, newestFirst: true });

export const requestStore: RequestStore = {
  getRequest,
  getRequestWithHistory,
  recentHistory,
  insertRequest,
  commitChange,
  listByRequester,
  listTeamQueue,
  listAll,
};
