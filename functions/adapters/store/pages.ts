/**
 * Paged, filtered Queries of one index partition. DynamoDB applies a FilterExpression after its
 * Limit, so a filtered page of `limit` items reads up to FILTERED_READ items per call and reads on
 * until the page is full, the partition ends or MAX_CALLS calls were made (then it may be short,
 * with a cursor): a rare status or service never comes back as empty pages with a cursor. A
 * free-text search is such a filter too, applied here to each request read: DynamoDB cannot match
 * words case-insensitively, nor against the summary, which is formatted per reader.
 */
import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { RequestRecord } from '../../domain/requests/model';
import { CAPACITY, db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import type { ListOptions, Page } from '../../ports';

const FILTERED_READ = 100;
const MAX_CALLS = 5;

export interface PageQuery extends ListOptions {
  index: string;
  /** The index's partition key attribute and the partition read. */
  partition: { attribute: string; value: string };
  /** The attributes of the index's LastEvaluatedKey (table and index keys). */
  keys: readonly string[];
  newestFirst: boolean;
  /** Where the request's attributes are in an item: the item itself, or a map attribute of it. */
  requestIn?: string;
}

type Item = Record<string, unknown>;

/** The status and service filters, on the item itself or on its `requestIn` map. */
function filterOf(query: PageQuery) {
  const at = query.requestIn ? '#in.' : '';
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.status) {
    parts.push(`${at}#status = :status`);
    names['#status'] = 'status';
    values[':status'] = query.status;
  }
  if (query.serviceId) {
    parts.push(`${at}serviceId = :serviceId`);
    values[':serviceId'] = query.serviceId;
  }
  if (query.assigneeId === null) {
    parts.push(`attribute_type(${at}assigneeId, :null)`);
    values[':null'] = 'NULL';
  } else if (query.assigneeId) {
    parts.push(`${at}assigneeId = :assigneeId`);
    values[':assigneeId'] = query.assigneeId;
  }
  if (query.requestIn && parts.length > 0) names['#in'] = query.requestIn;
  return { expression: parts.length > 0 ? parts.join(' AND ') : undefined, names, values };
}

export async function queryPage(query: PageQuery, toItem: (item: Item) => RequestRecord): Promise<Page<RequestRecord>> {
  const filter = filterOf(query);
  const filtered = filter.expression !== undefined || query.matches !== undefined;
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: query.index,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: filter.expression,
    ExpressionAttributeNames: { '#pk': query.partition.attribute, ...filter.names },
    ExpressionAttributeValues: { ':pk': query.partition.value, ...filter.values },
    ScanIndexForward: !query.newestFirst,
    Limit: filtered ? Math.max(query.limit, FILTERED_READ) : query.limit,
    ...CAPACITY,
  };
  const start = decodeCursor(query.cursor, { ...query.partition, keys: query.keys });
  const { matches } = query;
  const page = await readOn(input, start, query.limit, matches && ((item) => matches(toItem(item))));
  // A full page ends at its last item (the cursor is that item's keys, so nothing read past it is
  // skipped); a short one where the reading stopped: the partition's end, or the read bound.
  const returned = page.items.slice(0, query.limit);
  const last = returned.at(-1);
  const more = page.items.length > query.limit || page.stoppedAt !== undefined;
  const resumeAt =
    returned.length === query.limit && last ? Object.fromEntries(query.keys.map((k) => [k, last[k]])) : page.stoppedAt;
  return { items: returned.map(toItem), nextCursor: more ? encodeCursor(resumeAt) : null };
}

/** Queries from `start` until `limit` items (that `keep` keeps), the partition's end or MAX_CALLS calls. */
async function readOn(
  input: QueryCommandInput,
  start: Item | undefined,
  limit: number,
  keep: (item: Item) => boolean = () => true,
) {
  let stoppedAt = start;
  const items: Item[] = [];
  for (let calls = 0; calls < MAX_CALLS; calls++) {
    const result = await db().send(new QueryCommand({ ...input, ExclusiveStartKey: stoppedAt }));
    items.push(...(result.Items ?? []).filter(keep));
    stoppedAt = result.LastEvaluatedKey;
    if (!stoppedAt || items.length >= limit) break;
  }
  return { items, stoppedAt };
}

type Items = NonNullable<QueryCommandOutput['Items']>;

/** Every item a Query finds, reading on past each 1 MB page: the one paging loop of the store. */
export async function queryAll(input: QueryCommandInput): Promise<Items> {
  const items: Items = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, ...CAPACITY }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
