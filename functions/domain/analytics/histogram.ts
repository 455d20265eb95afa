/**
 * Durations as fixed log-scale histograms, so they can be summed across days, dimensions and
 * writers (DynamoDB ADD) and still give percentiles. Bucket 0 holds [0, MIN_HOURS); bucket i >= 1
 * holds [MIN_HOURS·r^(i-1), MIN_HOURS·r^i) with r = 2^(1/4); the last bucket is open-ended.
 * A percentile is the geometric middle of the bucket holding the nearest-rank sample, so it is
 * within RELATIVE_ERROR (about 9 %) of the exact value, or within ABSOLUTE_ERROR_HOURS below MIN_HOURS.
 */
export const MIN_HOURS = 0.05;
export const RATIO = 2 ** (1 / 4);
/** Up to MIN_HOURS·r^63 ≈ 2 750 business hours (about 340 business days); longer goes in the last. */
export const BUCKETS = 64;
export const RELATIVE_ERROR = Math.sqrt(RATIO) - 1;
export const ABSOLUTE_ERROR_HOURS = MIN_HOURS / 2;

/** Sparse bucket index -> count. */
export type Histogram = Record<number, number>;

/** The lower bound of bucket i >= 1 (one formula, so a boundary value always lands the same way). */
const boundary = (index: number) => MIN_HOURS * RATIO ** (index - 1);

export function bucketOf(hours: number): number {
  if (!(hours >= MIN_HOURS)) return 0;
  let index = Math.min(BUCKETS - 1, Math.floor(Math.log(hours / MIN_HOURS) / Math.log(RATIO)) + 1);
  // Floating-point edges: a value on a boundary belongs to the upper bucket.
  while (index > 1 && hours < boundary(index)) index--;
  while (index < BUCKETS - 1 && hours >= boundary(index + 1)) index++;
  return index;
}

export function bucketBounds(index: number): { lower: number; upper: number } {
  if (index <= 0) return { lower: 0, upper: MIN_HOURS };
  return { lower: boundary(index), upper: index >= BUCKETS - 1 ? Infinity : boundary(index + 1) };
}

/** The value a bucket stands for: its geometric middle (the lower bound for the open last one). */
export function bucketValue(index: number): number {
  const { lower, upper } = bucketBounds(index);
  if (index <= 0) return MIN_HOURS / 2;
  return upper === Infinity ? lower : Math.sqrt(lower * upper);
}

export const countOf = (histogram: Histogram) => Object.values(histogram).reduce((sum, n) => sum + n, 0);

/** Nearest-rank percentile (q in 0..1) read from the histogram; null when it is empty. */
export function percentile(histogram: Histogram, q: number): number | null {
  const total = countOf(histogram);
  if (total === 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
  let seen = 0;
  const indexes = Object.keys(histogram)
    .map(Number)
    .sort((a, b) => a - b);
  for (const index of indexes) {
    seen += histogram[index] ?? 0;
    if (seen >= rank) return bucketValue(index);
  }
  return null;
}

export function mergeHistograms(...histograms: Histogram[]): Histogram {
  const merged: Histogram = {};
  for (const histogram of histograms)
    for (const [index, n] of Object.entries(histogram)) merged[Number(index)] = (merged[Number(index)] ?? 0) + n;
  return merged;
}

export function histogramOf(values: readonly number[]): Histogram {
  const histogram: Histogram = {};
  for (const value of values) histogram[bucketOf(value)] = (histogram[bucketOf(value)] ?? 0) + 1;
  return histogram;
}
