/** The pure analytics: what an event completes, how it is counted, and how bottlenecks are ranked. */
import { describe, expect, it } from 'vitest';
import { formatDuration, rankBottlenecks, type Names } from '../../functions/domain/analytics/bottlenecks';
import { contributionsOf, metricsOf } from '../../functions/domain/analytics/contributions';
import { addFields, dimensionId, sampleFields, type Fields } from '../../functions/domain/analytics/model';
import { observe, observeAll } from '../../functions/domain/analytics/walk';
import type { HistoryEvent } from '../../functions/domain/requests/model';

// Business hours are plain hours since 2026-01-01T00:00Z here, so durations are easy to read.
const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();
const ctx = {
  hoursBetween: (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000,
  isTeamMember: (id: string) => id === 'agent',
};
let seq = 0;
const ev = (
  h: number,
  type: HistoryEvent['type'],
  actorId: string,
  extra: Partial<HistoryEvent> = {},
): HistoryEvent => ({
  seq: ++seq,
  at: at(h),
  actorId,
  actorName: actorId,
  type,
  ...extra,
});

seq = 0;
const history: HistoryEvent[] = [
  ev(0, 'submitted', 'emp', { to: 'pending_approval', data: { serviceId: 's', team: 't' } }),
  ev(2, 'approved', 'boss', { data: { stage: 'manager', stageOutcome: 'approved', nextStage: 'cfo' } }),
  ev(30, 'approved', 'cfo-deputy', { data: { stage: 'cfo', stageOutcome: 'approved', onBehalfOf: 'cfo' } }),
  ev(30, 'assigned', 'system', {
    from: 'pending_approval',
    to: 'in_progress',
    data: { assigneeId: 'agent', reason: 'auto' },
  }),
  ev(31, 'comment', 'agent', { internal: true }),
  ev(34, 'comment', 'agent'),
  ev(35, 'sla_breached', 'system', { data: { clock: 'resolution' } }),
  ev(36, 'info_requested', 'agent', { from: 'in_progress', to: 'waiting_for_requester' }),
  ev(40, 'sla_breached', 'system', { data: { clock: 'response' } }),
  ev(44, 'info_provided', 'emp', { from: 'waiting_for_requester', to: 'in_progress' }),
  ev(50, 'resolved', 'agent', { from: 'in_progress', to: 'resolved' }),
];

describe('what each event completes', () => {
  const all = observeAll(history, ctx);

  it('should time each decision from its stage’s activation, for whom it was made', () => {
    expect(all[1]).toEqual([
      { type: 'decision', approverId: 'boss', hours: 2 },
      { type: 'approvalStage', stage: 'manager', hours: 2 },
    ]);
    expect(all[2]).toEqual([
      { type: 'decision', approverId: 'cfo', hours: 28 },
      { type: 'approvalStage', stage: 'cfo', hours: 28 },
    ]);
  });

  it('should end the queue wait at the first public answer by the team, not at automatic assignment', () => {
    expect(all[3]).toEqual([{ type: 'period', stage: 'approval', hours: 30 }]);
    expect(all[4]).toEqual([]);
    expect(all[5]).toEqual([
      { type: 'response', hours: 4 },
      { type: 'period', stage: 'queue', hours: 4 },
    ]);
  });

  it('should count a breach once per request and the resolution as missed', () => {
    expect(all[6]).toEqual([{ type: 'breached' }]);
    expect(all[8]).toEqual([]);
    expect(all[10]).toEqual([
      { type: 'period', stage: 'in_progress', hours: 6 },
      { type: 'resolved', hours: 50, slaMet: false },
    ]);
  });

  it('should time in progress and waiting for the requester as separate periods', () => {
    expect(all[7]).toEqual([{ type: 'period', stage: 'in_progress', hours: 2 }]);
    expect(all[9]).toEqual([{ type: 'period', stage: 'waiting_for_requester', hours: 8 }]);
  });

  it('should read only the events up to the one in question', () => {
    history.forEach((_, i) => expect(observe(history, i, ctx)).toEqual(all[i]));
  });
});

describe('counting', () => {
  const facts = { serviceId: 's', category: 'finance', team: 't', department: 'sales' };

  it('should add request facts to service, department and team, and periods to the stage', () => {
    const resolved = contributionsOf(observeAll(history, ctx)[10] ?? [], facts, '2026-01-03');
    expect(resolved.map((c) => dimensionId(c.dimension)).sort()).toEqual(
      ['DEPT#sales', 'STAGE#in_progress', 'SVC#s', 'TEAM#t'].sort(),
    );
    expect(resolved.find((c) => c.dimension.kind === 'service')?.fields).toMatchObject({
      resolved: 1,
      slaMissed: 1,
      res_n: 1,
      res_s: 50,
    });
  });

  it('should emit metrics with low-cardinality dimensions only', () => {
    const points = observeAll(history, ctx).flatMap((o) => metricsOf(o, facts));
    expect(points.map((p) => p.metric)).toEqual([
      'requestsSubmitted',
      'approvalWaitHours',
      'approvalWaitHours',
      'slaBreaches',
      'requestsResolved',
    ]);
    for (const p of points) expect(Object.keys(p.dimensions).sort()).toEqual(['Category', 'Team']);
  });
});

describe('bottlenecks', () => {
  const names: Names = {
    person: (id) =>
      id === 'cfo' ? { name: 'Natalia Orlova', title: { en: 'CFO', ru: 'Финансовый директор' } } : { name: id },
    team: (id) => ({ en: id === 'legal' ? 'Legal' : id, ru: id === 'legal' ? 'Юридическая служба' : id }),
    category: () => 'finance',
  };
  const totals = new Map<string, Fields>();
  const add = (id: string, fields: Fields) => totals.set(id, addFields(totals.get(id) ?? {}, fields));
  for (const h of [20, 26, 30]) add('APPROVER#cfo', sampleFields('decision', h));
  for (const h of [1, 2, 3, 2]) add('APPROVER#boss', sampleFields('decision', h));
  for (const h of [10, 12]) add('TEAM#legal', sampleFields('queue', h));
  for (const h of [1, 1, 1]) add('TEAM#it', sampleFields('queue', h));
  add('STAGE#waiting_for_requester', sampleFields('waiting_for_requester', 5));
  add('STAGE#approval', sampleFields('approval', 84));
  add('STAGE#queue', sampleFields('queue', 25));

  it('should rank by total waiting time, each share of its own kind of waiting', () => {
    const ranked = rankBottlenecks(totals, names, { locale: 'en', hoursPerDay: 8 });
    expect(ranked.map((b) => `${b.kind}:${b.id}`)).toEqual([
      'approver:cfo',
      'team:legal',
      'approver:boss',
      'stage:waiting_for_requester',
      'team:it',
    ]);
    expect(ranked[0]).toMatchObject({ totalWaitHours: 76, share: 0.905 });
    expect(ranked[1]).toMatchObject({ totalWaitHours: 22, share: 0.88 });
  });

  it('should say it plainly in English and Russian', () => {
    const [cfo, legal] = rankBottlenecks(totals, names, { locale: 'en', hoursPerDay: 8 });
    expect(cfo?.sentence).toMatch(
      /^Approvals by Natalia Orlova \(CFO\) waited 3\.\d business days at p50, 90% of all approval waiting$/,
    );
    expect(legal?.sentence).toMatch(
      /^Requests in the Legal queue waited 1\.\d business days at p50 for a first response, 88% of all queue waiting$/,
    );
    const [ru] = rankBottlenecks(totals, names, { locale: 'ru', hoursPerDay: 8 });
    expect(ru?.sentence).toMatch(
      /^Согласующий Natalia Orlova \(Финансовый директор\): согласования ждали 3,\d рабочего дня по медиане — 90% всего ожидания согласований$/,
    );
  });

  it('should speak in hours below a working day', () => {
    expect(formatDuration(5.5, 'en', 8)).toBe('5.5 business hours');
    expect(formatDuration(5.5, 'ru', 8)).toBe('5,5 рабочего часа');
    expect(formatDuration(25.6, 'en', 8)).toBe('3.2 business days');
  });
});
