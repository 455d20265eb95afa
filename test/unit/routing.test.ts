import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../../functions/domain/catalog/catalog';
import type { Person, Service } from '../../functions/domain/catalog/schema';
import { routeApprovals } from '../../functions/domain/routing/approval-chain';
import { pickAssignee } from '../../functions/domain/routing/assignment';

const catalog = loadCatalog(demoCatalog);
const org = { person: catalog.person, holdersOf: catalog.holdersOf, team: catalog.team };
const purchase = catalog.service('purchase') as Service;
const person = (id: string) => catalog.person(id) as Person;
const route = (requester: string, amount: number, delegateOf: (id: string) => string | undefined = () => undefined) =>
  routeApprovals(purchase, person(requester), { amount: { amount, currency: 'RUB' } }, { org, delegateOf });
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
