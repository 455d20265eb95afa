/**
 * GET /analytics over a seeded history with planted bottlenecks (the CFO approves slowly, the
 * legal team answers late): exact counts and SLA compliance, percentiles within histogram
 * precision of the exact values computed here from the same seed, the planted bottlenecks ranked
 * first, a redelivered stream that changes nothing, department scoping, and the live path (a new
 * request counted by the stream consumer). This file owns an in-process runtime with a frozen clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSOLUTE_ERROR_HOURS, RELATIVE_ERROR } from '../../functions/domain/analytics/histogram';
import type { HistoryEvent } from '../../functions/domain/requests/model';
import { calendarOf, catalog } from '../../functions/usecases/catalog';
import { generateDemoHistory, type DemoRequest } from '../../local/demo/generate';
import { SLOW_APPROVER, UNDERSTAFFED_TEAM } from '../../local/demo/profile';
import { startRuntime, type Runtime } from '../../local/runtime';
import { clientFor, type ApiClient } from '../support/client';
import { FRIDAY_5PM } from '../support/moments';

// The seeded quarter ends at the chosen Friday 17:00 in Moscow.
const NOW = FRIDAY_5PM;
const SEED = { requests: 240, days: 90, seed: 42 };
const PERIOD = '?from=2026-09-05&to=2026-12-04';

let runtime: Runtime;
let api: ApiClient;
let demo: DemoRequest[];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answer; each test asserts the shape it reads
let report: any;

const hours = (service: string, from: string, to: string) =>
  calendarOf(
    catalog.service(service) ?? (catalog.services[0] as (typeof catalog.services)[number]),
  ).businessHoursBetween(new Date(from), new Date(to));
const nearestRank = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] as number;
};
const expectClose = (actual: number | null, exact: number) =>
  expect(Math.abs((actual ?? NaN) - exact)).toBeLessThanOrEqual(exact * RELATIVE_ERROR + ABSOLUTE_ERROR_HOURS + 0.01);
const of = (type: string) => (e: HistoryEvent) => e.type === type;
const pct = (met: number, all: number) => Math.round((met / all) * 1000) / 10;

/** Resolutions with whether a breach was recorded before each. */
function resolutions(d: DemoRequest) {
  return d.history.filter(of('resolved')).map((r) => ({
    hours: hours(d.request.serviceId, d.request.createdAt, r.at),
    met: !d.history.some((e) => e.type === 'sla_breached' && e.seq < r.seq),
  }));
}

/** Waits of the decisions made by `approverId`, from their stage's activation. */
function decisionWaits(d: DemoRequest, approverId: string): number[] {
  let since = d.request.createdAt;
  const waits: number[] = [];
  for (const e of d.history) {
    const decision = ['approved', 'rejected', 'returned'].includes(e.type);
    if (decision && e.actorId === approverId) waits.push(hours(d.request.serviceId, since, e.at));
    if ((decision && e.data?.nextStage) || (e.type === 'info_provided' && e.to === 'pending_approval')) since = e.at;
  }
  return waits;
}

/** The admin's view in English (olga.smirnova's own locale is ru). */
async function adminReport() {
  const answer = await api.call('GET', `/analytics${PERIOD}`, undefined, {
    token: await api.tokenFor('olga.smirnova'),
    headers: { 'accept-language': 'en' },
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

beforeAll(async () => {
  runtime = await startRuntime({ port: 0, clockStart: NOW, clockFrozen: true });
  api = clientFor(runtime.url);
  const { seedDemoHistory } = await import('../../local/demo-history');
  await seedDemoHistory({ ...SEED, now: new Date(NOW) });
  await runtime.clock.settle();
  demo = generateDemoHistory({ ...SEED, now: new Date(NOW) });
  report = await adminReport();
}, 300_000);
afterAll(() => runtime?.stop());

describe('GET /analytics for an admin', () => {
  it('should count every submission and resolution by service exactly', () => {
    for (const service of catalog.services) {
      const mine = demo.filter((d) => d.request.serviceId === service.id);
      const row = report.volume.find((v: { serviceId: string }) => v.serviceId === service.id);
      if (mine.length === 0) continue;
      expect(row, service.id).toMatchObject({
        category: service.category,
        submitted: mine.length,
        resolved: mine.reduce((n, d) => n + d.history.filter(of('resolved')).length, 0),
      });
    }
  });

  it('should report SLA compliance at resolution and the breached requests exactly', () => {
    const all = demo.flatMap(resolutions);
    expect(report.sla.compliancePct).toBe(pct(all.filter((r) => r.met).length, all.length));
    expect(report.sla.breached).toBe(demo.filter((d) => d.history.some(of('sla_breached'))).length);
    for (const row of report.sla.byService) {
      const mine = demo.filter((d) => d.request.serviceId === row.serviceId).flatMap(resolutions);
      if (mine.length > 0)
        expect(row.compliancePct, row.serviceId).toBe(pct(mine.filter((r) => r.met).length, mine.length));
    }
  });

  it('should give resolution p50/p90 per service within histogram precision', () => {
    for (const row of report.resolutionHours) {
      const values = demo
        .filter((d) => d.request.serviceId === row.serviceId)
        .flatMap((d) => resolutions(d).map((r) => r.hours));
      expect(row.count).toBe(values.length);
      expectClose(row.p50, nearestRank(values, 0.5));
      expectClose(row.p90, nearestRank(values, 0.9));
    }
  });

  it('should give the slow approver her waiting time within histogram precision', () => {
    const waits = demo.flatMap((d) => decisionWaits(d, SLOW_APPROVER));
    const row = report.approvers.find((a: { approverId: string }) => a.approverId === SLOW_APPROVER);
    expect(row.decisions).toBe(waits.length);
    expectClose(row.p50Hours, nearestRank(waits, 0.5));
    expect(row.pending).toBe(
      demo.filter(
        (d) =>
          d.request.status === 'pending_approval' &&
          d.request.approvals[d.request.currentStage ?? -1]?.approvers.some(
            (a) => a.id === SLOW_APPROVER && !a.decision,
          ),
      ).length,
    );
  });

  it('should rank the planted bottlenecks first: the slow approver and the understaffed team', () => {
    const top = report.bottlenecks.slice(0, 2).map((b: { kind: string; id: string }) => `${b.kind}:${b.id}`);
    expect(top.sort()).toEqual([`approver:${SLOW_APPROVER}`, `team:${UNDERSTAFFED_TEAM}`]);
    const cfo = report.bottlenecks.find((b: { id: string }) => b.id === SLOW_APPROVER);
    expect(cfo.sentence).toMatch(
      /^Approvals by Наталья Орлова \(Chief Financial Officer\) waited \d+\.\d business days at p50, \d+% of all approval waiting$/,
    );
  });

  it('should give all four stages and the backlog per team from the queue index', () => {
    expect(report.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'approval',
      'queue',
      'in_progress',
      'waiting_for_requester',
    ]);
    for (const stage of report.stages) expect(stage.p90Hours).toBeGreaterThanOrEqual(stage.p50Hours);
    const open = (team: string) =>
      demo.filter(
        (d) => d.request.team === team && ['in_progress', 'waiting_for_requester'].includes(d.request.status),
      );
    for (const row of report.backlog) {
      expect(row.open, row.team).toBe(open(row.team).length);
      expect(row.breached, row.team).toBe(open(row.team).filter((d) => d.request.sla.breached).length);
    }
  });

  it('should write the sentences in the caller’s language', async () => {
    const ru = await api.call('GET', `/analytics${PERIOD}`, undefined, {
      token: await api.tokenFor('olga.smirnova'),
      headers: { 'accept-language': 'ru' },
    });
    const cfo = ru.body.bottlenecks.find((b: { id: string }) => b.id === SLOW_APPROVER);
    expect(cfo.sentence).toMatch(
      /^Согласующий Наталья Орлова \(Финансовый директор\): согласования ждали \d+,\d рабочего дня по медиане — \d+% всего ожидания согласований$/,
    );
  });

  it('should change nothing when the whole stream is delivered again', async () => {
    const replay = await api.call('POST', '/dev/streams/replay');
    expect(replay.status).toBe(200);
    await runtime.clock.settle();
    expect(await adminReport()).toEqual(report);
  });
});

describe('GET /analytics scope and input', () => {
  it('should show a manager only their own department', async () => {
    const answer = await api.as('elena.kuznetsova', 'GET', `/analytics${PERIOD}`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.scope).toEqual({ kind: 'department', department: 'sales' });
    const sales = demo.filter((d) => catalog.person(d.request.requesterId)?.department === 'sales');
    const submitted = answer.body.volume.reduce((n: number, v: { submitted: number }) => n + v.submitted, 0);
    expect(submitted).toBe(sales.length);
    expect(sales.length).toBeLessThan(demo.length);
  });

  it('should refuse an employee without reports (403) and a caller without a token (401)', async () => {
    expect((await api.as('ivan.sidorov', 'GET', '/analytics')).status).toBe(403);
    expect((await api.call('GET', '/analytics')).status).toBe(401);
  });

  it('should name the bad date in a 400', async () => {
    const bad = async (query: string) =>
      (await api.as('olga.smirnova', 'GET', `/analytics${query}`)).body.error.details;
    expect(await bad('?from=2026-13-01')).toEqual([expect.objectContaining({ path: 'query.from' })]);
    expect(await bad('?to=yesterday')).toEqual([expect.objectContaining({ path: 'query.to' })]);
    expect(await bad('?from=2026-12-05&to=2026-12-04')).toEqual([expect.objectContaining({ path: 'query.from' })]);
    expect(await bad('?from=2024-01-01&to=2026-12-04')).toEqual([expect.objectContaining({ path: 'query.from' })]);
    expect(await bad('?days=3')).toEqual([expect.objectContaining({ path: 'query.days' })]);
  });

  it('should read a whole month from its rollup and a part of one from its days, with the same counts', async () => {
    // Calendar facts: October 2026 in Moscow (UTC+3), inside the quarter seeded up to the chosen Friday.
    const inOctober = (d: DemoRequest) =>
      d.request.createdAt >= '2026-09-30T21:00:00.000Z' && d.request.createdAt < '2026-10-31T21:00:00.000Z';
    const fromOct2 = (d: DemoRequest) => d.request.createdAt >= '2026-10-01T21:00:00.000Z' && inOctober(d);
    const submitted = async (query: string) =>
      (await api.as('olga.smirnova', 'GET', `/analytics${query}`)).body.volume.reduce(
        (n: number, v: { submitted: number }) => n + v.submitted,
        0,
      );
    expect(await submitted('?from=2026-10-01&to=2026-10-31')).toBe(demo.filter(inOctober).length);
    expect(await submitted('?from=2026-10-02&to=2026-10-31')).toBe(demo.filter(fromOct2).length);
  });

  it('should default to the last 30 days of the company calendar', async () => {
    const answer = await api.as('olga.smirnova', 'GET', '/analytics');
    expect(answer.body.period).toEqual({ from: '2026-11-05', to: '2026-12-04', days: 30 });
  });
});

describe('the stream consumer', () => {
  it('should count a new request and its resolution once each', async () => {
    const before = await adminReport();
    const row = (body: typeof report) =>
      body.volume.find((v: { serviceId: string }) => v.serviceId === 'sick-leave') ?? { submitted: 0, resolved: 0 };
    const created = await api.as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'sick-leave',
      fields: { reason: 'own-illness', period: { from: '2026-12-04', to: '2026-12-08' } },
    });
    expect(created.status, created.text).toBe(201);
    await runtime.clock.settle();
    const assigned = (await api.as('olga.smirnova', 'GET', `/requests/${created.body.id}`)).body.assigneeId;
    const resolved = await api.as(assigned, 'POST', `/requests/${created.body.id}/actions`, {
      type: 'resolve',
      comment: 'Noted',
    });
    expect(resolved.status, resolved.text).toBe(200);
    await runtime.clock.settle();
    await api.call('POST', '/dev/streams/replay');
    const after = await adminReport();
    expect(row(after)).toMatchObject({ submitted: row(before).submitted + 1, resolved: row(before).resolved + 1 });
  });
});
