/**
 * GET /analytics. Primary course: 1. the caller's scope (everything, or their department; else
 * 403) and the period; 2. in parallel: one Query per month of the period on the scope's day
 * aggregates (sk BETWEEN the first and last day), one Query per team on the queue index (backlog),
 * one Query per approver on the approval inbox (pending approvals: per approver, and each waiting
 * request once, with its stage's wait and deadline); 3. sum the days by dimension and build the
 * report (percentiles from histograms, open work, bottlenecks ranked). No Scan: the cost grows with
 * the days asked for, not with the number of requests.
 */
import type { Locale, Person } from '../domain/catalog/schema';
import type { Scope } from '../domain/analytics/model';
import { periodOf, scopeFor } from '../domain/analytics/period';
import { buildReport, round, type BacklogEntry } from '../domain/analytics/report';
import type { OpenApproval } from '../domain/analytics/open-work';
import type { Names } from '../domain/analytics/bottlenecks';
import type { Principal } from '../domain/requests/model';
import { addDays, parseClock } from '../domain/sla/local-time';
import type { AggregateStore, Directory, MonthSpan, Needs, PendingApproval, QueuedRequest } from '../ports';
import { dayOf } from './aggregate-history';
import { catalog, companyCalendar } from './catalog';

/** What the analytics read: the period's aggregates and the open work (never the counting). */
type Reads = Pick<AggregateStore, 'periodTotals' | 'teamQueue' | 'pendingApprovals'>;

const company = () => companyCalendar().business;

/** Business hours in a working day of the company calendar (workday minus breaks). */
export function hoursPerDay(): number {
  const data = companyCalendar().definition;
  const breaks = data.breaks.reduce((sum, b) => sum + parseClock(b.end) - parseClock(b.start), 0);
  return (parseClock(data.workdayEnd) - parseClock(data.workdayStart) - breaks) / 60;
}

/** The period split by calendar month: `from`..`to` of each month it touches, `whole` if all of it. */
export function monthsOf(days: readonly string[]): MonthSpan[] {
  const months = new Map<string, { from: string; to: string }>();
  for (const day of days) {
    const month = months.get(day.slice(0, 7));
    months.set(day.slice(0, 7), month ? { from: month.from, to: day } : { from: day, to: day });
  }
  return [...months.values()].map((m) => ({ ...m, whole: m.from.endsWith('-01') && addDays(m.to, 1).endsWith('-01') }));
}

const inScope = (directory: Directory, scope: Scope) => {
  if (scope.kind === 'all') return () => true;
  const members = new Set(
    directory
      .people()
      .filter((p) => p.department === scope.department)
      .map((p) => p.id),
  );
  return (requesterId: string) => members.has(requesterId);
};

function backlogEntry(team: string, queued: QueuedRequest[], now: Date): BacklogEntry {
  const oldest = queued.map((q) => q.startedAt ?? q.createdAt).sort()[0];
  return {
    team,
    open: queued.length,
    breached: queued.filter((q) => q.breached).length,
    oldestAgeHours: oldest ? round(company().businessHoursBetween(new Date(oldest), now)) : null,
  };
}

/** Each team's open requests visible in `scope`: one Query per team on the queue index (also the backlog gauges). */
export async function backlog(
  ports: { aggregates: Pick<Reads, 'teamQueue'>; directory: Directory },
  scope: Scope,
  now: Date,
): Promise<BacklogEntry[]> {
  const visible = inScope(ports.directory, scope);
  return Promise.all(
    catalog.data.teams.map(async (team) =>
      backlogEntry(
        team.id,
        (await ports.aggregates.teamQueue(team.id)).filter((q) => visible(q.requesterId)),
        now,
      ),
    ),
  );
}

const approverIds = (directory: Directory) =>
  directory
    .people()
    .filter((p) => p.roles.includes('approver') || p.approvalRoles.length > 0)
    .map((p) => p.id);

/**
 * Each request waiting for approval once (the newest copy among its approvers' entries), with how
 * long its stage has waited and whether it is past its deadline.
 */
function openApprovals(entries: PendingApproval[], now: Date): OpenApproval[] {
  const newest = new Map<string, PendingApproval>();
  for (const entry of entries)
    if (entry.version >= (newest.get(entry.requestId)?.version ?? -1)) newest.set(entry.requestId, entry);
  return [...newest.values()].flatMap(({ requestId, stage }) =>
    stage?.status === 'pending' && stage.activatedAt
      ? [
          {
            requestId,
            stage: stage.stage,
            title: stage.title,
            waitedHours: round(company().businessHoursBetween(new Date(stage.activatedAt), now), 2),
            // An escalated stage stays overdue from the deadline it first missed, whatever its new one.
            overdue:
              stage.overdueSince !== undefined ||
              (stage.dueAt !== undefined && Date.parse(stage.dueAt) <= now.getTime()),
          },
        ]
      : [],
  );
}

/** The approvals waiting now in `scope`: how many per approver, and each waiting request once. */
async function pending(
  ports: { aggregates: Pick<Reads, 'pendingApprovals'>; directory: Directory },
  scope: Scope,
  now: Date,
) {
  const visible = inScope(ports.directory, scope);
  const byApprover = await Promise.all(
    approverIds(ports.directory).map(
      async (id) =>
        [id, (await ports.aggregates.pendingApprovals(id)).filter((entry) => visible(entry.requesterId))] as const,
    ),
  );
  return {
    perApprover: new Map(byApprover.filter(([, entries]) => entries.length > 0).map(([id, e]) => [id, e.length])),
    requests: openApprovals(
      byApprover.flatMap(([, entries]) => entries),
      now,
    ),
  };
}

const namesIn = (directory: Directory): Names => ({
  person(id) {
    const person: Person | undefined = directory.person(id);
    return person && { name: person.name, title: person.jobTitle };
  },
  team: (id) => directory.team(id)?.name,
  category: (serviceId) => catalog.service(serviceId)?.category ?? 'unknown',
  service: (serviceId) => catalog.service(serviceId)?.title,
});

export async function analyticsFor(
  ports: Needs<'clock' | 'directory'> & { aggregates: Reads },
  principal: Principal,
  query: { from?: string; to?: string },
  locale: Locale,
) {
  const scope = scopeFor(principal, ports.directory.people(), locale);
  const now = ports.clock.now();
  const workday = hoursPerDay();
  const period = periodOf(query, dayOf(now.toISOString()), locale);
  const [totals, queues, approvals] = await Promise.all([
    ports.aggregates.periodTotals(scope, monthsOf(period.days)),
    backlog(ports, scope, now),
    pending(ports, scope, now),
  ]);
  const report = buildReport({
    totals,
    backlog: queues,
    pending: approvals.perApprover,
    openApprovals: approvals.requests,
    names: namesIn(ports.directory),
    locale,
    hoursPerDay: workday,
  });
  return {
    period: { from: period.from, to: period.to, days: period.days.length },
    scope:
      scope.kind === 'all' ? { kind: 'all' as const } : { kind: 'department' as const, department: scope.department },
    generatedAt: now.toISOString(),
    hoursPerDay: workday,
    ...report,
  };
}
