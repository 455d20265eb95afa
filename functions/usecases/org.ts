/**
 * The org chart and who is away, as the routing and assignment policies need them.
 */
import type { Person, Service } from '../domain/catalog/schema';
import type { OrgDirectory } from '../domain/routing/approval-chain';
import type { ApprovalStageState } from '../domain/requests/model';
import { currentAbsences } from '../adapters/store/absences';
import { calendarOf, catalog, todayFor } from './catalog';

/** The catalog answers everything the routing asks of the org chart. */
export const org: OrgDirectory = catalog;

export interface AbsenceView {
  /** People absent or with an active delegation today. */
  absent: Set<string>;
  delegateOf(userId: string): string | undefined;
}

/** Who is away today where the service is delivered: one Query. */
export async function absencesToday(service: Service, now: Date): Promise<AbsenceView> {
  const absences = await currentAbsences(todayFor(service, now));
  const delegates = new Map(
    absences.filter((a) => a.entity === 'delegation' && a.delegateId).map((a) => [a.userId, a.delegateId as string]),
  );
  return { absent: new Set(absences.map((a) => a.userId)), delegateOf: (id) => delegates.get(id) };
}

/** A stage becoming current now: its deadline is `dueHours` business hours from now. */
export function activateStage(stage: ApprovalStageState, service: Service, now: Date): ApprovalStageState {
  return {
    ...stage,
    activatedAt: now.toISOString(),
    dueAt: calendarOf(service).addBusinessHours(now, stage.dueHours).toISOString(),
  };
}

export function requesterOf(principal: { id: string; name: string }): Person {
  return (
    catalog.person(principal.id) ?? {
      id: principal.id,
      name: principal.name,
      email: '',
      locale: 'en',
      department: 'unknown',
      managerId: null,
      teams: [],
      roles: ['employee'],
      approvalRoles: [],
    }
  );
}
