/**
 * From what an event completes (walk.ts) to the aggregates it adds to, and the business metrics it
 * emits. Request-level facts (submitted, resolved, SLA) count for the request's service, requester
 * department and team (a category is the sum of its services: histograms add up exactly, so it is
 * derived when read, not stored twice); the first response and the queue wait for the team; each
 * stage period for the stage; decisions for the approver; completed approval stages for that
 * catalog stage. Only what the report reads is stored, so a period reads as little as it can.
 */
import {
  counterFields,
  sampleFields,
  type Contribution,
  type Dimension,
  type Fields,
  type Measure,
  type Stage,
} from './model';
import type { Observation } from './walk';

/** What is known about a request from its first event and the catalog. */
export interface RequestFacts {
  serviceId: string;
  category: string;
  team: string;
  /** The requester's department (scopes the department view). */
  department: string;
}

const STAGE_MEASURE: Record<Stage, Measure> = {
  approval: 'approval',
  queue: 'queue',
  in_progress: 'in_progress',
  waiting_for_requester: 'waiting_for_requester',
};

const requestDimensions = (facts: RequestFacts): Dimension[] => [
  { kind: 'service', key: facts.serviceId },
  { kind: 'department', key: facts.department },
  { kind: 'team', key: facts.team },
];

function targets(observation: Observation, facts: RequestFacts): [Dimension[], Fields] {
  const request = requestDimensions(facts);
  switch (observation.type) {
    case 'submitted':
      return [request, counterFields('submitted')];
    case 'resolved':
      return [
        request,
        {
          ...counterFields('resolved'),
          ...counterFields(observation.slaMet ? 'slaMet' : 'slaMissed'),
          ...sampleFields('resolution', observation.hours),
        },
      ];
    case 'response':
      return [[{ kind: 'team', key: facts.team }], sampleFields('response', observation.hours)];
    case 'breached':
      return [request, counterFields('breached')];
    case 'warning':
      return [request, counterFields('warnings')];
    case 'period':
      // The queue wait is also the team's (its bottleneck); the other stages are read per stage only.
      return [
        [
          { kind: 'stage', key: observation.stage },
          ...(observation.stage === 'queue' ? [{ kind: 'team' as const, key: facts.team }] : []),
        ],
        sampleFields(STAGE_MEASURE[observation.stage], observation.hours),
      ];
    case 'decision':
      return [[{ kind: 'approver', key: observation.approverId }], sampleFields('decision', observation.hours)];
    case 'approvalStage':
      return [[{ kind: 'approvalStage', key: observation.stage }], sampleFields('approval', observation.hours)];
  }
}

export function contributionsOf(
  observations: readonly Observation[],
  facts: RequestFacts,
  day: string,
): Contribution[] {
  return observations.flatMap((observation) => {
    const [dimensions, fields] = targets(observation, facts);
    return dimensions.map((dimension) => ({ day, dimension, fields }));
  });
}

/** The business metrics (their CloudWatch names are in functions/shared/metrics.ts). */
export const METRIC_KEYS = [
  'requestsSubmitted',
  'requestsResolved',
  'slaWarnings',
  'slaBreaches',
  'approvalWaitHours',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export interface MetricPoint {
  metric: MetricKey;
  value: number;
  unit: 'Count' | 'None';
  /** Low-cardinality only: never a request or person id. */
  dimensions: { Category: string; Team: string };
}

const METRIC_OF: Partial<Record<Observation['type'], MetricKey>> = {
  submitted: 'requestsSubmitted',
  resolved: 'requestsResolved',
  warning: 'slaWarnings',
  breached: 'slaBreaches',
  decision: 'approvalWaitHours',
};

export function metricsOf(observations: readonly Observation[], facts: RequestFacts): MetricPoint[] {
  const dimensions = { Category: facts.category, Team: facts.team };
  return observations.flatMap((observation): MetricPoint[] => {
    const metric = METRIC_OF[observation.type];
    if (!metric) return [];
    if (observation.type === 'decision')
      return [{ metric, value: Math.round(observation.hours * 100) / 100, unit: 'None', dimensions }];
    return [{ metric, value: 1, unit: 'Count', dimensions }];
  });
}
