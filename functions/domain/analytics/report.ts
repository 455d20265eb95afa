/**
 * The analytics answer, from the period's aggregates summed by dimension (plus the live backlog and
 * pending approvals): volume, SLA compliance, resolution and stage percentiles, approvers, the work
 * open now and the bottlenecks. Pure: names come from the directory passed in.
 *
 * The headline numbers agree because each is defined over one set: `sla.met` + `sla.missed` are the
 * resolutions in the period (on time: no breach before it), `compliancePct` is met over them; what
 * is overdue now is `open.overdue`, over the requests open now (approvals included).
 */
import type { Locale } from '../catalog/schema';
import { rankBottlenecks, type Bottleneck, type Names } from './bottlenecks';
import { percentile } from './histogram';
import { openWork, waitingStages, type BacklogEntry, type OpenApproval } from './open-work';
import {
  addFields,
  dimensionId,
  parseDimensionId,
  readCounter,
  readMeasure,
  STAGES,
  type DimensionKind,
  type Fields,
  type Measure,
} from './model';

export type { BacklogEntry } from './open-work';

export interface ReportInput {
  /** Fields summed over the period, by dimension id (`SVC#vacation`, ...). */
  totals: ReadonlyMap<string, Fields>;
  backlog: BacklogEntry[];
  /** Approvals waiting now, by approver id. */
  pending: ReadonlyMap<string, number>;
  /** Requests waiting for an approval decision now, each once. */
  openApprovals: readonly OpenApproval[];
  names: Names;
  locale: Locale;
  /** Business hours in a working day, for "3.2 business days". */
  hoursPerDay: number;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const hoursOrNull = (value: number | null) => (value === null ? null : round(value, 2));

export function compliancePct(fields: Fields): number | null {
  const met = readCounter(fields, 'slaMet');
  const resolved = met + readCounter(fields, 'slaMissed');
  return resolved === 0 ? null : round((met / resolved) * 100);
}

/** p50/p90 of a measure, rounded to 0.01 h. */
export function quantiles(fields: Fields, measure: Measure) {
  const { histogram, count, sumHours } = readMeasure(fields, measure);
  return {
    p50: hoursOrNull(percentile(histogram, 0.5)),
    p90: hoursOrNull(percentile(histogram, 0.9)),
    count,
    totalHours: round(sumHours, 2),
  };
}

export function byKind(totals: ReadonlyMap<string, Fields>, kind: DimensionKind): [string, Fields][] {
  const found: [string, Fields][] = [];
  for (const [id, fields] of totals) {
    const dimension = parseDimensionId(id);
    if (dimension?.kind === kind) found.push([dimension.key, fields]);
  }
  return found.sort(([a], [b]) => a.localeCompare(b));
}

/** A service's title in the reader's language, so no chart shows an id. */
const serviceTitle = (input: ReportInput, serviceId: string) =>
  input.names.service(serviceId)?.[input.locale] ?? serviceId;

function services(input: ReportInput) {
  const rows = byKind(input.totals, 'service');
  return {
    volume: rows
      .map(([serviceId, f]) => ({
        serviceId,
        title: serviceTitle(input, serviceId),
        category: input.names.category(serviceId),
        submitted: readCounter(f, 'submitted'),
        resolved: readCounter(f, 'resolved'),
      }))
      .filter((row) => row.submitted + row.resolved > 0)
      .sort((a, b) => b.submitted - a.submitted || a.serviceId.localeCompare(b.serviceId)),
    byService: rows
      .map(([serviceId, f]) => ({
        serviceId,
        title: serviceTitle(input, serviceId),
        compliancePct: compliancePct(f),
        met: readCounter(f, 'slaMet'),
        missed: readCounter(f, 'slaMissed'),
        breached: readCounter(f, 'breached'),
      }))
      .filter((row) => row.met + row.missed + row.breached > 0),
    resolutionHours: rows
      .map(([serviceId, f]) => ({ serviceId, ...quantiles(f, 'resolution') }))
      .filter((row) => row.count > 0)
      .map(({ serviceId, p50, p90, count }) => ({ serviceId, p50, p90, count })),
  };
}

function sumOver(rows: [string, Fields][]): Fields {
  const sum: Fields = {};
  for (const [, fields] of rows) for (const [k, v] of Object.entries(fields)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

function stages(input: ReportInput) {
  return STAGES.map((stage) => {
    const fields = input.totals.get(dimensionId({ kind: 'stage', key: stage })) ?? {};
    const q = quantiles(fields, stage);
    return { stage, p50Hours: q.p50, p90Hours: q.p90, count: q.count, totalHours: q.totalHours };
  });
}

function approvers(input: ReportInput) {
  const ids = new Set([...byKind(input.totals, 'approver').map(([id]) => id), ...input.pending.keys()]);
  return [...ids]
    .map((approverId) => {
      const q = quantiles(input.totals.get(dimensionId({ kind: 'approver', key: approverId })) ?? {}, 'decision');
      return {
        approverId,
        name: input.names.person(approverId)?.name ?? approverId,
        pending: input.pending.get(approverId) ?? 0,
        p50Hours: q.p50,
        p90Hours: q.p90,
        decisions: q.count,
        totalWaitHours: q.totalHours,
      };
    })
    .filter((row) => row.pending + row.decisions > 0)
    .sort((a, b) => b.totalWaitHours - a.totalWaitHours || b.pending - a.pending);
}

/** Categories are the sums of their services (histograms add up exactly). */
function byCategory(input: ReportInput): [string, Fields][] {
  const sums = new Map<string, Fields>();
  for (const [serviceId, fields] of byKind(input.totals, 'service')) {
    const category = input.names.category(serviceId);
    sums.set(category, addFields(sums.get(category) ?? {}, fields));
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b));
}

/** Per category, department and team: the same counters and resolution percentiles (additions). */
function breakdown(input: ReportInput, kind: 'category' | 'department' | 'team') {
  const rows = kind === 'category' ? byCategory(input) : byKind(input.totals, kind);
  return rows.map(([id, f]) => {
    const q = quantiles(f, 'resolution');
    return {
      id,
      submitted: readCounter(f, 'submitted'),
      resolved: readCounter(f, 'resolved'),
      breached: readCounter(f, 'breached'),
      compliancePct: compliancePct(f),
      resolutionP50Hours: q.p50,
      resolutionP90Hours: q.p90,
      ...(kind === 'team'
        ? { responseP50Hours: quantiles(f, 'response').p50, queueP50Hours: quantiles(f, 'queue').p50 }
        : {}),
    };
  });
}

export function buildReport(input: ReportInput) {
  const service = services(input);
  const all = sumOver(byKind(input.totals, 'service'));
  const bottlenecks: Bottleneck[] = rankBottlenecks(input.totals, input.names, {
    locale: input.locale,
    hoursPerDay: input.hoursPerDay,
    waiting: waitingStages(input.openApprovals, input.hoursPerDay),
  });
  return {
    volume: service.volume,
    sla: {
      compliancePct: compliancePct(all),
      met: readCounter(all, 'slaMet'),
      missed: readCounter(all, 'slaMissed'),
      breached: readCounter(all, 'breached'),
      byService: service.byService,
    },
    open: openWork(input.backlog, input.openApprovals),
    resolutionHours: service.resolutionHours,
    stages: stages(input),
    approvers: approvers(input),
    backlog: input.backlog.map((entry) => ({
      ...entry,
      name: input.names.team(entry.team)?.[input.locale] ?? entry.team,
    })),
    bottlenecks,
    approvalStages: byKind(input.totals, 'approvalStage').map(([stage, f]) => {
      const q = quantiles(f, 'approval');
      return { stage, p50Hours: q.p50, p90Hours: q.p90, count: q.count };
    }),
    categories: breakdown(input, 'category'),
    departments: breakdown(input, 'department'),
    teams: breakdown(input, 'team'),
  };
}

export type AnalyticsReport = ReturnType<typeof buildReport>;
