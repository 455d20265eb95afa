/**
 * The local stand-in for the Lambda event source mapping on the table's stream: polls DynamoDB
 * Local's stream and calls the same consumer handlers with the same event shape, in order, resuming
 * from the first failed record (ReportBatchItemFailures) like Lambda does. Checkpoints persist with
 * the data, so a restart neither loses nor replays what was handled.
 */
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
import type { DevRoute } from './api-server';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

const BATCH = 100;
const POLL_MS = 250;

interface ShardState {
  /** The last sequence number every handler has processed. */
  checkpoint?: string;
  iterator?: string;
}

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  private streamArn: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;
  private stopped = false;

  constructor(
    private readonly options: { endpoint: string; tableName: string; handlers: StreamHandler[]; stateFile?: string },
  ) {
    const config = { endpoint: options.endpoint, region: process.env.AWS_REGION ?? 'local' };
    this.streams = new DynamoDBStreamsClient(config);
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
    for (const state of this.shards.values()) Object.assign(state, { checkpoint: undefined, iterator: undefined });
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
    const failedAt = await this.deliver(Records);
    const handled = failedAt === undefined ? Records : Records.slice(0, Records.indexOf(failedAt));
    const last = handled[handled.length - 1]?.dynamodb?.SequenceNumber;
    if (last) state.checkpoint = last;
    // After a failure, read again from the checkpoint: the failed record comes back first.
    state.iterator = failedAt === undefined ? NextShardIterator : undefined;
    this.writeState();
    return true;
  }

  /** Calls every handler; returns the first record any of them reported as failed. */
  private async deliver(records: _Record[]): Promise<_Record | undefined> {
    const event = { Records: records.map(toLambdaRecord) } as unknown as DynamoDBStreamEvent;
    let firstFailed: number | undefined;
    for (const handler of this.options.handlers) {
      const response = await handler(event).catch(() => ({
        batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber ?? '' }],
      }));
      for (const failure of response?.batchItemFailures ?? []) {
        const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failure.itemIdentifier);
        if (index >= 0) firstFailed = Math.min(firstFailed ?? index, index);
      }
    }
    return firstFailed === undefined ? undefined : records[firstFailed];
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

/** The SDK's stream record has the Lambda event's shape; Lambda adds the source fields. */
function toLambdaRecord(record: _Record) {
  return { ...record, eventSource: 'aws:dynamodb', eventSourceARN: 'local', awsRegion: record.awsRegion ?? 'local' };
}
