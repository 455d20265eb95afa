/**
 * The backlog gauges: each team's open requests, read exactly as GET /analytics reads its backlog
 * (one Query per team on the queue index, never a Scan), emitted as EMF with the dimension `Team`
 * only. Sampled on a schedule (functions/events/backlog.ts): a gauge states the current level, so a
 * missed sample is simply replaced by the next one.
 */
import type { BacklogEntry } from '../domain/analytics/report';
import { clock } from '../adapters/clock';
import { BACKLOG_METRIC_NAMES, METRIC_DIMENSIONS } from '../shared/metrics';
import { backlog } from './analytics';
import { emitMetrics, type MetricDocument } from './emf';

/** One team's gauges; no oldest age for an empty queue (there is no oldest request to age). */
export function backlogDocument(entry: BacklogEntry): MetricDocument {
  const { backlog: open, backlogBreached, backlogOldestHours } = BACKLOG_METRIC_NAMES;
  return {
    dimensions: { [METRIC_DIMENSIONS.team]: entry.team },
    values: [
      { name: open, unit: 'Count', value: entry.open },
      { name: backlogBreached, unit: 'Count', value: entry.breached },
      ...(entry.oldestAgeHours === null
        ? []
        : [{ name: backlogOldestHours, unit: 'None' as const, value: entry.oldestAgeHours }]),
    ],
  };
}

/** Reads every team's backlog (the whole company's) and emits its gauges; returns what it emitted. */
export async function sampleBacklog(now: Date = clock.now()): Promise<BacklogEntry[]> {
  const entries = await backlog({ kind: 'all' }, now);
  emitMetrics(entries.map(backlogDocument));
  return entries;
}
