/**
 * Approved content stays approved content: once anyone has approved a request, a change to a field
 * its approvers saw needs their approval again (a new round). Only fields the catalog marks
 * `editableAfterApproval` (free-text clarifications) may change without one.
 *
 * The approved snapshot is the request's form as stored: the form changes only through
 * `provide_info`, and every such change to a frozen field starts a new round, so the stored values
 * of frozen fields are always the ones the approvers of the current round decided on.
 */
import type { Field, Service } from '../catalog/schema';
import type { FieldValues } from '../forms/conditions';
import type { RequestRecord } from './model';

/** Why a request goes through its approval chain again (recorded on the event that sends it back). */
export type RerouteReason =
  /** An approver returned it and the requester resubmitted. */
  | { reroutedBecause: 'returned' }
  /** A field the approvers saw changed after an approval. */
  | { reroutedBecause: 'approved_fields_changed'; changedApprovedFields: string[] }
  /** The new answers need a stage the request has not passed (e.g. an amount over a threshold). */
  | { reroutedBecause: 'approval_needed' };

/** Someone approved the request in its current round (a stage approved, or one approval of an `all` stage). */
export const hasApproval = (request: Pick<RequestRecord, 'approvals'>): boolean =>
  request.approvals.some((s) => s.status === 'approved' || s.approvers.some((a) => a.decision === 'approve'));

const editableAfterApproval = (field: Field): boolean =>
  (field.kind === 'text' || field.kind === 'textarea') && field.editableAfterApproval === true;

/** One JSON text per value, whatever the key order of objects; a multiselect is a set. */
function canonical(field: Field, value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, sorted(x)]),
      );
    return v;
  };
  const normal = field.kind === 'multiselect' && Array.isArray(value) ? [...value].map(String).sort() : value;
  return JSON.stringify(sorted(normal ?? null));
}

/**
 * The fields whose new value differs from the approved one, in form order; none before any approval
 * and none among the fields editable after approval. A field that appears or disappears (shown or
 * hidden by another answer) counts as changed.
 */
export function changedApprovedFields(
  service: Pick<Service, 'fields'>,
  request: Pick<RequestRecord, 'approvals' | 'fields'>,
  next: FieldValues,
): string[] {
  if (!hasApproval(request)) return [];
  return service.fields
    .filter((field) => !editableAfterApproval(field))
    .filter((field) => canonical(field, request.fields[field.id]) !== canonical(field, next[field.id]))
    .map((field) => field.id);
}

/**
 * Whether answering the requester's side of a request (`provide_info`) sends it through approval
 * again, decided from what is known without routing: a returned request always goes back; an
 * approved one goes back when a frozen field changed. Undefined: no new round on these grounds
 * (the caller still checks whether the new answers need a stage the request has not passed).
 */
export function rerouteReason(
  service: Pick<Service, 'fields'>,
  before: Pick<RequestRecord, 'approvals' | 'fields'>,
  after: Pick<RequestRecord, 'status' | 'fields'>,
): RerouteReason | undefined {
  if (after.status === 'pending_approval') return { reroutedBecause: 'returned' };
  const changed = changedApprovedFields(service, before, after.fields);
  return changed.length > 0
    ? { reroutedBecause: 'approved_fields_changed', changedApprovedFields: changed }
    : undefined;
}
