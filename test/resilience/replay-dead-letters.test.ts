/**
 * The stream's dead-letter path on DynamoDB Local's real stream: the local event source mapping gives
 * up on a batch after the cloud's retry attempts and writes Lambda's dead-letter message, and the
 * replay module (functions/ops/replay-dead-letters.ts, run as the local dev route runs it) reads the
 * batch back and replays it, keeping what it cannot reconcile: a consumer still failing, records no
 * longer in the stream, a message that names no batch, and everything in a dry run. Last, the CLI's
 * own transports (SQS, Lambda Invoke) against a minimal endpoint speaking those APIs.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaInvoker, SqsDeadLetterQueue } from '../../functions/ops/aws';
import {
  formatSummaries,
  reconciled,
  replayDeadLetters,
  type StreamDeadLetter,
} from '../../functions/ops/replay-dead-letters';
import { STREAM_MAPPING } from '../../functions/ops/stream-mapping';
import { SdkStreamBatchReader } from '../../functions/ops/stream-reader';
import { DeadLetterReplay, DeadLetterStore } from '../../local/dead-letters';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local';
import { StreamPoller, type StreamConsumer } from '../../local/streams';
import { ensureTable } from '../../local/table';

const TABLE = 'dead-letter-test';

/** A consumer that records what it is handed and fails on demand, as a crash or as a reported record. */
class TestConsumer implements StreamConsumer {
  readonly received: DynamoDBRecord[][] = [];
  mode: 'ok' | 'throw' | { failSeq: number } = 'ok';

  constructor(readonly name: string) {}

  handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    this.received.push(event.Records);
    if (this.mode === 'throw') throw new Error(`${this.name} is down`);
    const mode = this.mode;
    if (mode === 'ok') return { batchItemFailures: [] };
    const failed = event.Records.find((r) => r.dynamodb?.NewImage?.seq?.N === String(mode.failSeq));
    return { batchItemFailures: failed ? [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }] : [] };
  };

  /** The history events (request#seq) handed over, in order. */
  events() {
    return this.received.flat().flatMap((r) => {
      const image = r.dynamodb?.NewImage;
      return r.eventName === 'INSERT' && image?.entity?.S === 'event'
        ? [`${image.pk?.S?.slice(4)}#${image.seq?.N}`]
        : [];
    });
  }
}

let dynamo: DynamoDbLocal;
let client: DynamoDBClient;
let streamArn: string;
let seq = 0;

/** A history event (what the consumers act on) and the request item it updates (what they skip). */
async function writeEvent(requestId: string) {
  seq += 1;
  const event = { pk: `REQ#${requestId}`, sk: `EVT#${String(seq).padStart(6, '0')}`, entity: 'event', seq };
  const at = '2026-12-01T09:00:00.000Z'; // a recorded fact: the replay never compares it with now
  const item = { ...event, type: 'comment', at, actorId: 'ivan.sidorov', actorName: 'Ivan' };
  await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(item) }));
  const meta = { pk: `REQ#${requestId}`, sk: 'META', entity: 'request', lastSeq: seq };
  await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(meta) }));
}

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  dynamo = await startDynamoDbLocal({});
  client = new DynamoDBClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
  streamArn = Table?.LatestStreamArn ?? '';
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

describe('dead letters of the history stream (DynamoDB Local)', () => {
  let store: DeadLetterStore;
  let healthy: TestConsumer;
  let flaky: TestConsumer;
  let poller: StreamPoller;
  let replay: DeadLetterReplay;
  const drain = async () => {
    while (await poller.pollOnce());
  };

  beforeEach(async () => {
    store = new DeadLetterStore();
    healthy = new TestConsumer('healthy');
    flaky = new TestConsumer('flaky');
    const consumers = [healthy, flaky];
    await poller?.stop();
    poller = new StreamPoller({ endpoint: dynamo.endpoint, tableName: TABLE, consumers, deadLetters: store });
    replay = new DeadLetterReplay(store, consumers, dynamo.endpoint);
    // Start past everything earlier tests wrote.
    await drain();
    healthy.received.length = 0;
    flaky.received.length = 0;
  });

  afterAll(() => poller?.stop());

  /** Writes events for two requests while `flaky` is down, until the poller gives up on them. */
  async function deadLetterOf(mode: TestConsumer['mode'] = 'throw') {
    flaky.mode = mode;
    await writeEvent('REQA');
    await writeEvent('REQB');
    await writeEvent('REQA');
    await drain();
    const [letter, ...more] = store.list('flaky');
    expect(more).toEqual([]);
    return JSON.parse(letter?.body ?? '{}') as StreamDeadLetter;
  }

  it("should give up after the cloud's retry attempts, write Lambda's message, and move on", async () => {
    const message = await deadLetterOf('throw');
    const first = seq - 2;

    // One invocation plus the retries, all with the same records; the healthy consumer handled them.
    expect(flaky.received).toHaveLength(1 + STREAM_MAPPING.retryAttempts);
    expect(new Set(flaky.received.map((records) => records.length)).size).toBe(1);
    expect(healthy.events().slice(0, 3)).toEqual([`REQA#${first}`, `REQB#${first + 1}`, `REQA#${first + 2}`]);
    expect(store.list('healthy')).toEqual([]);
    const records = flaky.received[0] ?? [];
    expect(message).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 1 + STREAM_MAPPING.retryAttempts },
      responseContext: { functionError: 'Unhandled' },
      DDBStreamBatchInfo: {
        streamArn,
        startSequenceNumber: records[0]?.dynamodb?.SequenceNumber,
        endSequenceNumber: records[records.length - 1]?.dynamodb?.SequenceNumber,
        batchSize: records.length,
      },
    });

    // The stream moved on: a new event reaches the (recovered) consumer alone.
    flaky.mode = 'ok';
    flaky.received.length = 0;
    await writeEvent('REQC');
    await drain();
    expect(flaky.events()).toEqual([`REQC#${seq}`]);
  });

  it('should dead-letter a consumer that reports a record from that record on', async () => {
    const message = await deadLetterOf({ failSeq: seq + 2 });
    const skipped = flaky.received[flaky.received.length - 1] ?? [];
    expect(skipped[0]?.dynamodb?.NewImage?.seq?.N).toBe(String(seq - 1));
    expect(message.DDBStreamBatchInfo.startSequenceNumber).toBe(skipped[0]?.dynamodb?.SequenceNumber);
    expect(message.responseContext.functionError).toBeUndefined();
  });

  it('should keep the message and name the requests while the consumer still fails', async () => {
    await deadLetterOf('throw');
    const [summary] = await replay.replay('flaky');
    expect(summary?.totals).toMatchObject({ 'still-failing': 1, replayed: 0 });
    expect(summary?.batches[0]?.affected).toEqual([
      { requestId: 'REQA', seq: seq - 2, type: 'comment' },
      { requestId: 'REQB', seq: seq - 1, type: 'comment' },
      { requestId: 'REQA', seq, type: 'comment' },
    ]);
    expect(store.list('flaky')).toHaveLength(1);
    expect(formatSummaries(summary ? [summary] : [])).toMatch(/still-failing .*requests: REQA, REQB/s);

    // A reported record: only the events from it on are affected.
    flaky.mode = { failSeq: seq };
    const [partly] = await replay.replay('flaky');
    expect(partly?.batches[0]?.affected).toEqual([{ requestId: 'REQA', seq, type: 'comment' }]);
    expect(store.list('flaky')).toHaveLength(1);
  });

  it('should change nothing in a dry run', async () => {
    await deadLetterOf('throw');
    flaky.mode = 'ok';
    const calls = flaky.received.length;
    const before = store.list();
    const [summary] = await replay.replay('flaky', { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, totals: { replayable: 1, replayed: 0 } });
    expect(summary?.batches[0]?.affected?.map((a) => a.seq)).toEqual([seq - 2, seq - 1, seq]);
    expect(flaky.received).toHaveLength(calls);
    expect(store.list()).toEqual(before);
  });

  it('should replay exactly the batch from the stream, in the Lambda event shape, then delete the message', async () => {
    const message = await deadLetterOf('throw');
    const expected = flaky.received[0]?.map((r) => r.dynamodb?.SequenceNumber);
    flaky.mode = 'ok';
    flaky.received.length = 0;
    healthy.received.length = 0;

    const summaries = await replay.replay('all');
    expect(reconciled(summaries)).toBe(true);
    const flakySummary = summaries.find((s) => s.consumer === 'flaky');
    expect(flakySummary?.totals).toMatchObject({ replayed: 1, records: expected?.length });
    const replayed = flaky.received.flat();
    expect(replayed.map((r) => r.dynamodb?.SequenceNumber)).toEqual(expected);
    expect(replayed[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: streamArn, eventName: 'INSERT' });
    expect(typeof replayed[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    expect(flaky.events()).toEqual([`REQA#${seq - 2}`, `REQB#${seq - 1}`, `REQA#${seq}`]);
    expect(healthy.received).toEqual([]);
    expect(store.list()).toEqual([]);
    expect(message.DDBStreamBatchInfo.batchSize).toBe(expected?.length);

    const [again] = await replay.replay('flaky');
    expect(again?.batches).toEqual([]);
  });

  it('should report and keep batches the stream no longer has, and messages that name no batch', async () => {
    const message = await deadLetterOf('throw');
    flaky.mode = 'ok';
    const info = message.DDBStreamBatchInfo;
    // A shard that was deleted (24 h after it closed), a stream that no longer exists, and noise.
    store.send('flaky', {
      ...message,
      DDBStreamBatchInfo: { ...info, shardId: 'shardId-00000000000000000000-00000000' },
    });
    store.send('flaky', {
      ...message,
      DDBStreamBatchInfo: { ...info, streamArn: `${streamArn.split('/stream/')[0]}/stream/2000-01-01T00:00:00.000` },
    });
    store.send('flaky', 'not a dead letter');
    store.send('flaky', JSON.stringify({ DDBStreamBatchInfo: { ...info, startSequenceNumber: 'x' } }));

    const [summary] = await replay.replay('flaky');
    expect(summary?.totals).toMatchObject({ replayed: 1, expired: 2, unreadable: 2 });
    expect(summary?.batches.filter((b) => b.status === 'expired').map((b) => b.reason)).toEqual([
      expect.stringContaining('ResourceNotFoundException'),
      expect.stringContaining('ResourceNotFoundException'),
    ]);
    expect(reconciled(summary ? [summary] : [])).toBe(false);
    expect(store.list('flaky')).toHaveLength(4);
    expect(formatSummaries(summary ? [summary] : [])).toContain('expired shardId-00000000000000000000-00000000');
  });
});

/**
 * The smallest endpoint speaking what the CLI's clients say: SQS (JSON protocol: ReceiveMessage with a
 * visibility timeout, DeleteMessage, ChangeMessageVisibility) and Lambda Invoke, which runs a handler
 * in-process and answers as Lambda does (X-Amz-Function-Error when it throws).
 */
function fakeAws(handler: StreamConsumer['handler']) {
  const queue: { id: string; body: string; invisible: boolean }[] = [];
  let next = 0;
  const sqs: Record<string, (input: Record<string, unknown>) => unknown> = {
    ReceiveMessage: (input) => {
      const visible = queue.filter((m) => !m.invisible).slice(0, Number(input.MaxNumberOfMessages ?? 1));
      for (const message of visible) message.invisible = Number(input.VisibilityTimeout ?? 30) > 0;
      return {
        Messages: visible.map((m) => ({
          MessageId: m.id,
          ReceiptHandle: `rh-${m.id}`,
          Body: m.body,
          MD5OfBody: createHash('md5').update(m.body).digest('hex'),
        })),
      };
    },
    DeleteMessage: (input) =>
      void queue.splice(
        queue.findIndex((m) => `rh-${m.id}` === input.ReceiptHandle),
        1,
      ),
    ChangeMessageVisibility: (input) => {
      const message = queue.find((m) => `rh-${m.id}` === input.ReceiptHandle);
      if (message) message.invisible = input.VisibilityTimeout !== 0;
    },
  };
  const answer = async (target: string | undefined, url: string, body: string) => {
    if (target)
      return {
        status: 200,
        headers: {},
        body: JSON.stringify(sqs[target.split('.')[1] ?? '']?.(JSON.parse(body)) ?? {}),
      };
    if (!url.endsWith('/invocations')) return { status: 404, headers: {}, body: '{}' };
    try {
      return { status: 200, headers: {}, body: JSON.stringify(await handler(JSON.parse(body))) };
    } catch (error) {
      const payload = { errorType: (error as Error).name, errorMessage: (error as Error).message };
      return { status: 200, headers: { 'x-amz-function-error': 'Unhandled' }, body: JSON.stringify(payload) };
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'] as string | undefined;
      void answer(target, req.url ?? '', Buffer.concat(chunks).toString()).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      });
    });
  });
  return {
    queue,
    send: (body: string) => queue.push({ id: String(++next), body, invisible: false }),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the cloud transports of the replay (SQS, Lambda Invoke) on the real stream', () => {
  it('should delete what the function handled, keep and release what it still fails, and not loop', async () => {
    const store = new DeadLetterStore();
    const notify = new TestConsumer('notify');
    const poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE,
      consumers: [notify],
      deadLetters: store,
    });
    while (await poller.pollOnce());
    notify.mode = 'throw';
    await writeEvent('REQX');
    while (await poller.pollOnce());
    await writeEvent('REQY');
    while (await poller.pollOnce());
    await poller.stop();
    const [first, second] = store.list('notify');
    expect(second).toBeDefined();

    const aws = fakeAws(notify.handler);
    const endpoint = await aws.start();
    const config = { endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
    const [sqs, lambda] = [new SQSClient(config), new LambdaClient(config)];
    const streams = new DynamoDBStreamsClient({ endpoint: dynamo.endpoint });
    const target = {
      name: 'notify',
      queue: new SqsDeadLetterQueue(sqs, `${endpoint}/000000000000/notify-dlq`),
      invoke: lambdaInvoker(lambda, 'notify'),
    };
    const reader = new SdkStreamBatchReader(streams);
    try {
      aws.send(first?.body ?? '');
      aws.send(second?.body ?? '');
      // The function still throws: both kept, visible again for the next run.
      const failing = await replayDeadLetters(target, reader);
      expect(failing.totals).toMatchObject({ 'still-failing': 2, replayed: 0 });
      expect(failing.batches[0]?.reason).toContain('Unhandled');
      expect(aws.queue.map((m) => m.invisible)).toEqual([false, false]);

      // It handles REQX but reports REQY's event as failed: only REQX's message goes.
      notify.mode = { failSeq: seq };
      const partly = await replayDeadLetters(target, reader);
      expect(partly.totals).toMatchObject({ replayed: 1, 'still-failing': 1 });
      expect(partly.batches[1]?.affected).toEqual([{ requestId: 'REQY', seq, type: 'comment' }]);
      expect(aws.queue.map((m) => m.body)).toEqual([second?.body]);

      notify.mode = 'ok';
      expect((await replayDeadLetters(target, reader)).totals.replayed).toBe(1);
      expect(aws.queue).toEqual([]);
    } finally {
      for (const c of [sqs, lambda, streams]) c.destroy();
      await aws.stop();
    }
  });
});
