/**
 * The records an approved absence request (vacation, sick leave) writes with its entry into the queue:
 * the requester's leave and their deputy's delegation, bounded to around today, merged with the leaves
 * already recorded and never a delegation to oneself (domain/absences.ts). One Query reads the
 * requester's current leaves; the writes go into the caller's transaction.
 */
import type { Service } from '../domain/catalog/schema';
import { planAbsence } from '../domain/absences';
import type { RequestRecord } from '../domain/requests/model';
import type { AbsenceWrites, Calls, Needs } from '../ports';
import { logger } from '../shared/logger';
import { todayFor } from './catalog';

export async function absenceWrites(
  ports: Calls<'absences', 'leavesOf'> & Needs<'directory'>,
  request: RequestRecord,
  service: Service,
  now: Date,
): Promise<AbsenceWrites | undefined> {
  if (!service.absence) return undefined;
  const { periodField, deputyField } = service.absence;
  const today = todayFor(service, now);
  const plan = planAbsence({
    period: request.fields[periodField],
    deputy: deputyField ? request.fields[deputyField] : undefined,
    requesterId: request.requesterId,
    today,
    existing: await ports.absences.leavesOf(request.requesterId, today),
    isPerson: (id) => ports.directory.person(id) !== undefined,
  });
  if (plan.notes.length > 0) logger.info('Absence recorded with limits', { requestId: request.id, notes: plan.notes });
  return {
    userId: request.requesterId,
    requestId: request.id,
    leave: plan.leave,
    delegation: plan.delegation,
    replaces: plan.replaces,
  };
}
