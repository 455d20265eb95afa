/** Requests and history as the API shows them, in the reader's language. */
import type { Locale } from '../domain/catalog/schema';
import type { RequestRecord } from '../domain/requests/model';

export function presentRequest(request: RequestRecord, locale: Locale) {
  const { sla } = request;
  return {
    id: request.id,
    serviceId: request.serviceId,
    serviceTitle: request.serviceTitle[locale],
    requesterId: request.requesterId,
    requesterName: request.requesterName,
    status: request.status,
    fields: request.fields,
    version: request.version,
    assigneeId: request.assigneeId,
    assigneeName: request.assigneeName,
    team: request.team,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    resolvedAt: request.resolvedAt,
    sla: {
      responseDueAt: sla.responseDueAt,
      resolutionDueAt: sla.resolutionDueAt,
      respondedAt: sla.respondedAt,
      paused: sla.pauses.some((p) => p.to === null),
      breached: sla.breached,
    },
    approvals: request.approvals.map((stage) => ({ ...stage, title: stage.title[locale] })),
  };
}
export type RequestView = ReturnType<typeof presentRequest>;
