/** The log-scale histogram: buckets, merging, and percentiles within the stated precision. */
import { describe, expect, it } from 'vitest';
import {
  ABSOLUTE_ERROR_HOURS,
  BUCKETS,
  bucketBounds,
  bucketOf,
  histogramOf,
  mergeHistograms,
  MIN_HOURS,
  percentile,
  RELATIVE_ERROR,
} from '../../functions/domain/analytics/histogram';
import { Random } from '../../local/demo/random';

const exact = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] as number;
};
const within = (estimate: number | null, value: number) =>
  Math.abs((estimate ?? NaN) - value) <= value * RELATIVE_ERROR + ABSOLUTE_ERROR_HOURS;

describe('histogram buckets', () => {
  it('should put each value in the bucket whose bounds hold it, boundaries included', () => {
    for (const hours of [0, 0.01, MIN_HOURS, 0.3, 1, 7.99, 8, 24, 100, 1000]) {
      const { lower, upper } = bucketBounds(bucketOf(hours));
      expect(hours).toBeGreaterThanOrEqual(lower);
      expect(hours).toBeLessThan(upper);
    }
    for (let i = 1; i < BUCKETS - 1; i++) expect(bucketOf(bucketBounds(i).lower)).toBe(i);
  });

  it('should keep everything beyond the last boundary in the open last bucket', () => {
    expect(bucketOf(1e9)).toBe(BUCKETS - 1);
    expect(bucketBounds(BUCKETS - 1).upper).toBe(Infinity);
  });
});

describe('percentiles from a histogram', () => {
  it('should be within the stated precision of the exact nearest-rank percentile', () => {
    const rng = new Random(7);
    for (let run = 0; run < 50; run++) {
      const values = Array.from({ length: 1 + rng.int(0, 400) }, () => rng.lognormal(6, 1.5));
      const histogram = histogramOf(values);
      for (const q of [0.5, 0.9, 0.99]) expect(within(percentile(histogram, q), exact(values, q))).toBe(true);
    }
  });

  it('should give the same answer merged as computed over all values at once', () => {
    const a = [1, 2, 3, 40];
    const b = [0.01, 5, 6, 700];
    expect(mergeHistograms(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
    expect(percentile(mergeHistograms(histogramOf(a), histogramOf(b)), 0.5)).toBe(
      percentile(histogramOf([...a, ...b]), 0.5),
    );
  });

  it('should answer null for no samples', () => {
    expect(percentile({}, 0.5)).toBeNull();
  });
});
