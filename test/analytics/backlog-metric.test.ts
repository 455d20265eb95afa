/**
 * The backlog gauges over a seeded queue: the EMF documents the scheduled handler
 * (functions/events/backlog.ts) writes carry, for every team, `Backlog` = its open requests,
 * `BacklogBreached` = those of them past their SLA, and `BacklogOldestHours` as GET /analytics reports
 * it, with the dimensions `Team` and Powertools' `service` only. Locally the runtime runs the handler on
 * its clock every 5 portal-minutes. This file owns an in-process runtime with a frozen clock.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isInQueue } from '../../functions/domain/requests/model';
import {
  BACKLOG,
  BACKLOG_BREACHED,
  BACKLOG_OLDEST_HOURS,
  BACKLOG_SAMPLE_MINUTES,
  METRICS_NAMESPACE,
} from '../../functions/shared/metrics';
import { catalog } from '../../functions/usecases/catalog';
import { generateDemoHistory, type DemoRequest } from '../../local/demo/generate';
import { startRuntime, type Runtime } from '../../local/runtime';
import { clientFor, type ApiClient, type ApiResponse } from '../support/client';
import { FRIDAY_5PM } from '../support/moments';

// The seeded month ends at the chosen Friday 17:00 in Moscow (on a 5-minute boundary).
const NOW = FRIDAY_5PM;
const SEED = { requests: 150, days: 30, seed: 7 };
const MINUTE = 60_000;

interface EmfDocument {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

let runtime: Runtime;
let api: ApiClient;
let demo: DemoRequest[];
let handler: (event: ScheduledEvent) => Promise<void>;
/** The live request submitted through the API (its team's queue has one more). */
let live: { team: string };

/** The EMF documents written to stdout while `run` runs (nothing else gets through meanwhile). */
async function emfDuring(run: () => Promise<unknown>): Promise<EmfDocument[]> {
  const lines: string[] = [];
  // Powertools writes through its own Console on stdout.
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l.startsWith('{')),
    );
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.map((l) => JSON.parse(l) as EmfDocument).filter((doc) => doc._aws !== undefined);
}

/** The backlog EMF documents written while `run` runs. */
const backlogDocuments = async (run: () => Promise<unknown>) =>
  (await emfDuring(run)).filter((doc) => doc._aws.CloudWatchMetrics[0]?.Metrics.some((m) => m.Name === BACKLOG));

const teamsOf = (docs: EmfDocument[]) => docs.map((doc) => String(doc.Team)).sort();
const teamIds = () => catalog.data.teams.map((team) => team.id).sort();

beforeAll(async () => {
  // The local runtime silences EMF unless asked for: this file reads it.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  runtime = await startRuntime({ port: 0, clockStart: NOW, clockFrozen: true });
  api = clientFor(runtime.url);
  const { seedDemoHistory } = await import('../../local/demo-history');
  await seedDemoHistory({ ...SEED, now: new Date(NOW) });
  demo = generateDemoHistory({ ...SEED, now: new Date(NOW) });
  // A live request too, through the API and the stream (its EMF from the history consumer is not read here).
  let created: ApiResponse | undefined;
  await emfDuring(async () => {
    created = await api.as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'sick-leave',
      fields: { reason: 'own-illness', period: { from: '2026-12-04', to: '2026-12-08' } },
    });
    await runtime.clock.settle();
  });
  expect(created?.status, created?.text).toBe(201);
  live = { team: (await api.as('ivan.sidorov', 'GET', `/requests/${created?.body.id}`)).body.team };
  ({ handler } = await import('../../functions/events/backlog'));
}, 300_000);
afterAll(() => runtime?.stop());

describe('the backlog gauges', () => {
  it('should emit per team its open requests, those past their SLA and its oldest wait, by Team only', async () => {
    const open = (team: string) =>
      demo.filter((d) => d.request.team === team && isInQueue(d.request.status)).length + (team === live.team ? 1 : 0);
    const breached = (team: string) =>
      demo.filter((d) => d.request.team === team && isInQueue(d.request.status) && d.request.sla.breached).length;
    const report = await api.call('GET', '/analytics', undefined, { token: await api.tokenFor('olga.smirnova') });
    expect(report.status, report.text).toBe(200);
    const oldest = new Map<string, number | null>(
      (report.body.backlog as { team: string; oldestAgeHours: number | null }[]).map((r) => [r.team, r.oldestAgeHours]),
    );

    const docs = await backlogDocuments(() =>
      handler({ 'detail-type': 'Scheduled Event', source: 'aws.events', time: NOW } as ScheduledEvent),
    );
    expect(teamsOf(docs)).toEqual(teamIds());
    // The seed must give the comparison something to compare: open and breached requests.
    expect(docs.reduce((sum, doc) => sum + Number(doc[BACKLOG]), 0)).toBeGreaterThan(10);
    expect(docs.some((doc) => Number(doc[BACKLOG_BREACHED]) > 0)).toBe(true);
    for (const doc of docs) {
      const team = String(doc.Team);
      const [emf] = doc._aws.CloudWatchMetrics;
      expect(emf?.Namespace).toBe(METRICS_NAMESPACE);
      expect(emf?.Dimensions).toEqual([['service', 'Team']]);
      expect(doc[BACKLOG], team).toBe(open(team));
      expect(doc[BACKLOG_BREACHED], team).toBe(breached(team));
      expect(doc[BACKLOG_OLDEST_HOURS] ?? null, team).toBe(oldest.get(team));
      // Nothing else rides along: no request or person id as a dimension or property.
      expect(Object.keys(doc).sort(), team).toEqual(
        [
          '_aws',
          'service',
          'Team',
          BACKLOG,
          BACKLOG_BREACHED,
          ...(oldest.get(team) === null ? [] : [BACKLOG_OLDEST_HOURS]),
        ].sort(),
      );
      expect(Object.fromEntries(emf?.Metrics.map((m) => [m.Name, m.Unit]) ?? [])).toMatchObject({
        [BACKLOG]: 'Count',
        [BACKLOG_BREACHED]: 'Count',
      });
    }
  });

  it('should run on the local clock every 5 portal-minutes, once per team, and a jump of hours once', async () => {
    expect(BACKLOG_SAMPLE_MINUTES).toBe(5);
    expect(await backlogDocuments(() => runtime.clock.advance(4 * MINUTE))).toEqual([]);
    expect(teamsOf(await backlogDocuments(() => runtime.clock.advance(MINUTE)))).toEqual(teamIds());
    expect(await backlogDocuments(() => runtime.clock.advance(4 * MINUTE))).toEqual([]);
    expect(teamsOf(await backlogDocuments(() => runtime.clock.advance(MINUTE)))).toEqual(teamIds());
    // Three hours (36 slots; Friday evening, no timer falls due) run it once: a gauge samples the present.
    expect(teamsOf(await backlogDocuments(() => runtime.clock.advance(180 * MINUTE)))).toEqual(teamIds());
  });
});
