/**
 * F2 (security review 2026-12), the pure rules: approved content needs a new approval round to
 * change (functions/domain/requests/approved-content.ts), and segregation of duties in fulfilment
 * (functions/domain/requests/segregation.ts, functions/domain/routing/assignment.ts,
 * functions/domain/requests/actions.ts).
 */
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../../functions/domain/catalog/catalog';
import type { Person, Service } from '../../functions/domain/catalog/schema';
import type { DomainError } from '../../functions/domain/errors';
import type { Relation } from '../../functions/domain/requests/access';
import { applyAction, type ActionContext, type ActionInput } from '../../functions/domain/requests/actions';
import { changedApprovedFields, hasApproval, rerouteReason } from '../../functions/domain/requests/approved-content';
import type { ApprovalStageState, RequestRecord, StageApprover } from '../../functions/domain/requests/model';
import { fulfilmentExclusions, ownRequestRefusal } from '../../functions/domain/requests/segregation';
import { pickAssignee } from '../../functions/domain/routing/assignment';

const catalog = loadCatalog(demoCatalog);
const service = (id: string) => catalog.service(id) as Service;
const access = service('access-request');

const stage = (id: string, status: ApprovalStageState['status'], approvers: StageApprover[]): ApprovalStageState => ({
  stage: id,
  title: { en: id, ru: id },
  mode: 'any',
  status,
  approvers,
  dueHours: 8,
});
// The rules take the clock as an argument: the instants below are any moment, never compared with now.
const approvedBy = (id: string, extra: Partial<StageApprover> = {}) =>
  stage('manager', 'approved', [
    { id, name: id, decision: 'approve', decidedAt: '2026-12-01T08:00:00.000Z', ...extra },
  ]);

const CRM_READ = { system: 'crm', accessLevel: ['read', 'write'], justification: 'reports' };
const request = (overrides: Partial<RequestRecord> = {}): RequestRecord =>
  ({
    id: '01KQ0000000000000000000000',
    serviceId: 'access-request',
    requesterId: 'ivan.sidorov',
    requesterName: 'Ivan',
    status: 'in_progress',
    resumeStatus: null,
    fields: CRM_READ,
    assigneeId: 'olga.smirnova',
    team: 'it',
    approvals: [approvedBy('elena.kuznetsova')],
    round: 1,
    ...overrides,
  }) as RequestRecord;

describe('F2: approved content needs a new round to change', () => {
  it('should name every frozen field that differs from the approved form, in form order', () => {
    const next = { ...CRM_READ, accessLevel: ['read', 'write', 'admin'], forUser: 'olga.smirnova' };
    expect(changedApprovedFields(access, request(), next)).toEqual(['accessLevel', 'forUser']);
  });

  it('should let a field marked editableAfterApproval change without a new round', () => {
    expect(access.fields.find((f) => f.id === 'justification')).toMatchObject({ editableAfterApproval: true });
    expect(changedApprovedFields(access, request(), { ...CRM_READ, justification: 'Q4 reports' })).toEqual([]);
  });

  it('should count a field that appears or disappears, and not a reordered multiselect or money key order', () => {
    expect(changedApprovedFields(access, request(), { ...CRM_READ, validUntil: '2027-01-31' })).toEqual(['validUntil']);
    const { system: _dropped, ...withoutSystem } = CRM_READ;
    expect(changedApprovedFields(access, request(), withoutSystem)).toEqual(['system']);
    expect(changedApprovedFields(access, request(), { ...CRM_READ, accessLevel: ['write', 'read'] })).toEqual([]);
    const payment = service('payment-request');
    const paid = request({ fields: { amount: { amount: 50_000, currency: 'RUB' } } });
    expect(changedApprovedFields(payment, paid, { amount: { currency: 'RUB', amount: 50_000 } })).toEqual([]);
    expect(changedApprovedFields(payment, paid, { amount: { amount: 50_001, currency: 'RUB' } })).toEqual(['amount']);
  });

  it('should freeze nothing before anyone approved (no stage, skipped stages, a stage still pending)', () => {
    const next = { ...CRM_READ, accessLevel: ['admin'] };
    expect(changedApprovedFields(access, request({ approvals: [] }), next)).toEqual([]);
    const skipped = stage('manager', 'skipped', [{ id: 'ivan.sidorov', name: 'Ivan' }]);
    expect(changedApprovedFields(access, request({ approvals: [skipped] }), next)).toEqual([]);
    const pending = stage('manager', 'pending', [{ id: 'elena.kuznetsova', name: 'Elena' }]);
    expect(hasApproval({ approvals: [pending] })).toBe(false);
  });

  it('should count one approval of an "all" stage that is still pending as an approval', () => {
    const half = {
      ...stage('legal-finance', 'pending', [
        { id: 'mikhail.egorov', name: 'Mikhail', decision: 'approve' as const },
        { id: 'natalia.orlova', name: 'Natalia' },
      ]),
      mode: 'all' as const,
    };
    expect(hasApproval({ approvals: [half] })).toBe(true);
  });

  it('should give the reason for a new round: returned first, then approved fields changed, else none', () => {
    const before = request();
    const changed = { ...CRM_READ, accessLevel: ['read', 'write', 'approve', 'admin'] };
    expect(rerouteReason(access, before, { status: 'pending_approval', fields: changed })).toEqual({
      reroutedBecause: 'returned',
    });
    expect(rerouteReason(access, before, { status: 'in_progress', fields: changed })).toEqual({
      reroutedBecause: 'approved_fields_changed',
      changedApprovedFields: ['accessLevel'],
    });
    expect(rerouteReason(access, before, { status: 'in_progress', fields: CRM_READ })).toBeUndefined();
    expect(
      rerouteReason(access, before, { status: 'in_progress', fields: { ...CRM_READ, justification: 'more' } }),
    ).toBeUndefined();
  });

  it('should accept editableAfterApproval on free-text fields only', () => {
    const broken = structuredClone(demoCatalog) as unknown as { services: { fields: Record<string, unknown>[] }[] };
    const amount = broken.services.flatMap((s) => s.fields).find((f) => f.kind === 'money') as Record<string, unknown>;
    amount.editableAfterApproval = true;
    expect(() => loadCatalog(broken as never)).toThrow(/editableAfterApproval/);
  });
});

describe('F2: segregation of duties in fulfilment', () => {
  const me = { id: 'nikita.lebedev' };
  const own = new Set<Relation>(['requester', 'team', 'agent', 'assignee']);

  it('should refuse take, self-assign, request_info and resolve on one’s own request, naming why', () => {
    expect(ownRequestRefusal({ type: 'take' }, me, own)).toBe('noTakeOwnRequest');
    expect(ownRequestRefusal({ type: 'assign', assigneeId: me.id }, me, own)).toBe('noTakeOwnRequest');
    expect(ownRequestRefusal({ type: 'request_info' }, me, own)).toBe('noInfoFromYourself');
    expect(ownRequestRefusal({ type: 'resolve' }, me, own)).toBe('noResolveOwnRequest');
  });

  it('should leave the requester’s own actions, handing the request on, and other people’s requests alone', () => {
    for (const type of ['provide_info', 'cancel', 'close', 'reopen'])
      expect(ownRequestRefusal({ type }, me, own), type).toBeUndefined();
    expect(ownRequestRefusal({ type: 'assign', assigneeId: 'olga.smirnova' }, me, own)).toBeUndefined();
    const colleagues = new Set<Relation>(['team', 'agent', 'assignee']);
    for (const type of ['take', 'request_info', 'resolve'])
      expect(ownRequestRefusal({ type }, me, colleagues), type).toBeUndefined();
  });

  it('should refuse with 403 before looking at the status, with the reason in the message', () => {
    const ctx = (relations: Relation[]): ActionContext => ({
      principal: { id: 'nikita.lebedev', email: '', name: 'Nikita', locale: 'en', roles: ['agent'], teams: ['it'] },
      relations: new Set(relations),
      now: '2026-12-01T08:00:00.000Z',
      locale: 'en',
      teamAgent: () => ({ name: 'x' }),
      validateFields: (values) => ({ ok: true, values }),
    });
    const mine = request({ requesterId: 'nikita.lebedev', assigneeId: 'nikita.lebedev', status: 'resolved' });
    const refusal = (input: ActionInput) => {
      try {
        applyAction(mine, input, ctx(['requester', 'team', 'agent', 'assignee']));
      } catch (error) {
        return error as DomainError;
      }
      throw new Error(`${input.type} was allowed`);
    };
    expect(refusal({ type: 'take' })).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/own request/),
    });
    expect(refusal({ type: 'resolve', comment: 'done' })).toMatchObject({ code: 'forbidden' });
    expect(refusal({ type: 'request_info', comment: '?' }).message).toMatch(/your own request/);
  });

  it('should exclude the requester always, and this round’s approvers where the service separates them', () => {
    const equipment = service('equipment');
    expect(access.fulfilment?.separateFromApprovers).toBe(true);
    expect(service('payment-request').fulfilment?.separateFromApprovers).toBe(true);
    expect(equipment.fulfilment?.separateFromApprovers ?? false).toBe(false);
    const mine = request({
      requesterId: 'nikita.lebedev',
      approvals: [
        approvedBy('roman.zaitsev'),
        stage('security', 'approved', [
          { id: 'olga.smirnova', name: 'Olga', decision: 'approve', onBehalfOf: 'denis.makarov' },
        ]),
        stage('other', 'pending', [{ id: 'igor.frolov', name: 'Igor' }]),
      ],
    });
    expect(Object.fromEntries(fulfilmentExclusions(mine, access))).toEqual({
      'nikita.lebedev': 'requester',
      'roman.zaitsev': 'approver',
      'olga.smirnova': 'approver',
    });
    expect(Object.fromEntries(fulfilmentExclusions(mine, equipment))).toEqual({ 'nikita.lebedev': 'requester' });
  });

  it('should pick among the others, recording who was set aside and why, or nobody when none is left', () => {
    const agent = (id: string) => ({ ...(catalog.person('nikita.lebedev') as Person), id });
    const agents = ['a', 'b', 'c'].map(agent);
    const excluded = new Map([
      ['a', 'requester' as const],
      ['b', 'approver' as const],
    ]);
    const choice = pickAssignee(agents, new Map([['c', 5]]), new Set(), {
      strategy: 'least-loaded',
      rotation: 0,
      excluded,
    });
    expect(choice?.assignee.id).toBe('c');
    expect(choice?.reason.skipped).toEqual([
      { id: 'a', reason: 'requester' },
      { id: 'b', reason: 'approver' },
    ]);
    expect(
      pickAssignee(agents, new Map(), new Set(['c']), { strategy: 'round-robin', rotation: 1, excluded }),
    ).toBeUndefined();
  });
});
