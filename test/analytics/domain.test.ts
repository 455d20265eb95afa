/**
 * The pure analytics: what an event completes, how it is counted, how bottlenecks are ranked
 * (approvals waiting now among them), what is open now, and headline numbers that agree.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, rankBottlenecks, type Names } from '../../functions/domain/analytics/bottlenecks';
import { contributionsOf, metricsOf } from '../../functions/domain/analytics/contributions';
import {
  addFields,
  counterFields,
  dimensionId,
  sampleFields,
  type Fields,
} from '../../functions/domain/analytics/model';
import { openWork, waitingStages, type OpenApproval } from '../../functions/domain/analytics/open-work';
import { buildReport } from '../../functions/domain/analytics/report';
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
    service: () => undefined,
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

const MANAGER = { en: 'Manager approval', ru: 'Согласование руководителем' };
const CFO = { en: 'CFO approval', ru: 'Согласование финансовым директором' };
const approval = (requestId: string, waitedHours: number, overdue: boolean, title = MANAGER): OpenApproval => ({
  requestId,
  stage: title === MANAGER ? 'manager' : 'cfo',
  title,
  waitedHours,
  overdue,
});
const names: Names = {
  person: (id) => ({ name: id }),
  team: (id) => ({ en: id === 'hr' ? 'HR Service' : id, ru: id === 'hr' ? 'Служба персонала' : id }),
  category: () => 'hr',
  service: (id) => (id === 'vacation' ? { en: 'Vacation request', ru: 'Заявление на отпуск' } : undefined),
};

describe('work open now', () => {
  // The review's situation: one vacation breached at HR, two vacation approvals days overdue.
  const backlog = [
    { team: 'hr', open: 1, breached: 1, oldestAgeHours: 32 },
    { team: 'legal', open: 0, breached: 0, oldestAgeHours: null },
  ];
  const approvals = [approval('a', 26, true), approval('b', 30, true), approval('c', 1, false, CFO)];

  it('should count requests waiting for approval as open, each overdue one as overdue', () => {
    expect(openWork(backlog, approvals)).toEqual({
      total: 4,
      overdue: 3,
      inApproval: 3,
      inApprovalOverdue: 2,
      atTeams: 1,
      atTeamsOverdue: 1,
    });
    expect(openWork([], [])).toEqual({
      total: 0,
      overdue: 0,
      inApproval: 0,
      inApprovalOverdue: 0,
      atTeams: 0,
      atTeamsOverdue: 0,
    });
  });

  it('should single out the stages whose approvals are overdue or a working day old', () => {
    expect(waitingStages(approvals, 8)).toEqual([
      { stage: 'manager', title: MANAGER, open: 2, overdue: 2, totalHours: 56, oldestHours: 30, p50Hours: 26 },
    ]);
    expect(waitingStages([approval('d', 8, false, CFO)], 8)).toMatchObject([{ stage: 'cfo', overdue: 0 }]);
    expect(waitingStages([approval('e', 7.9, false)], 8)).toEqual([]);
    // One stage to a reader, whichever service's id it has.
    const finance = { ...approval('f', 3, true, CFO), stage: 'finance' };
    expect(waitingStages([approval('g', 9, false, CFO), finance], 8)).toMatchObject([
      { stage: 'cfo', title: CFO, open: 2, overdue: 1, oldestHours: 9 },
    ]);
  });

  it('should rank overdue approvals among the bottlenecks with how long and how many are overdue', () => {
    const waiting = waitingStages(approvals, 8);
    const [en] = rankBottlenecks(new Map(), names, { locale: 'en', hoursPerDay: 8, waiting });
    expect(en).toMatchObject({ kind: 'approval', id: 'manager', open: 2, overdue: 2, oldestHours: 30 });
    expect(en?.sentence).toBe(
      'Manager approval: 2 waiting for a decision, the longest for 3.8 business days, 2 overdue',
    );
    const [ru] = rankBottlenecks(new Map(), names, { locale: 'ru', hoursPerDay: 8, waiting });
    expect(ru?.sentence).toBe(
      'Согласование руководителем — ждут решения: 2, дольше всех — 3,8 рабочего дня, просрочено: 2',
    );
  });

  it('should never leave an overdue approval out, however much else waited in the period', () => {
    const busy = new Map<string, Fields>();
    for (const [i, id] of ['a', 'b', 'c', 'd', 'e', 'f'].entries())
      busy.set(`APPROVER#${id}`, sampleFields('decision', 100 + i));
    const waiting = waitingStages([approval('late', 9, true)], 8);
    const ranked = rankBottlenecks(busy, names, { locale: 'en', hoursPerDay: 8, waiting });
    expect(ranked).toHaveLength(5);
    expect(ranked.map((b) => `${b.kind}:${b.id}`)).toEqual([
      'approver:f',
      'approver:e',
      'approver:d',
      'approver:c',
      'approval:manager',
    ]);
    // Waiting a working day without being overdue competes on its total like everything else.
    const fresh = waitingStages([approval('slow', 9, false)], 8);
    expect(
      rankBottlenecks(busy, names, { locale: 'en', hoursPerDay: 8, waiting: fresh }).map((b) => b.kind),
    ).not.toContain('approval');
  });
});

describe('headline numbers', () => {
  // The period: two vacations resolved (one after its breach), one purchase breached and still open.
  const totals = new Map<string, Fields>();
  const add = (id: string, fields: Fields) => totals.set(id, addFields(totals.get(id) ?? {}, fields));
  add('SVC#vacation', { ...counterFields('submitted', 3), ...counterFields('resolved', 2) });
  add('SVC#vacation', { ...counterFields('slaMet'), ...counterFields('slaMissed'), ...counterFields('breached') });
  add('SVC#purchase', { ...counterFields('submitted'), ...counterFields('breached') });
  const report = buildReport({
    totals,
    backlog: [{ team: 'hr', open: 1, breached: 1, oldestAgeHours: 32 }],
    pending: new Map([['elena', 2]]),
    openApprovals: [approval('a', 26, true), approval('b', 2, false)],
    names,
    locale: 'ru',
    hoursPerDay: 8,
  });

  it('should define on time and late over the same resolutions, adding up to the resolved', () => {
    const resolved = report.volume.reduce((n, v) => n + v.resolved, 0);
    expect(report.sla).toMatchObject({ met: 1, missed: 1, compliancePct: 50 });
    expect(report.sla.met + report.sla.missed).toBe(resolved);
  });

  it('should say the breached open request under open now, not as a late resolution', () => {
    expect(report.sla.breached).toBe(2);
    expect(report.open).toEqual({
      total: 3,
      overdue: 2,
      inApproval: 2,
      inApprovalOverdue: 1,
      atTeams: 1,
      atTeamsOverdue: 1,
    });
  });

  it('should name services and teams in the reader’s language', () => {
    expect(report.volume.find((v) => v.serviceId === 'vacation')?.title).toBe('Заявление на отпуск');
    expect(report.backlog).toEqual([
      { team: 'hr', name: 'Служба персонала', open: 1, breached: 1, oldestAgeHours: 32 },
    ]);
  });
});
