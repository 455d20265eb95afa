/**
 * The history stream consumer (functions/events/history.ts) runs the workflows step record by record,
 * then the analytics step once for the records the first got through, and reports the batch back from
 * the first record where either failed. The use cases are stubbed: their own behaviour is tested
 * end to end (imported-history.test.ts, test/analytics/).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { publishMetrics } from '../../functions/adapters/emf';
import type { OutboxEvent } from '../../functions/adapters/store/stream';
import type { MetricPoint } from '../../functions/domain/analytics/contributions';
import { handler } from '../../functions/events/history';
import { aggregateOutbox } from '../../functions/usecases/aggregate-history';
import { followUpWorkflows } from '../../functions/usecases/workflows';

vi.mock('../../functions/usecases/workflows', () => ({ followUpWorkflows: vi.fn() }));
vi.mock('../../functions/usecases/aggregate-history', () => ({ aggregateOutbox: vi.fn() }));
vi.mock('../../functions/adapters/emf', () => ({ publishMetrics: vi.fn() }));
vi.mock('../../functions/shared/logger', () => ({ logger: { error: vi.fn() } }));

const followUp = vi.mocked(followUpWorkflows);
const aggregate = vi.mocked(aggregateOutbox);
const publish = vi.mocked(publishMetrics);

const METRIC: MetricPoint = {
  metric: 'requestsSubmitted',
  value: 1,
  unit: 'Count',
  dimensions: { Category: 'it', Team: 'it' },
};

// The stream's attribute values are the SDK's, under aws-lambda's type.
const image = (item: Record<string, unknown>) => marshall(item) as Record<string, AttributeValue>;

/** A history event's INSERT, as the stream delivers it. */
const inserted = (sequence: string, seq: number): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: image({
      pk: 'REQ#r1',
      sk: `EVT#${String(seq).padStart(6, '0')}`,
      entity: 'event',
      seq,
      at: '2026-12-01T07:00:00.000Z', // a recorded fact: the consumer never compares it with now
      actorId: 'ivan.sidorov',
      actorName: 'Ivan Sidorov',
      type: 'submitted',
    }),
  },
});
/** A record the consumer ignores (the request item's update). */
const modified = (sequence: string): DynamoDBRecord => ({
  eventName: 'MODIFY',
  dynamodb: { SequenceNumber: sequence, NewImage: image({ pk: 'REQ#r1', sk: 'META', entity: 'request' }) },
});

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const seqsOf = (items: readonly OutboxEvent[]) => items.map((i) => i.event.seq);

beforeEach(() => {
  vi.clearAllMocks();
  followUp.mockResolvedValue(undefined);
  aggregate.mockResolvedValue([METRIC]);
});

describe('the history stream consumer (workflow recovery and analytics)', () => {
  it('should follow up every event in order, then count them all at once and publish their metrics', async () => {
    const answer = await handler(batch(inserted('1', 1), modified('2'), inserted('3', 2), inserted('4', 3)));
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(followUp.mock.calls.map(([, item]) => item.event.seq)).toEqual([1, 2, 3]);
    expect(aggregate).toHaveBeenCalledTimes(1);
    expect(seqsOf(aggregate.mock.calls[0]?.[1] ?? [])).toEqual([1, 2, 3]);
    expect(publish).toHaveBeenCalledWith([METRIC]);
    expect(followUp.mock.invocationCallOrder.at(-1)).toBeLessThan(aggregate.mock.invocationCallOrder[0] ?? 0);
  });

  it('should report the record whose workflows step failed, counting only the records before it', async () => {
    followUp.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('ThrottlingException'));
    const answer = await handler(batch(inserted('1', 1), modified('2'), inserted('3', 2), inserted('4', 3)));
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
    expect(followUp).toHaveBeenCalledTimes(2);
    expect(seqsOf(aggregate.mock.calls[0]?.[1] ?? [])).toEqual([1]);
  });

  it('should count nothing when the first event fails its workflows step', async () => {
    followUp.mockRejectedValueOnce(new Error('ThrottlingException'));
    const answer = await handler(batch(modified('1'), inserted('2', 1), inserted('3', 2)));
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(aggregate).not.toHaveBeenCalled();
  });

  it('should report the batch from its first event when the analytics step fails, and publish nothing', async () => {
    aggregate.mockRejectedValueOnce(new Error('TransactionCanceledException'));
    const answer = await handler(batch(modified('1'), inserted('2', 1), inserted('3', 2)));
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(followUp).toHaveBeenCalledTimes(2);
    expect(publish).not.toHaveBeenCalled();
  });

  it('should report the earlier record when both steps fail', async () => {
    followUp.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('ThrottlingException'));
    aggregate.mockRejectedValueOnce(new Error('TransactionCanceledException'));
    const answer = await handler(batch(inserted('1', 1), inserted('2', 2), inserted('3', 3)));
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
  });

  it('should do nothing with a batch without history events', async () => {
    expect(await handler(batch(modified('1')))).toEqual({ batchItemFailures: [] });
    expect(followUp).not.toHaveBeenCalled();
    expect(aggregate).not.toHaveBeenCalled();
  });
});
