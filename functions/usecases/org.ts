/**
 * The org chart and who is away, as the routing and assignment policies need them.
 */
import type { Person, Service } from '../domain/catalog/schema';
import type { ApprovalStageState } from '../domain/requests/model';
import type { Calls, Clock, Directory } from '../ports';
import { calendarOf, todayFor } from './catalog';

export interface AbsenceView {
  /** People absent or with an active delegation today. */
  absent: Set<string>;
  delegateOf(userId: string): string | undefined;
}

/** Today in UTC, `YYYY-MM-DD` (delegations are whole UTC days). */
export const todayUtc = (clock: Clock) => clock.now().toISOString().slice(0, 10);

/** Who is away today where the service is delivered: one Query. */
export async function absencesToday(
  ports: Calls<'absences', 'currentAbsences'>,
  service: Service,
  now: Date,
): Promise<AbsenceView> {
  const absences = await ports.absences.currentAbsences(todayFor(service, now));
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

/** The requester as the directory knows them; someone it does not know is routed as a plain employee. */
export function requesterOf(directory: Directory, principal: { id: string; name: string }): Person {
  return (
    directory.person(principal.id) ?? {
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
