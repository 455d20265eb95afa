import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../../functions/domain/catalog/catalog';
import type { Person, Service } from '../../functions/domain/catalog/schema';
import { hasUnroutableStage, routeApprovals } from '../../functions/domain/routing/approval-chain';
import type { OrgDirectory } from '../../functions/domain/routing/approval-chain';
import { pickAssignee } from '../../functions/domain/routing/assignment';

const catalog = loadCatalog(demoCatalog);
/** The catalog answers everything the routing asks of the org chart. */
const org: OrgDirectory = catalog;
const fallback = catalog.data.company.fallbackApprovers;
const purchase = catalog.service('purchase') as Service;
const access = catalog.service('access-request') as Service;
const person = (id: string) => catalog.person(id) as Person;
type DelegateOf = (id: string) => string | undefined;
const nobodyAway: DelegateOf = () => undefined;
const route = (requester: string, amount: number, delegateOf: DelegateOf = nobodyAway) =>
  routeApprovals(purchase, person(requester), { amount: { amount, currency: 'RUB' } }, { org, delegateOf, fallback });
const routeAccess = (requester: string, forUser: string | undefined, delegateOf: DelegateOf = nobodyAway) =>
  routeApprovals(
    access,
    person(requester),
    { system: 'crm', accessLevel: ['admin'], justification: 'x', ...(forUser ? { forUser } : {}) },
    { org, delegateOf, fallback },
  );
const ids = (stages: ReturnType<typeof route>) =>
  stages.map((s) => [s.stage, s.status, s.approvers.map((a) => a.id)] as const);

describe('approval routing', () => {
  it('should ask only the manager for a small purchase', () => {
    expect(ids(route('ivan.sidorov', 50_000))).toEqual([['manager', 'pending', ['elena.kuznetsova']]]);
  });

  it('should add the CFO over 100 000 and the CEO over 1 000 000', () => {
    expect(ids(route('ivan.sidorov', 2_000_000))).toEqual([
      ['manager', 'pending', ['elena.kuznetsova']],
      ['finance', 'pending', ['natalia.orlova']],
      ['ceo', 'pending', ['sergey.morozov']],
    ]);
  });

  it('should never let the requester approve: the CFO buying goes to her manager, noted', () => {
    const stages = route('natalia.orlova', 200_000);
    // natalia's manager is the CEO: asked for the manager stage, and again in place of natalia for finance.
    expect(ids(stages)).toEqual([
      ['manager', 'pending', ['sergey.morozov']],
      ['finance', 'skipped', []],
    ]);
    expect(stages[1]?.notes).toEqual([
      { reason: 'requester_is_approver', personId: 'natalia.orlova', replacedBy: 'sergey.morozov' },
      { reason: 'already_in_chain', personId: 'sergey.morozov' },
    ]);
  });

  it('should ask the CEO once even when two stages name him', () => {
    const stages = route('elena.kuznetsova', 2_000_000);
    expect(ids(stages)).toEqual([
      ['manager', 'pending', ['sergey.morozov']],
      ['finance', 'pending', ['natalia.orlova']],
      ['ceo', 'skipped', []],
    ]);
  });

  it('should route to the delegate on behalf of an absent approver', () => {
    const stages = route('ivan.sidorov', 50_000, (id) => (id === 'elena.kuznetsova' ? 'maxim.sorokin' : undefined));
    expect(stages[0]?.approvers).toEqual([
      { id: 'maxim.sorokin', name: person('maxim.sorokin').name, onBehalfOf: 'elena.kuznetsova' },
    ]);
  });
});

describe('approval routing fails closed (F1)', () => {
  const withoutManager = { ...person('ivan.sidorov'), id: 'ghost', managerId: null };

  it('F1: a manager rule that resolves to nobody goes to the department head, noted, never skipped', () => {
    const stages = routeApprovals(
      purchase,
      withoutManager,
      { amount: { amount: 50_000, currency: 'RUB' } },
      { org, delegateOf: nobodyAway, fallback },
    );
    expect(ids(stages)).toEqual([['manager', 'pending', ['elena.kuznetsova']]]);
    expect(stages[0]?.notes).toEqual([{ reason: 'fallback', personId: 'elena.kuznetsova', rule: 'department-head' }]);
  });

  it('F1: the CEO, who has no manager, is approved by the next declared fallback, not by nobody', () => {
    // Head of his own department: the next fallback (role:cfo after role:ceo, himself) decides.
    const stages = route('sergey.morozov', 50_000);
    expect(ids(stages)).toEqual([['manager', 'pending', ['natalia.orlova']]]);
    expect(stages[0]?.notes?.at(-1)).toEqual({ reason: 'fallback', personId: 'natalia.orlova', rule: 'role:cfo' });
  });

  it('F1: a stage even the fallback leaves empty stays pending with nobody, and is reported unroutable', () => {
    const stages = routeApprovals(
      purchase,
      withoutManager,
      { amount: { amount: 50_000, currency: 'RUB' } },
      { org: { ...org, department: () => undefined }, delegateOf: nobodyAway, fallback: ['department-head'] },
    );
    expect(ids(stages)).toEqual([['manager', 'pending', []]]);
    expect(stages[0]?.notes).toEqual([{ reason: 'no_approver', personId: 'ghost' }]);
    expect(hasUnroutableStage(stages)).toBe(true);
    expect(hasUnroutableStage(route('ivan.sidorov', 50_000))).toBe(false);
  });
});

describe('the beneficiary (F3)', () => {
  it('F3: a manager rule means the beneficiary’s manager, not the requester’s', () => {
    expect(ids(routeAccess('ivan.sidorov', 'maxim.sorokin'))[0]).toEqual(['manager', 'pending', ['dmitry.volkov']]);
  });

  it('F3: the beneficiary never approves their own access: their manager is asked, noted', () => {
    // Ivan asks access for his own manager Elena: Elena's manager decides, not Elena.
    const stages = routeAccess('ivan.sidorov', 'elena.kuznetsova');
    expect(ids(stages)[0]).toEqual(['manager', 'pending', ['sergey.morozov']]);
    const delegatedToBeneficiary = routeAccess('konstantin.titov', 'vladimir.kiselev', (id) =>
      id === 'maxim.sorokin' ? 'vladimir.kiselev' : undefined,
    );
    expect(delegatedToBeneficiary[0]?.approvers.map((a) => a.id)).not.toContain('vladimir.kiselev');
  });
});

describe('one person, one stage (F4)', () => {
  it('F4: a delegate already in the chain is skipped for the absent approver’s manager, noted', () => {
    // The CFO delegates to Elena, who approves Ivan's payment as his manager: not twice.
    const stages = route('ivan.sidorov', 200_000, (id) => (id === 'natalia.orlova' ? 'elena.kuznetsova' : undefined));
    expect(ids(stages)).toEqual([
      ['manager', 'pending', ['elena.kuznetsova']],
      ['finance', 'pending', ['sergey.morozov']],
    ]);
    expect(stages[1]?.notes).toEqual([
      { reason: 'delegate_unfit', personId: 'elena.kuznetsova', replacedBy: 'sergey.morozov' },
    ]);
  });

  it('F4: a delegate named later in the chain, or who may not approve, does not stand in either', () => {
    const laterInChain = route('ivan.sidorov', 2_000_000, (id) =>
      id === 'elena.kuznetsova' ? 'sergey.morozov' : undefined,
    );
    const deciders = laterInChain.flatMap((s) => s.approvers.map((a) => a.id));
    expect(new Set(deciders).size).toBe(deciders.length);
    const employee = route('ivan.sidorov', 50_000, (id) => (id === 'elena.kuznetsova' ? 'emily.clarke' : undefined));
    expect(ids(employee)).toEqual([['manager', 'pending', ['sergey.morozov']]]);
  });
});

describe('automatic assignment', () => {
  const agents = ['a', 'b', 'c'].map((id) => ({ ...person('maria.ivanova'), id }));

  it('should pick the least-loaded available agent, skipping absent ones', () => {
    const choice = pickAssignee(
      agents,
      new Map([
        ['a', 3],
        ['b', 0],
        ['c', 0],
      ]),
      new Set(['b']),
      { strategy: 'least-loaded', rotation: 0 },
    );
    expect(choice?.assignee.id).toBe('c');
    expect(choice?.reason.skipped).toEqual([{ id: 'b', reason: 'absent' }]);
  });

  it('should rotate among ties', () => {
    const picks = [0, 1, 2, 3].map(
      (rotation) => pickAssignee(agents, new Map(), new Set(), { strategy: 'least-loaded', rotation })?.assignee.id,
    );
    expect(picks).toEqual(['a', 'b', 'c', 'a']);
  });

  it('should assign nobody when everyone is away', () => {
    expect(
      pickAssignee(agents, new Map(), new Set(['a', 'b', 'c']), { strategy: 'least-loaded', rotation: 0 }),
    ).toBeUndefined();
  });
});
