/**
 * The routing policy: from a service's approval rules, the org chart and the form, who must approve,
 * in which stages. The same function answers the preview and routes the real request.
 *
 * Rules, each noted on its stage so the history can say why:
 * - stages whose `when` does not hold are left out;
 * - the requester and the beneficiary (the person a request is *for*, a field marked `beneficiary`)
 *   never approve it: their manager is asked instead, and `manager` rules mean the beneficiary's;
 * - nobody is asked twice in one chain: a stage whose approvers were all asked in an earlier stage
 *   is covered by them (skipped, `already_in_chain`);
 * - an approver with an active delegation is replaced by their delegate ("on behalf of"), unless the
 *   delegate may not approve, is the requester or beneficiary, or is already in the chain: then the
 *   next person up (the approver's manager) is asked;
 * - routing fails closed: a stage that resolves to nobody (a `manager` rule for someone without one,
 *   a role nobody holds) goes to the company's declared fallback (the department head, then the
 *   positions the configuration names); a stage that even the fallback leaves empty stays pending
 *   with nobody (`no_approver`), and submitting such a request is refused.
 */
import type { ApproverRule, Department, Person, Service, Team } from '../catalog/schema';
import { conditionHolds, type FieldValues } from '../forms/conditions';
import type { ApprovalStageState, RoutingNote, StageApprover } from '../requests/model';

export interface OrgDirectory {
  person(id: string): Person | undefined;
  holdersOf(approvalRole: string): Person[];
  team(id: string): Team | undefined;
  department(id: string): Department | undefined;
}

/** The delegate currently deciding for a person, if any. */
export type DelegateOf = (userId: string) => string | undefined;

export interface RoutingContext {
  org: OrgDirectory;
  delegateOf: DelegateOf;
  /** Who is asked when a stage resolves to nobody, in order (the company's configuration). */
  fallback: readonly ApproverRule[];
}

/** The person a request is for, when the service has a beneficiary field and it names someone else. */
export function beneficiaryOf(service: Service, fields: FieldValues, org: Pick<OrgDirectory, 'person'>) {
  const field = service.fields.find((f) => f.kind === 'user' && f.beneficiary);
  const value = field ? fields[field.id] : undefined;
  return typeof value === 'string' ? org.person(value) : undefined;
}

/** Whom a rule names, for a request about `subject` (the beneficiary, else the requester). */
export function resolveRule(rule: ApproverRule, subject: Person, org: OrgDirectory): Person[] {
  const [kind, ref = ''] = rule.split(':');
  const found = (id: string | null | undefined) => {
    const person = id ? org.person(id) : undefined;
    return person ? [person] : [];
  };
  switch (kind) {
    case 'manager':
      return found(subject.managerId);
    case 'department-head':
      return found(org.department(subject.department)?.headId);
    case 'role':
      return org.holdersOf(ref);
    case 'user':
      return found(ref);
    default:
      return found(org.team(ref)?.leadId);
  }
}

interface ChainState extends RoutingContext {
  requester: Person;
  beneficiary: Person | undefined;
  /** Everyone already asked (as approver or delegate). */
  asked: Set<string>;
  /** Everyone the rules name directly somewhere in the chain: no one's delegate. */
  named: Set<string>;
}

export function routeApprovals(
  service: Service,
  requester: Person,
  fields: FieldValues,
  context: RoutingContext,
): ApprovalStageState[] {
  const beneficiary = beneficiaryOf(service, fields, context.org);
  const subject = beneficiary ?? requester;
  const stages = service.approvals.filter((stage) => !stage.when || conditionHolds(stage.when, fields));
  const candidatesOf = stages.map((stage) =>
    stage.approvers.flatMap((rule) => resolveRule(rule, subject, context.org)),
  );
  const state: ChainState = {
    ...context,
    requester,
    beneficiary,
    asked: new Set(),
    named: new Set(candidatesOf.flat().map((p) => p.id)),
  };
  return stages.map((stage, index) => {
    const notes: RoutingNote[] = [];
    const candidates = candidatesOf[index] ?? [];
    let approvers = candidates.flatMap((person) => admit(person, state, notes));
    const covered = candidates.length > 0 && notes.some((n) => n.reason === 'already_in_chain');
    if (approvers.length === 0 && !covered) approvers = fallback(subject, state, notes);
    return {
      stage: stage.id,
      title: stage.title,
      mode: stage.mode,
      status: approvers.length > 0 || !covered ? 'pending' : 'skipped',
      approvers,
      dueHours: stage.dueHours,
      ...(notes.length > 0 ? { notes } : {}),
    };
  });
}

/** True when a routed chain has a stage nobody can decide: such a request must not be submitted. */
export const hasUnroutableStage = (approvals: readonly ApprovalStageState[]) =>
  approvals.some((s) => s.status === 'pending' && s.approvers.length === 0);

/** The first fallback rule that admits someone; `no_approver` when none does. */
function fallback(subject: Person, state: ChainState, notes: RoutingNote[]): StageApprover[] {
  for (const rule of state.fallback) {
    const admitted = resolveRule(rule, subject, state.org).flatMap((person) => admit(person, state, notes));
    if (admitted.length > 0) {
      notes.push({ reason: 'fallback', personId: admitted[0]?.onBehalfOf ?? admitted[0]?.id ?? '', rule });
      return admitted;
    }
  }
  notes.push({ reason: 'no_approver', personId: subject.id });
  return [];
}

const excludedReason = (person: Person, state: ChainState): RoutingNote['reason'] | undefined => {
  if (person.id === state.requester.id) return 'requester_is_approver';
  if (person.id === state.beneficiary?.id) return 'beneficiary_is_approver';
  return undefined;
};

const managerOf = (person: Person, org: OrgDirectory) => (person.managerId ? org.person(person.managerId) : undefined);

/** The candidate, or their manager when they are the requester or the beneficiary (walking up past both). */
function replaceExcluded(candidate: Person, state: ChainState, notes: RoutingNote[]): Person | undefined {
  let person: Person | undefined = candidate;
  for (let reason = excludedReason(person, state); person && reason; reason = person && excludedReason(person, state)) {
    const manager = managerOf(person, state.org);
    notes.push({ reason, personId: person.id, replacedBy: manager?.id });
    person = manager;
  }
  return person;
}

/** The approver entry for one candidate, after the self-approval, no-repeat and delegation rules. */
function admit(candidate: Person, state: ChainState, notes: RoutingNote[]): StageApprover[] {
  const person = replaceExcluded(candidate, state, notes);
  if (!person) return [];
  if (state.asked.has(person.id)) {
    notes.push({ reason: 'already_in_chain', personId: person.id });
    return [];
  }
  state.asked.add(person.id);
  const delegateId = state.delegateOf(person.id);
  if (!delegateId) return [{ id: person.id, name: person.name }];
  const delegate = state.org.person(delegateId);
  if (delegate && fitDelegate(delegate, state)) {
    notes.push({ reason: 'delegated', personId: person.id, replacedBy: delegate.id });
    state.asked.add(delegate.id);
    return [{ id: delegate.id, name: delegate.name, onBehalfOf: person.id }];
  }
  // The delegate cannot stand in: the absent approver's manager is asked instead.
  const up = managerOf(person, state.org);
  notes.push({ reason: 'delegate_unfit', personId: delegateId, replacedBy: up?.id });
  return up ? admit(up, state, notes) : [];
}

/** A delegate decides only if they may approve and take no other part in this request's chain. */
const fitDelegate = (delegate: Person, state: ChainState) =>
  delegate.roles.includes('approver') &&
  !excludedReason(delegate, state) &&
  !state.asked.has(delegate.id) &&
  !state.named.has(delegate.id);
