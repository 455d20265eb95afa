/**
 * Reconciling the history stream consumers' dead letters: a dead letter is what Lambda's event source
 * mapping writes to a consumer's on-failure destination when it gives up on a batch (the shard and
 * sequence numbers, not the records). For each one this reads the batch back from the table's stream,
 * hands it to the same consumer in the Lambda event shape, and deletes the message only once the
 * consumer handled every record. A batch the stream no longer holds (trimmed after 24 hours), or that
 * the consumer still fails, keeps its message and is reported with the requests it concerns.
 *
 * Replaying is safe because every consumer is idempotent per history event. The transports are
 * ports: the cloud CLI (replay-dead-letters-cli.ts) plugs in SQS, DynamoDB Streams and Lambda Invoke;
 * the local runtime (local/dead-letters.ts) its dead-letter store, DynamoDB Local's stream and the
 * handlers themselves.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxEventOf } from '../adapters/store/stream';
import { STREAM_MAPPING } from './stream-mapping';

/** Lambda's description of a skipped DynamoDB stream batch. */
export interface StreamBatchInfo {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord?: string;
  approximateArrivalOfLastRecord?: string;
  batchSize: number;
}

/** The message Lambda puts on a stream event source mapping's on-failure destination. */
export interface StreamDeadLetter {
  requestContext: {
    requestId: string;
    functionArn: string;
    /** Why Lambda gave up, e.g. RetryAttemptsExhausted. */
    condition: string;
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: StreamBatchInfo;
}

/** One message of a dead-letter queue: `id` is whatever its queue needs to delete it. */
export interface DeadLetter {
  id: string;
  body: string;
}

export interface DeadLetterQueue {
  /** Every message in the queue, each at most once per run. */
  receive(): AsyncIterable<DeadLetter>;
  delete(letter: DeadLetter): Promise<void>;
  /** Hands a kept message back to the queue (visible again for the next run and the alarm). */
  release(letter: DeadLetter): Promise<void>;
}

export type StreamBatch = { status: 'read'; records: DynamoDBRecord[] } | { status: 'expired'; reason: string };

export interface StreamBatchReader {
  /** The batch's records in stream order, or why the stream no longer has them all. */
  read(batch: StreamBatchInfo): Promise<StreamBatch>;
}

/** What an invocation answered: the function's error (Lambda's FunctionError) or its batch response. */
export interface ConsumerAnswer {
  functionError?: string;
  response?: DynamoDBBatchResponse | null;
}

export type StreamConsumerInvoker = (event: DynamoDBStreamEvent) => Promise<ConsumerAnswer>;

export interface ReplayTarget {
  /** The consumer module (functions/events/<name>.ts). */
  name: string;
  queue: DeadLetterQueue;
  invoke: StreamConsumerInvoker;
}

export type BatchStatus = 'replayed' | 'replayable' | 'still-failing' | 'expired' | 'unreadable';

export interface AffectedEvent {
  requestId: string;
  seq: number;
  type: string;
}

export interface BatchOutcome {
  status: BatchStatus;
  messageId: string;
  batch?: StreamBatchInfo;
  /** Records read from the stream (handed to the consumer unless dry-run). */
  records: number;
  reason?: string;
  /** The history events not handled (still failing) or about to be handled (dry-run). */
  affected?: AffectedEvent[];
}

export interface ReplaySummary {
  consumer: string;
  dryRun: boolean;
  batches: BatchOutcome[];
  totals: Record<BatchStatus, number> & { records: number };
}

export interface ReplayOptions {
  dryRun?: boolean;
}

/** The stream batch a dead-letter message names, or why it names none. */
export function parseDeadLetter(body: string): StreamBatchInfo | string {
  let message: Partial<StreamDeadLetter>;
  try {
    message = JSON.parse(body) as Partial<StreamDeadLetter>;
  } catch {
    return 'the message is not JSON';
  }
  const info = message?.DDBStreamBatchInfo;
  const fields = ['streamArn', 'shardId', 'startSequenceNumber', 'endSequenceNumber'] as const;
  if (!info || fields.some((field) => typeof info[field] !== 'string' || !/\S/.test(info[field])))
    return 'the message has no DDBStreamBatchInfo (streamArn, shardId, start and end sequence numbers)';
  if (!/^\d+$/.test(info.startSequenceNumber) || !/^\d+$/.test(info.endSequenceNumber))
    return 'the sequence numbers are not numbers';
  return info;
}

/** Sequence numbers are decimal strings of varying length: compare them as numbers. */
export const compareSequenceNumbers = (a: string, b: string) => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

function affectedBy(records: DynamoDBRecord[]): AffectedEvent[] {
  return records.flatMap((record) => {
    const outbox = outboxEventOf(record);
    return outbox ? [{ requestId: outbox.requestId, seq: outbox.event.seq, type: outbox.event.type }] : [];
  });
}

/** Why the consumer did not handle the chunk and from which record on, or undefined if it handled all. */
function failureOf(answer: ConsumerAnswer, records: DynamoDBRecord[]): { reason: string; from: number } | undefined {
  if (answer.functionError) return { reason: `the consumer failed: ${answer.functionError}`, from: 0 };
  const failures = answer.response?.batchItemFailures ?? [];
  if (failures.length === 0) return undefined;
  const indexes = failures.map((f) => records.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
  // An identifier outside the chunk means Lambda would retry all of it.
  const from = indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
  const at = records[from]?.dynamodb?.SequenceNumber;
  return { reason: `the consumer reported a failed record (sequence number ${at})`, from };
}

/** Hands the records over in chunks of the mapping's batch size, in order, stopping at the first failure. */
async function deliver(records: DynamoDBRecord[], invoke: StreamConsumerInvoker) {
  let done = 0;
  for (const chunk of chunks(records, STREAM_MAPPING.batchSize)) {
    const answer = await invoke({ Records: chunk });
    const failure = failureOf(answer, chunk);
    if (failure) return { ...failure, from: done + failure.from };
    done += chunk.length;
  }
  return undefined;
}

async function replayOne(
  target: ReplayTarget,
  letter: DeadLetter,
  reader: StreamBatchReader,
  dryRun: boolean,
): Promise<BatchOutcome> {
  const batch = parseDeadLetter(letter.body);
  const outcome = { messageId: letter.id, records: 0 };
  if (typeof batch === 'string') return { ...outcome, status: 'unreadable', reason: batch };
  const read = await reader.read(batch);
  if (read.status === 'expired') return { ...outcome, batch, status: 'expired', reason: read.reason };
  const { records } = read;
  if (dryRun)
    return { ...outcome, batch, records: records.length, status: 'replayable', affected: affectedBy(records) };
  const failure = await deliver(records, target.invoke);
  if (failure) {
    const affected = affectedBy(records.slice(failure.from));
    return { ...outcome, batch, records: records.length, status: 'still-failing', reason: failure.reason, affected };
  }
  await target.queue.delete(letter);
  return { ...outcome, batch, records: records.length, status: 'replayed' };
}

/** Replays every dead letter of one consumer; kept messages go back to the queue at the end. */
export async function replayDeadLetters(
  target: ReplayTarget,
  reader: StreamBatchReader,
  options: ReplayOptions = {},
): Promise<ReplaySummary> {
  const dryRun = options.dryRun ?? false;
  const batches: BatchOutcome[] = [];
  const kept: DeadLetter[] = [];
  for await (const letter of target.queue.receive()) {
    // One batch's trouble (a throttled invoke, a stream error) must not hold back the others.
    const outcome = await replayOne(target, letter, reader, dryRun).catch((error: Error): BatchOutcome => ({
      status: 'still-failing',
      messageId: letter.id,
      records: 0,
      reason: `the replay failed: ${error.name}: ${error.message}`,
    }));
    batches.push(outcome);
    if (outcome.status !== 'replayed') kept.push(letter);
  }
  // Released only now: a message visible again during the run would be received a second time.
  for (const letter of kept) await target.queue.release(letter);
  const totals = { replayed: 0, replayable: 0, 'still-failing': 0, expired: 0, unreadable: 0, records: 0 };
  for (const batch of batches) {
    totals[batch.status] += 1;
    totals.records += batch.records;
  }
  return { consumer: target.name, dryRun, batches, totals };
}

/** True when nothing is left to reconcile (a dry run: when everything left can be replayed). */
export const reconciled = (summaries: ReplaySummary[]) =>
  summaries.every((s) => s.totals['still-failing'] + s.totals.expired + s.totals.unreadable === 0);

const describeAffected = (affected: AffectedEvent[] = []) => {
  const requests = [...new Set(affected.map((a) => a.requestId))];
  if (requests.length === 0) return '';
  const events = affected.map((a) => `${a.requestId}#${a.seq} ${a.type}`).join(', ');
  return `\n      requests: ${requests.join(', ')}\n      events: ${events}`;
};

function describeBatch(outcome: BatchOutcome): string {
  const batch = outcome.batch;
  const where = batch
    ? `${batch.shardId} ${batch.startSequenceNumber}..${batch.endSequenceNumber}` +
      ` (${batch.batchSize} records, arrived ${batch.approximateArrivalOfFirstRecord ?? '?'}..${batch.approximateArrivalOfLastRecord ?? '?'})`
    : `message ${outcome.messageId}`;
  const reason = outcome.reason ? `: ${outcome.reason}` : '';
  return `    ${outcome.status} ${where}${reason}${describeAffected(outcome.affected)}`;
}

/** The operator's report: totals per consumer, then every batch that was not simply replayed. */
export function formatSummaries(summaries: ReplaySummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    const t = s.totals;
    const done = s.dryRun ? `${t.replayable} replayable (dry run)` : `${t.replayed} replayed`;
    lines.push(
      `${s.consumer}: ${s.batches.length} dead letters, ${done}, ${t.records} records, ` +
        `${t['still-failing']} still failing, ${t.expired} expired, ${t.unreadable} unreadable`,
    );
    for (const outcome of s.batches) if (outcome.status !== 'replayed') lines.push(describeBatch(outcome));
  }
  return lines.join('\n');
}
