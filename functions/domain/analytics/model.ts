/**
 * What the analytics count: per day (the company calendar's date), per scope (everything, or one
 * requester department) and per dimension, a flat record of numbers that only ever grows by
 * addition. Counters are plain fields; a duration measure `m` is `m_n` (samples), `m_s` (sum of
 * business hours) and `m_h<bucket>` (log-scale histogram, see histogram.ts). Adding two records
 * field by field is merging them, whichever days, writers or redeliveries they came from.
 */
import { bucketOf, type Histogram } from './histogram';

export const STAGES = ['approval', 'queue', 'in_progress', 'waiting_for_requester'] as const;
export type Stage = (typeof STAGES)[number];

export const COUNTERS = ['submitted', 'resolved', 'breached', 'slaMet', 'slaMissed', 'warnings'] as const;
export type Counter = (typeof COUNTERS)[number];

/** Duration measures (business hours) and their short field prefixes. */
export const MEASURES = {
  resolution: 'res',
  response: 'rsp',
  decision: 'dec',
  approval: 'apr',
  queue: 'que',
  in_progress: 'inp',
  waiting_for_requester: 'wai',
} as const;
export type Measure = keyof typeof MEASURES;

/** Categories are not stored: a category is the sum of its services (derived when read). */
export const DIMENSIONS = {
  service: 'SVC',
  department: 'DEPT',
  team: 'TEAM',
  approver: 'APPROVER',
  stage: 'STAGE',
  approvalStage: 'APRSTAGE',
} as const;
export type DimensionKind = keyof typeof DIMENSIONS;

export interface Dimension {
  kind: DimensionKind;
  key: string;
}

/** Field name -> amount to add. */
export type Fields = Record<string, number>;

/** Aggregates are kept for everything and for the requester's department. */
export type Scope = { kind: 'all' } | { kind: 'department'; department: string };

/** One event's addition to one aggregate. */
export interface Contribution {
  day: string;
  dimension: Dimension;
  fields: Fields;
}

/** Sums of hours are stored to 1/10 000 h (0.36 s): decimal-safe and exact enough. */
const roundHours = (hours: number) => Math.round(hours * 10_000) / 10_000;

export const counterFields = (counter: Counter, n = 1): Fields => ({ [counter]: n });

export function sampleFields(measure: Measure, hours: number): Fields {
  const m = MEASURES[measure];
  return { [`${m}_n`]: 1, [`${m}_s`]: roundHours(hours), [`${m}_h${bucketOf(hours)}`]: 1 };
}

export function addFields(target: Fields, more: Fields): Fields {
  for (const [name, value] of Object.entries(more)) target[name] = roundHours((target[name] ?? 0) + value);
  return target;
}

export interface MeasureValue {
  count: number;
  sumHours: number;
  histogram: Histogram;
}

export function readMeasure(fields: Fields, measure: Measure): MeasureValue {
  const m = MEASURES[measure];
  const prefix = `${m}_h`;
  const histogram: Histogram = {};
  for (const [name, value] of Object.entries(fields))
    if (name.startsWith(prefix) && value > 0) histogram[Number(name.slice(prefix.length))] = value;
  return { count: fields[`${m}_n`] ?? 0, sumHours: fields[`${m}_s`] ?? 0, histogram };
}

export const readCounter = (fields: Fields, counter: Counter) => fields[counter] ?? 0;

/** `SVC#vacation` and back: how a dimension is named inside a day's aggregates. */
export const dimensionId = (dimension: Dimension) => `${DIMENSIONS[dimension.kind]}#${dimension.key}`;

export function parseDimensionId(id: string): Dimension | undefined {
  const at = id.indexOf('#');
  const code = id.slice(0, at);
  const kind = (Object.keys(DIMENSIONS) as DimensionKind[]).find((k) => DIMENSIONS[k] === code);
  return at > 0 && kind ? { kind, key: id.slice(at + 1) } : undefined;
}
