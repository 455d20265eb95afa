/**
 * The local stand-in for the stream consumers' dead-letter queues (the SQS on-failure destinations of
 * lib/constructs/history-stream-consumer.ts): local/streams.ts puts here the message Lambda would put
 * in the queue, persisted with the data. `GET /api/dev/dead-letters` lists them and
 * `POST /api/dev/dead-letters/replay` reconciles them with the same module the cloud CLI runs
 * (functions/ops/replay-dead-letters.ts), reading DynamoDB Local's stream and calling the handlers.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { clock } from '../functions/adapters/clock';
import {
  reconciled,
  replayDeadLetters,
  type DeadLetter,
  type DeadLetterQueue,
  type ReplaySummary,
  type StreamConsumerInvoker,
  type StreamDeadLetter,
} from '../functions/ops/replay-dead-letters';
import { SdkStreamBatchReader } from '../functions/ops/stream-reader';
import type { DevRoute } from './api-server';
import type { DeadLetterSink, StreamConsumer } from './streams';

export interface StoredDeadLetter {
  id: string;
  consumer: string;
  sentAt: string;
  body: string;
}

/** The dead letters of every consumer, in the order they were sent; a file in the data folder, or memory. */
export class DeadLetterStore implements DeadLetterSink {
  private letters: StoredDeadLetter[];

  constructor(private readonly file?: string) {
    this.letters = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredDeadLetter[]) : [];
  }

  send(consumer: string, message: StreamDeadLetter | string) {
    const body = typeof message === 'string' ? message : JSON.stringify(message);
    this.letters.push({ id: randomUUID(), consumer, sentAt: clock.nowIso(), body });
    this.save();
  }

  list(consumer?: string): StoredDeadLetter[] {
    return this.letters.filter((letter) => consumer === undefined || letter.consumer === consumer);
  }

  /** One consumer's queue as the replay sees it: a snapshot to receive, deletes by id, nothing to release. */
  queue(consumer: string): DeadLetterQueue {
    return {
      receive: () => this.snapshot(consumer),
      delete: async (letter: DeadLetter) => {
        this.letters = this.letters.filter((stored) => stored.id !== letter.id);
        this.save();
      },
      release: async () => undefined,
    };
  }

  private async *snapshot(consumer: string): AsyncIterable<DeadLetter> {
    for (const { id, body } of this.list(consumer)) yield { id, body };
  }

  private save() {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.letters, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** The handler called directly, answering what Lambda Invoke would: its response, or that it threw. */
const invokerOf =
  (consumer: StreamConsumer): StreamConsumerInvoker =>
  async (event) => {
    try {
      return { response: (await consumer.handler(event)) ?? null };
    } catch (error) {
      return { functionError: `Unhandled: ${(error as Error).name}: ${(error as Error).message}` };
    }
  };

const badRequest = (message: string) => ({
  status: 400,
  body: { error: { code: 'validation_failed', message, details: [] } },
});

/** Replays the local dead letters through the same handlers the stream poller calls. */
export class DeadLetterReplay {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly consumers: StreamConsumer[],
    private readonly endpoint: string,
  ) {}

  /** Every consumer's dead letters ('all'), or one consumer's. */
  async replay(consumer: string, options: { dryRun?: boolean } = {}): Promise<ReplaySummary[]> {
    const chosen = this.consumers.filter((c) => consumer === 'all' || c.name === consumer);
    // A client per replay: replays are rare, and nothing is left open for the runtime to close.
    const streams = new DynamoDBStreamsClient({ endpoint: this.endpoint, region: process.env.AWS_REGION ?? 'local' });
    const reader = new SdkStreamBatchReader(streams);
    const summaries: ReplaySummary[] = [];
    try {
      for (const target of chosen) {
        const queue = this.store.queue(target.name);
        summaries.push(
          await replayDeadLetters({ name: target.name, queue, invoke: invokerOf(target) }, reader, options),
        );
      }
    } finally {
      streams.destroy();
    }
    return summaries;
  }

  routes(): DevRoute[] {
    return [
      {
        method: 'GET',
        path: '/dev/dead-letters',
        handle: async (_body, url) => {
          const items = this.store.list(url.searchParams.get('consumer') ?? undefined);
          return {
            status: 200,
            body: { items: items.map(({ body, ...letter }) => ({ ...letter, message: parse(body) })) },
          };
        },
      },
      {
        method: 'POST',
        path: '/dev/dead-letters/replay',
        handle: async (body) => {
          const { consumer = 'all', dryRun = false } = (body ?? {}) as { consumer?: unknown; dryRun?: unknown };
          const names = this.consumers.map((c) => c.name);
          if (typeof consumer !== 'string' || (consumer !== 'all' && !names.includes(consumer)))
            return badRequest(`consumer is "all" or one of ${names.join(', ')}`);
          if (typeof dryRun !== 'boolean') return badRequest('dryRun is a boolean');
          const summaries = await this.replay(consumer, { dryRun });
          return { status: 200, body: { reconciled: reconciled(summaries), summaries } };
        },
      },
    ];
  }
}

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};
