/**
 * The local stand-in for the Lambda event source mappings on the table's stream: polls DynamoDB
 * Local's stream and calls the same consumer handlers with the same event shape, in order, resuming
 * from the first failed record (ReportBatchItemFailures) like Lambda does. As configured in the CDK
 * construct (functions/ops/stream-mapping.ts), a batch a consumer still fails after the maximum retry
 * attempts goes to that consumer's dead letters (local/dead-letters.ts) in the message Lambda writes,
 * and the stream moves on. Checkpoints persist with the data, so a restart neither loses nor replays
 * what was handled.
 *
 * One poller serves every consumer (one checkpoint): each gets every batch, so a consumer that handled
 * a batch sees its retries again, which its idempotency makes harmless.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { clock } from '../functions/adapters/clock';
import type { StreamDeadLetter } from '../functions/ops/replay-dead-letters';
import { STREAM_MAPPING } from '../functions/ops/stream-mapping';
import { toLambdaRecord } from '../functions/ops/stream-reader';
import type { DevRoute } from './api-server';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

/** A consumer module (functions/events/<name>.ts) and its handler. */
export interface StreamConsumer {
  name: string;
  handler: StreamHandler;
}

/** Where a batch a consumer gave up on goes (Lambda's on-failure destination). */
export interface DeadLetterSink {
  send(consumer: string, message: StreamDeadLetter): void;
}

const BATCH = 100;
const POLL_MS = 250;

interface ShardState {
  /** The last sequence number every handler has processed. */
  checkpoint?: string;
  iterator?: string;
  /** The record the batch keeps failing at, and how many invocations failed there in a row. */
  failing?: { at: string; attempts: number };
}

/** A consumer's first failed record in a batch, and what it threw, if it did. */
interface ConsumerFailure {
  index: number;
  error?: Error;
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  consumers: StreamConsumer[];
  deadLetters: DeadLetterSink;
  stateFile?: string;
  /** Retries of a failing batch before its dead letter; the cloud's by default. */
  retryAttempts?: number;
}

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  private readonly retryAttempts: number;
  private streamArn: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;
  private stopped = false;

  constructor(private readonly options: StreamPollerOptions) {
    const config = { endpoint: options.endpoint, region: process.env.AWS_REGION ?? 'local' };
    this.streams = new DynamoDBStreamsClient(config);
    this.retryAttempts = options.retryAttempts ?? STREAM_MAPPING.retryAttempts;
    for (const [shardId, checkpoint] of Object.entries(this.readState())) this.shards.set(shardId, { checkpoint });
  }

  start() {
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.pollOnce().finally(tick), POLL_MS);
    };
    tick();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.streams.destroy();
  }

  /** One pass over every shard; true if any record was handled (the clock's quiescence uses it). */
  pollOnce(): Promise<boolean> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Redelivers everything from the start of the stream (tests: a redelivery must change nothing). */
  replayAll() {
    for (const state of this.shards.values())
      Object.assign(state, { checkpoint: undefined, iterator: undefined, failing: undefined });
  }

  routes(): DevRoute[] {
    return [
      {
        method: 'POST',
        path: '/dev/streams/replay',
        handle: async () => {
          this.replayAll();
          while (await this.pollOnce());
          return { status: 200, body: { replayed: true } };
        },
      },
    ];
  }

  private async pass(): Promise<boolean> {
    this.streamArn ??= await this.latestStreamArn();
    const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    let worked = false;
    for (const shard of StreamDescription?.Shards ?? []) {
      if (shard.ShardId) worked = (await this.pollShard(shard.ShardId)) || worked;
    }
    return worked;
  }

  private async latestStreamArn(): Promise<string> {
    const client = new DynamoDBClient({ endpoint: this.options.endpoint, region: process.env.AWS_REGION ?? 'local' });
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: this.options.tableName }));
      if (!Table?.LatestStreamArn) throw new Error(`Table ${this.options.tableName} has no stream`);
      return Table.LatestStreamArn;
    } finally {
      client.destroy();
    }
  }

  private async iteratorFor(shardId: string, state: ShardState): Promise<string | undefined> {
    if (state.iterator) return state.iterator;
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(state.checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.checkpoint }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  private async pollShard(shardId: string): Promise<boolean> {
    const state = this.shards.get(shardId) ?? {};
    this.shards.set(shardId, state);
    const iterator = await this.iteratorFor(shardId, state);
    if (!iterator) return false;
    const { Records = [], NextShardIterator } = await this.streams.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: BATCH }),
    );
    if (Records.length === 0) {
      state.iterator = NextShardIterator;
      return false;
    }
    await this.advance(shardId, state, Records, NextShardIterator);
    this.writeState();
    return true;
  }

  /** Delivers a batch and moves the checkpoint: past what was handled, or past all of it once given up. */
  private async advance(shardId: string, state: ShardState, records: _Record[], next: string | undefined) {
    const failures = await this.deliver(records);
    const failedAt = failures.size > 0 ? Math.min(...[...failures.values()].map((f) => f.index)) : undefined;
    const sequenceAt = (index: number) => records[index]?.dynamodb?.SequenceNumber ?? state.checkpoint;
    if (failedAt !== undefined && !this.exhausted(state, records[failedAt])) {
      state.checkpoint = sequenceAt(failedAt - 1);
      // Read again from the checkpoint: the failed record comes back first.
      state.iterator = undefined;
      return;
    }
    if (failedAt !== undefined) this.giveUp(shardId, records, failures, state.failing?.attempts ?? 0);
    state.failing = undefined;
    state.checkpoint = sequenceAt(records.length - 1);
    state.iterator = next;
  }

  /** Counts a failed invocation at this record; true once the retries are used up. */
  private exhausted(state: ShardState, record: _Record | undefined): boolean {
    const at = record?.dynamodb?.SequenceNumber ?? '';
    const attempts = state.failing?.at === at ? state.failing.attempts + 1 : 1;
    state.failing = { at, attempts };
    return attempts > this.retryAttempts;
  }

  /** Each consumer still failing gets a dead letter for its records from the failed one to the batch's end. */
  private giveUp(shardId: string, records: _Record[], failures: Map<string, ConsumerFailure>, attempts: number) {
    for (const [consumer, failure] of failures) {
      const skipped = records.slice(failure.index);
      const message = deadLetterMessage({ consumer, streamArn: this.streamArn ?? '', shardId, skipped, attempts });
      if (failure.error) message.responseContext.functionError = 'Unhandled';
      this.options.deadLetters.send(consumer, message);
      const why = failure.error ? `it threw ${failure.error.name}: ${failure.error.message}` : 'it reported failures';
      console.error(
        `[streams] ${consumer} gave up on ${skipped.length} records after ${attempts} attempts (${why}): dead letter written`,
      );
    }
  }

  /** Calls every consumer; returns the first record each failing one reported (or all, if it threw). */
  private async deliver(records: _Record[]): Promise<Map<string, ConsumerFailure>> {
    const event: DynamoDBStreamEvent = { Records: records.map((r) => toLambdaRecord(r, this.streamArn ?? '')) };
    const failures = new Map<string, ConsumerFailure>();
    for (const { name, handler } of this.options.consumers) {
      const response = await handler(event).catch((error: unknown) => {
        failures.set(name, { index: 0, error: error as Error });
        return undefined;
      });
      for (const failure of response?.batchItemFailures ?? []) {
        const found = records.findIndex((r) => r.dynamodb?.SequenceNumber === failure.itemIdentifier);
        // Lambda retries the whole batch when an identifier is not one of its records.
        const index = found >= 0 ? found : 0;
        failures.set(name, { index: Math.min(failures.get(name)?.index ?? index, index) });
      }
    }
    return failures;
  }

  private readState(): Record<string, string> {
    const file = this.options.stateFile;
    if (!file || !existsSync(file)) return {};
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  }

  private writeState() {
    const file = this.options.stateFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const state = Object.fromEntries([...this.shards].flatMap(([id, s]) => (s.checkpoint ? [[id, s.checkpoint]] : [])));
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  }
}

/** The message Lambda writes to a stream mapping's on-failure destination once the retries are used up. */
function deadLetterMessage(batch: {
  consumer: string;
  streamArn: string;
  shardId: string;
  skipped: _Record[];
  attempts: number;
}): StreamDeadLetter {
  const { skipped } = batch;
  const first = skipped[0]?.dynamodb;
  const last = skipped[skipped.length - 1]?.dynamodb;
  const region = process.env.AWS_REGION ?? 'local';
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:${region}:000000000000:function:${batch.consumer}`,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: batch.attempts,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST' },
    version: '1.0',
    timestamp: clock.nowIso(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first?.SequenceNumber ?? '',
      endSequenceNumber: last?.SequenceNumber ?? '',
      approximateArrivalOfFirstRecord: first?.ApproximateCreationDateTime?.toISOString(),
      approximateArrivalOfLastRecord: last?.ApproximateCreationDateTime?.toISOString(),
      batchSize: skipped.length,
      streamArn: batch.streamArn,
    },
  };
}
