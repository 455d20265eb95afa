/**
 * Segregation of duties in fulfilment: nobody fulfils their own request (takes it, is given it
 * automatically, asks themselves for information or resolves it), and where the service says so
 * (access, payments) whoever approved a request is not given it automatically to fulfil either.
 */
import type { Service } from '../catalog/schema';
import type { MessageKey } from '../i18n';
import type { Relation } from './access';
import type { Principal, RequestRecord } from './model';

/** Why a team member is not given a request automatically. */
export type FulfilmentExclusion = 'requester' | 'approver';

/**
 * The action a caller with these relations may not take on their own request, as the message that
 * says why; undefined when segregation of duties has nothing against it. `assign` is refused only
 * when the requester gives the request to themselves (a `take` by another name).
 */
export function ownRequestRefusal(
  action: { type: string; assigneeId?: string },
  principal: Pick<Principal, 'id'>,
  relations: ReadonlySet<Relation>,
): MessageKey | undefined {
  if (!relations.has('requester')) return undefined;
  switch (action.type) {
    case 'take':
      return 'noTakeOwnRequest';
    case 'assign':
      return action.assigneeId === principal.id ? 'noTakeOwnRequest' : undefined;
    case 'request_info':
      return 'noInfoFromYourself';
    case 'resolve':
      return 'noResolveOwnRequest';
    default:
      return undefined;
  }
}

/**
 * Who may not be given the request automatically, and why: its requester always; those who approved
 * it in the current round when the service separates fulfilment from approval. A delegate who
 * approved on someone's behalf is the one excluded (they made the decision).
 */
export function fulfilmentExclusions(
  request: Pick<RequestRecord, 'requesterId' | 'approvals'>,
  service: Pick<Service, 'fulfilment'>,
): Map<string, FulfilmentExclusion> {
  const approvers = service.fulfilment?.separateFromApprovers
    ? request.approvals.flatMap((stage) => stage.approvers.filter((a) => a.decision === 'approve'))
    : [];
  const excluded = new Map<string, FulfilmentExclusion>(approvers.map((a) => [a.id, 'approver']));
  return excluded.set(request.requesterId, 'requester');
}
