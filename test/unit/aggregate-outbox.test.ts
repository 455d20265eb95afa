/**
 * The history consumer's analytics use case (functions/usecases/aggregate-history.ts) through its
 * ports, with stubs for the two it uses: what it asks the aggregate store and the request store, and
 * which metrics it returns. That each unit is counted once in DynamoDB is the adapter's, tested end
 * to end (test/analytics/analytics.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { HistoryEvent } from '../../functions/domain/requests/model';
import type { AggregationUnit } from '../../functions/ports';
import { aggregateOutbox, type OutboxItem } from '../../functions/usecases/aggregate-history';
import { catalog } from '../../functions/usecases/catalog';
import { TUESDAY_10AM } from '../support/moments';

// Recorded facts: the use case never compares them with now.
const submitted: HistoryEvent = {
  seq: 1,
  at: TUESDAY_10AM,
  actorId: 'ivan.sidorov',
  actorName: 'Ivan Sidorov',
  type: 'submitted',
  data: { serviceId: 'sick-leave' },
};
const comment: HistoryEvent = { ...submitted, seq: 2, type: 'comment', data: {}, comment: 'Thanks' };

function portsWith(histories: Record<string, HistoryEvent[]>, counted: string[] = []) {
  const countOnce = vi.fn(async (units: readonly AggregationUnit[]) => [...units]);
  const countedEvents = vi.fn(async () => new Set(counted));
  const getRequestWithHistory = vi.fn(async (id: string) => {
    const history = histories[id];
    // Only the history is read: the request itself is never looked at.
    return history && { request: {} as never, history };
  });
  return { aggregates: { countOnce, countedEvents }, requests: { getRequestWithHistory }, directory: catalog };
}

const item = (requestId: string, event: HistoryEvent): OutboxItem => ({ requestId, event });
const keysOf = (units: readonly AggregationUnit[] | undefined) => units?.map((u) => `${u.requestId}#${u.seq}`);

describe('counting the outbox into the aggregates', () => {
  it('should count only the events not counted yet, reading each request history once, and return their metrics', async () => {
    // r2's read does not show its event yet: the event from the stream stands in.
    const ports = portsWith({ r1: [submitted, comment], r2: [] }, ['r1#1']);
    const metrics = await aggregateOutbox(ports, [item('r1', submitted), item('r1', comment), item('r2', submitted)]);
    expect(ports.aggregates.countedEvents).toHaveBeenCalledWith([
      { requestId: 'r1', seq: 1 },
      { requestId: 'r1', seq: 2 },
      { requestId: 'r2', seq: 1 },
    ]);
    expect(ports.requests.getRequestWithHistory.mock.calls.map(([id]) => id)).toEqual(['r1', 'r2']);
    const [units] = ports.aggregates.countOnce.mock.calls[0] ?? [];
    expect(keysOf(units)).toEqual(['r1#2', 'r2#1']);
    // Counted on the company calendar's day, in everything and in the requester's department.
    expect(units?.[1]?.contributions.every((c) => c.day === '2026-12-01')).toBe(true);
    expect(units?.[1]?.scopes).toEqual([{ kind: 'all' }, { kind: 'department', department: 'sales' }]);
    expect(metrics).toEqual([
      { metric: 'requestsSubmitted', value: 1, unit: 'Count', dimensions: { Category: 'hr', Team: 'hr' } },
    ]);
  });

  it('should return no metrics for the events another delivery counted first', async () => {
    const ports = portsWith({ r2: [submitted] });
    ports.aggregates.countOnce.mockResolvedValueOnce([]);
    expect(await aggregateOutbox(ports, [item('r2', submitted)])).toEqual([]);
    expect(ports.aggregates.countOnce).toHaveBeenCalledTimes(1);
  });

  it('should leave imported history to the import, asking the stores nothing', async () => {
    const ports = portsWith({});
    const imported = { ...submitted, data: { ...submitted.data, imported: true } };
    expect(await aggregateOutbox(ports, [item('r3', imported)])).toEqual([]);
    expect(ports.aggregates.countedEvents).not.toHaveBeenCalled();
    expect(ports.requests.getRequestWithHistory).not.toHaveBeenCalled();
  });
});
