/** The consumer's business metrics as CloudWatch EMF: namespace, names, low-cardinality dimensions. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MetricPoint } from '../../functions/domain/analytics/contributions';
import { APPROVAL_WAIT_HOURS, METRICS_NAMESPACE, REQUESTS_SUBMITTED } from '../../functions/shared/metrics';

let publish: (points: readonly MetricPoint[]) => void;

beforeAll(async () => {
  // Powertools reads POWERTOOLS_METRICS_DISABLED when the adapter first emits; nothing here talks to DynamoDB.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  ({ publishMetrics: publish } = await import('../../functions/adapters/emf'));
});
afterAll(() => vi.restoreAllMocks());

describe('EMF from the history consumer (analytics)', () => {
  it('should publish one document per Category and Team, never a request id', () => {
    const lines: string[] = [];
    // Powertools writes through its own Console on stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l.startsWith('{')),
      );
      return true;
    });
    const legal = { Category: 'legal', Team: 'legal' };
    publish([
      { metric: 'requestsSubmitted', value: 1, unit: 'Count', dimensions: legal },
      { metric: 'approvalWaitHours', value: 26.5, unit: 'None', dimensions: { Category: 'finance', Team: 'finance' } },
      { metric: 'requestsSubmitted', value: 1, unit: 'Count', dimensions: legal },
    ]);
    const docs = lines.map(
      (l) =>
        JSON.parse(l) as Record<string, unknown> & {
          _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
        },
    );
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc._aws.CloudWatchMetrics[0]?.Namespace).toBe(METRICS_NAMESPACE);
      expect(doc._aws.CloudWatchMetrics[0]?.Dimensions[0]?.sort()).toEqual(['Category', 'Team', 'service']);
    }
    expect(docs[0]).toMatchObject({ Category: 'legal', Team: 'legal', [REQUESTS_SUBMITTED]: [1, 1] });
    expect(docs[1]).toMatchObject({ Category: 'finance', [APPROVAL_WAIT_HOURS]: 26.5 });
  });
});
