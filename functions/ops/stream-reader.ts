/**
 * Reading a batch back from a DynamoDB stream (the cloud's, or DynamoDB Local's: same client, another
 * endpoint), and the Lambda event record a stream record becomes: shared by the dead-letter replay and
 * the local stand-in for the event source mapping (local/streams.ts).
 */
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  compareSequenceNumbers,
  type StreamBatch,
  type StreamBatchInfo,
  type StreamBatchReader,
} from './replay-dead-letters';

/** Errors that mean the records are gone: trimmed (24 h), or their shard or stream no longer exists. */
const GONE = new Set(['TrimmedDataAccessException', 'ResourceNotFoundException']);

/** An open shard may answer empty pages before the next records: give up after this many in a row. */
const MAX_EMPTY_PAGES = 5;

/**
 * The record as Lambda puts it in a DynamoDBStreamEvent: the SDK's record plus the source fields, and
 * the creation time in epoch seconds (the SDK parses it into a Date).
 */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  const dynamodb = record.dynamodb && {
    ...record.dynamodb,
    ApproximateCreationDateTime: created === undefined ? undefined : Math.floor(created.getTime() / 1000),
  };
  return {
    ...record,
    dynamodb,
    eventSource: 'aws:dynamodb',
    eventSourceARN: streamArn,
    awsRegion: record.awsRegion ?? process.env.AWS_REGION,
  } as DynamoDBRecord;
}

const sequenceOf = (record: _Record) => record.dynamodb?.SequenceNumber ?? '0';

export class SdkStreamBatchReader implements StreamBatchReader {
  constructor(private readonly streams: DynamoDBStreamsClient) {}

  async read(batch: StreamBatchInfo): Promise<StreamBatch> {
    try {
      const records = await this.recordsOf(batch);
      const first = records[0];
      if (!first || sequenceOf(first) !== batch.startSequenceNumber)
        return { status: 'expired', reason: `the stream no longer holds record ${batch.startSequenceNumber}` };
      const last = records[records.length - 1];
      if (!last || compareSequenceNumbers(sequenceOf(last), batch.endSequenceNumber) < 0)
        return { status: 'expired', reason: `the stream ended before record ${batch.endSequenceNumber}` };
      return { status: 'read', records: records.map((r) => toLambdaRecord(r, batch.streamArn)) };
    } catch (error) {
      const name = (error as Error).name;
      if (!GONE.has(name)) throw error;
      return { status: 'expired', reason: `the records are no longer in the stream (${name})` };
    }
  }

  /** start..end inclusive, in order: reads from the start until past the end, the shard's end or empty pages. */
  private async recordsOf(batch: StreamBatchInfo): Promise<_Record[]> {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: batch.streamArn,
        ShardId: batch.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: batch.startSequenceNumber,
      }),
    );
    const records: _Record[] = [];
    let iterator = ShardIterator;
    for (let empty = 0; iterator && empty < MAX_EMPTY_PAGES;) {
      const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      const fresh = page.Records ?? [];
      empty = fresh.length === 0 ? empty + 1 : 0;
      const inRange = fresh.filter((r) => compareSequenceNumbers(sequenceOf(r), batch.endSequenceNumber) <= 0);
      records.push(...inRange);
      const lastRead = records[records.length - 1];
      if (inRange.length < fresh.length || (lastRead && sequenceOf(lastRead) === batch.endSequenceNumber)) break;
      iterator = page.NextShardIterator;
    }
    return records;
  }
}
