/**
 * The records an approved absence request (vacation, sick leave) writes with its entry into the queue:
 * the requester's leave and their deputy's delegation, bounded to around today, merged with the leaves
 * already recorded and never a delegation to oneself (domain/absences.ts). One Query reads the
 * requester's current leaves; the writes are side effects of the caller's transaction.
 */
import type { Service } from '../domain/catalog/schema';
import { planAbsence } from '../domain/absences';
import type { RequestRecord } from '../domain/requests/model';
import { delegationItem, leaveItem, leaveKeyOf, leavesOf } from '../adapters/store/absences';
import type { SideEffects } from '../adapters/store/requests';
import { logger } from '../shared/logger';
import { catalog, todayFor } from './catalog';

export async function absenceEffects(request: RequestRecord, service: Service, now: Date): Promise<SideEffects> {
  if (!service.absence) return {};
  const { periodField, deputyField } = service.absence;
  const today = todayFor(service, now);
  const plan = planAbsence({
    period: request.fields[periodField],
    deputy: deputyField ? request.fields[deputyField] : undefined,
    requesterId: request.requesterId,
    today,
    existing: await leavesOf(request.requesterId, today),
    isPerson: (id) => catalog.person(id) !== undefined,
  });
  if (plan.notes.length > 0) logger.info('Absence recorded with limits', { requestId: request.id, notes: plan.notes });
  return {
    puts: [
      ...(plan.leave ? [leaveItem(request.requesterId, plan.leave, request.id)] : []),
      ...(plan.delegation ? [delegationItem(request.requesterId, plan.delegation)] : []),
    ],
    deletes: plan.replaces.map((from) => leaveKeyOf(request.requesterId, from)),
  };
}
