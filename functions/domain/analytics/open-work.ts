/**
 * Work open now, read live rather than from the period's aggregates: requests waiting for an
 * approval decision and requests in the teams' queues. A request waiting for approval is open work
 * as much as one in a queue; its approval is overdue once past its stage's deadline (a team's
 * request once its SLA is breached).
 */
import type { Localized } from '../catalog/schema';

/** One team's open requests (its queue). */
export interface BacklogEntry {
  team: string;
  open: number;
  breached: number;
  oldestAgeHours: number | null;
}

/** One request waiting for an approval decision (counted once, however many approvers it waits for). */
export interface OpenApproval {
  requestId: string;
  /** The catalog's approval stage (`manager`) and its title. */
  stage: string;
  title: Localized;
  /** Business hours since the stage became the current one. */
  waitedHours: number;
  overdue: boolean;
}

export interface OpenWork {
  total: number;
  /** Of `total`, how many are overdue now: approvals past their deadline plus breached team requests. */
  overdue: number;
  inApproval: number;
  inApprovalOverdue: number;
  atTeams: number;
  atTeamsOverdue: number;
}

const sum = <T>(rows: readonly T[], pick: (row: T) => number) => rows.reduce((s, row) => s + pick(row), 0);

export function openWork(backlog: readonly BacklogEntry[], approvals: readonly OpenApproval[]): OpenWork {
  const atTeams = sum(backlog, (b) => b.open);
  const atTeamsOverdue = sum(backlog, (b) => b.breached);
  const inApprovalOverdue = approvals.filter((a) => a.overdue).length;
  return {
    total: approvals.length + atTeams,
    overdue: inApprovalOverdue + atTeamsOverdue,
    inApproval: approvals.length,
    inApprovalOverdue,
    atTeams,
    atTeamsOverdue,
  };
}

/** The approvals waiting now at one stage. */
export interface WaitingStage {
  /** The catalog's stage id (the first in order where services give one stage different ids). */
  stage: string;
  title: Localized;
  open: number;
  overdue: number;
  /** Business hours waited so far: all of them, the longest, the median. */
  totalHours: number;
  oldestHours: number;
  p50Hours: number;
}

/** The nearest-rank median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1] ?? 0;
}

/**
 * Stages whose waiting approvals stand out: one is overdue or has waited a working day or more.
 * A stage is what its title says ("CFO approval" is one stage to a reader, whichever service's id
 * it has), summed over all its waiting approvals, so its numbers are the stage's own.
 */
export function waitingStages(approvals: readonly OpenApproval[], hoursPerDay: number): WaitingStage[] {
  const byTitle = new Map<string, OpenApproval[]>();
  for (const approval of [...approvals].sort((a, b) => a.stage.localeCompare(b.stage))) {
    const key = `${approval.title.en}|${approval.title.ru}`;
    byTitle.set(key, [...(byTitle.get(key) ?? []), approval]);
  }
  return [...byTitle.values()]
    .filter((waiting) => waiting.some((a) => a.overdue || a.waitedHours >= hoursPerDay))
    .map((waiting) => {
      const hours = waiting.map((a) => a.waitedHours);
      const first = waiting[0] as OpenApproval;
      return {
        stage: first.stage,
        title: first.title,
        open: waiting.length,
        overdue: waiting.filter((a) => a.overdue).length,
        totalHours: sum(hours, (h) => h),
        oldestHours: Math.max(...hours),
        p50Hours: median(hours),
      };
    });
}
