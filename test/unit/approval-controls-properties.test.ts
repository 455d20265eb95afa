/**
 * Approval controls as properties, over random requests of every service that has approvals, random
 * requesters and beneficiaries, random delegations (to anyone), escalations of the stage in hand and
 * random people clicking "approve": whenever a chain ends approved (the request would go on to
 * `in_progress`), no approval in it was decided by its requester or beneficiary, and nobody decided
 * two of its stages, for themselves or on someone's behalf.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../../functions/domain/catalog/catalog';
import type { Field, Person, Service } from '../../functions/domain/catalog/schema';
import type { FieldValues } from '../../functions/domain/forms/conditions';
import { decideApproval } from '../../functions/domain/requests/approvals';
import type { ApprovalStageState, Principal, RequestRecord } from '../../functions/domain/requests/model';
import { beneficiaryOf, hasUnroutableStage, routeApprovals } from '../../functions/domain/routing/approval-chain';
import type { OrgDirectory } from '../../functions/domain/routing/approval-chain';
import { escalationTarget } from '../../functions/domain/routing/escalation';
import { TUESDAY_10AM } from '../support/moments';

const catalog = loadCatalog(demoCatalog);
/** The catalog answers everything the routing asks of the org chart. */
const org: OrgDirectory = catalog;
const people = catalog.data.directory;
const services = catalog.services.filter((s) => s.approvals.length > 0);
const RUNS = 400;

/** A value for each field the routing may look at (selects, numbers, money, people). */
function fieldValue(field: Field): fc.Arbitrary<unknown> | undefined {
  switch (field.kind) {
    case 'select':
      return fc.constantFrom(...field.options.map((o) => o.value));
    case 'multiselect':
      return fc.subarray(
        field.options.map((o) => o.value),
        { minLength: 1 },
      );
    case 'money':
      return fc.integer({ min: 1, max: 5_000_000 }).map((amount) => ({ amount, currency: 'RUB' }));
    case 'number':
      return fc.integer({ min: 1, max: 100 });
    case 'user':
      return fc.constantFrom(...people.map((p) => p.id));
    default:
      return undefined;
  }
}

const formOf = (service: Service): fc.Arbitrary<FieldValues> =>
  fc.record(
    Object.fromEntries(service.fields.flatMap((f) => (fieldValue(f) ? [[f.id, fieldValue(f)]] : []))) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  ) as fc.Arbitrary<FieldValues>;

const personArb = fc.constantFrom(...people);
const ids = people.map((p) => p.id);
const approverIds = people.filter((p) => p.roles.includes('approver')).map((p) => p.id);
const scenario = fc.constantFrom(...services).chain((service) =>
  fc.record({
    service: fc.constant(service),
    requester: personArb,
    stranger: personArb,
    fields: formOf(service),
    // Delegations among the people who approve (where a shortcut would hurt), now and then to anyone.
    delegations: fc.dictionary(
      fc.constantFrom(...approverIds),
      fc.constantFrom(...approverIds, ...approverIds, ...ids),
      {
        maxKeys: 6,
      },
    ),
    // Each click is by someone of a pool chosen to tempt the rules (see clickerPool), or escalates.
    clicks: fc.array(fc.record({ pick: fc.nat(), escalate: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }), {
      minLength: 5,
      maxLength: 60,
    }),
  }),
);

const principal = (p: Person): Principal => ({ ...p, roles: p.roles, teams: p.teams });

/**
 * Who clicks: the stage's approvers and the people they stand for, their delegates, the requester and
 * the beneficiary, everyone who decided an earlier stage, and one stranger: the people who could
 * break a control if a rule were missing.
 */
function clickerPool(
  request: RequestRecord,
  stage: ApprovalStageState,
  delegations: Record<string, string>,
  extra: (string | undefined)[],
) {
  const onStage = stage.approvers.flatMap((a) => [a.id, a.onBehalfOf]);
  const ids = [
    ...onStage,
    ...onStage.map((id) => (id ? delegations[id] : undefined)),
    ...request.approvals.flatMap(decidersOf),
    ...extra,
  ];
  return [...new Set(ids.filter((id): id is string => id !== undefined))].flatMap((id) => {
    const person = catalog.person(id);
    return person ? [person] : [];
  });
}

/** Who decides each stage, for themselves or on someone's behalf. */
const decidersOf = (stage: ApprovalStageState) => stage.approvers.filter((a) => a.decision).map((a) => a.id);

interface Click {
  pick: number;
  escalate: boolean;
}
interface Cast {
  requesterId: string;
  beneficiaryId: string | undefined;
  strangerId: string;
}

/** The current stage with one more escalation (at most two), as escalate-approval.ts adds it. */
function escalate(request: RequestRecord, index: number, stage: ApprovalStageState, beneficiaryId?: string) {
  const target = escalationTarget(request, stage, { person: org.person, beneficiaryId });
  const escalated = {
    ...stage,
    escalations: (stage.escalations ?? 0) + 1,
    approvers: target ? [...stage.approvers, { id: target.id, name: target.name, escalation: true }] : stage.approvers,
  };
  return { ...request, approvals: request.approvals.map((s, i) => (i === index ? escalated : s)) };
}

/** One click on "approve" by someone of the pool; a refused one changes nothing. */
function approveAs(
  request: RequestRecord,
  stage: ApprovalStageState,
  who: Person,
  context: { delegations: Record<string, string>; beneficiaryId?: string },
) {
  const { delegations, beneficiaryId } = context;
  const delegators = new Set(Object.keys(delegations).filter((id) => delegations[id] === who.id));
  try {
    const { transition } = decideApproval(
      request,
      { stage: stage.stage, decision: 'approve' },
      {
        principal: principal(who),
        now: TUESDAY_10AM,
        locale: 'en',
        delegators,
        beneficiaryId,
        stageDueAt: () => TUESDAY_10AM,
      },
    );
    return { ...request, ...transition.changes };
  } catch {
    return request;
  }
}

/** The request after one click, or undefined once no stage is waiting. */
function step(request: RequestRecord, click: Click, delegations: Record<string, string>, cast: Cast) {
  const index = request.currentStage;
  const stage = index === null ? undefined : request.approvals[index];
  if (!stage || index === null) return undefined;
  if (click.escalate && (stage.escalations ?? 0) < 2) return escalate(request, index, stage, cast.beneficiaryId);
  const pool = clickerPool(request, stage, delegations, [cast.requesterId, cast.beneficiaryId, cast.strangerId]);
  return approveAs(request, stage, pool[click.pick % pool.length] as Person, {
    delegations,
    beneficiaryId: cast.beneficiaryId,
  });
}

describe('approval controls hold whatever happens (property)', () => {
  let approved = 0;
  it(`no approved chain has a decision by its requester or beneficiary, or one person on two stages (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(scenario, ({ service, requester, stranger, fields, delegations, clicks }) => {
        const delegateOf = (id: string) => delegations[id];
        const approvals = routeApprovals(service, requester, fields, {
          org,
          delegateOf,
          fallback: catalog.data.company.fallbackApprovers,
        });
        if (hasUnroutableStage(approvals)) return; // submitting it is refused
        const first = approvals.findIndex((s) => s.status === 'pending');
        if (first < 0) return; // straight to the queue: nothing to approve
        const beneficiaryId = beneficiaryOf(service, fields, org)?.id;
        let request = {
          id: 'r',
          requesterId: requester.id,
          status: 'pending_approval',
          currentStage: first,
          round: 1,
          fields,
          approvals,
        } as unknown as RequestRecord;
        const people = { requesterId: requester.id, beneficiaryId, strangerId: stranger.id };
        for (const click of clicks) {
          const next = step(request, click, delegations, people);
          if (!next) break;
          request = next;
        }
        if (request.currentStage !== null) return; // still waiting: not approved
        approved += 1;
        const deciders = request.approvals.flatMap(decidersOf);
        expect(deciders).not.toContain(requester.id);
        if (beneficiaryId) expect(deciders).not.toContain(beneficiaryId);
        expect(new Set(deciders).size, JSON.stringify(request.approvals)).toBe(deciders.length);
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: many chains really end approved.
    expect(approved).toBeGreaterThan(RUNS / 4);
  });
});
