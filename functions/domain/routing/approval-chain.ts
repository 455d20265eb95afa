/**
 * The routing policy: from a service's approval rules, the org chart and the form, who must approve,
 * in which stages. The same function answers the preview and routes the real request.
 *
 * Rules: stages whose `when` does not hold are left out; the requester never approves their own
 * request (their manager is asked instead); nobody is asked twice in one chain; an approver with an
 * active delegation is replaced by their delegate ("on behalf of"); a stage left with nobody is
 * skipped. Every replacement is noted so the history can say why.
 */
import type { ApproverRule, Person, Service, Team } from '../catalog/schema';
import { conditionHolds, type FieldValues } from '../forms/conditions';
import type { ApprovalStageState, RoutingNote, StageApprover } from '../requests/model';

export interface OrgDirectory {
  person(id: string): Person | undefined;
  holdersOf(approvalRole: string): Person[];
  team(id: string): Team | undefined;
}

/** The delegate currently deciding for a person, if any. */
export type DelegateOf = (userId: string) => string | undefined;

export function resolveRule(rule: ApproverRule, requester: Person, org: OrgDirectory): Person[] {
  const [kind, ref = ''] = rule.split(':');
  const found = (p: Person | undefined) => (p ? [p] : []);
  switch (kind) {
    case 'manager':
      return found(requester.managerId ? org.person(requester.managerId) : undefined);
    case 'role':
      return org.holdersOf(ref);
    case 'user':
      return found(org.person(ref));
    default: {
      const lead = org.team(ref)?.leadId;
      return found(lead ? org.person(lead) : undefined);
    }
  }
}

interface ChainState {
  requester: Person;
  org: OrgDirectory;
  delegateOf: DelegateOf;
  /** Everyone already asked (as approver or delegate). */
  asked: Set<string>;
}

export function routeApprovals(
  service: Service,
  requester: Person,
  fields: FieldValues,
  context: { org: OrgDirectory; delegateOf: DelegateOf },
): ApprovalStageState[] {
  const state: ChainState = { requester, ...context, asked: new Set() };
  return service.approvals
    .filter((stage) => !stage.when || conditionHolds(stage.when, fields))
    .map((stage) => {
      const notes: RoutingNote[] = [];
      const candidates = stage.approvers.flatMap((rule) => resolveRule(rule, requester, context.org));
      const approvers = candidates.flatMap((person) => admit(person, state, notes));
      return {
        stage: stage.id,
        title: stage.title,
        mode: stage.mode,
        status: approvers.length > 0 ? 'pending' : 'skipped',
        approvers,
        dueHours: stage.dueHours,
        ...(notes.length > 0 ? { notes } : {}),
      };
    });
}

/** The approver entry for one candidate, after the self-approval, no-repeat and delegation rules. */
function admit(candidate: Person, state: ChainState, notes: RoutingNote[]): StageApprover[] {
  let person: Person | undefined = candidate;
  if (person.id === state.requester.id) {
    const manager = person.managerId ? state.org.person(person.managerId) : undefined;
    notes.push({ reason: 'requester_is_approver', personId: person.id, replacedBy: manager?.id });
    person = manager;
  }
  if (!person) return [];
  if (state.asked.has(person.id)) {
    notes.push({ reason: 'already_in_chain', personId: person.id });
    return [];
  }
  state.asked.add(person.id);
  const delegateId = state.delegateOf(person.id);
  const delegate = delegateId && delegateId !== state.requester.id ? state.org.person(delegateId) : undefined;
  if (!delegate) return [{ id: person.id, name: person.name }];
  notes.push({ reason: 'delegated', personId: person.id, replacedBy: delegate.id });
  state.asked.add(delegate.id);
  return [{ id: delegate.id, name: delegate.name, onBehalfOf: person.id }];
}
