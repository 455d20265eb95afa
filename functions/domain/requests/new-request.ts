/** A request as it is born: submitted, nothing decided, assigned or timed yet (callers add their routing). */
import type { Service } from '../catalog/schema';
import type { FieldValues } from '../forms/conditions';
import { newSla } from '../sla/request-sla';
import type { RequestRecord } from './model';

export interface NewRequest {
  id: string;
  service: Pick<Service, 'id' | 'title' | 'team'>;
  requester: { id: string; name: string };
  fields: FieldValues;
  /** ISO 8601 submission time. */
  at: string;
}

/** Version 1 with the `submitted` event as seq 1, the way the submit transaction writes it. */
export function newRequestRecord({ id, service, requester, fields, at }: NewRequest): RequestRecord {
  return {
    id,
    serviceId: service.id,
    serviceTitle: service.title,
    requesterId: requester.id,
    requesterName: requester.name,
    status: 'in_progress',
    resumeStatus: null,
    fields,
    version: 1,
    lastSeq: 1,
    assigneeId: null,
    assigneeName: null,
    team: service.team,
    createdAt: at,
    updatedAt: at,
    resolvedAt: null,
    sla: newSla(),
    approvals: [],
    round: 1,
    currentStage: null,
    slaEvents: [],
    slaTimer: null,
  };
}
