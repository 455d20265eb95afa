import { describe, expect, it } from 'vitest';
import { decideApproval, type DecisionContext } from '../../functions/domain/requests/approvals';
import type { ApprovalStageState, Principal, RequestRecord } from '../../functions/domain/requests/model';

const person = (id: string): Principal => ({
  id,
  email: `${id}@x`,
  name: id,
  locale: 'en',
  roles: ['employee'],
  teams: [],
});
const stage = (mode: 'any' | 'all', approvers: string[]): ApprovalStageState => ({
  stage: 'review',
  title: { en: 'Review', ru: 'Проверка' },
  mode,
  status: 'pending',
  approvers: approvers.map((id) => ({ id, name: id })),
  dueHours: 8,
});
const request = (stages: ApprovalStageState[]): RequestRecord =>
  ({
    id: 'R',
    requesterId: 'req',
    status: 'pending_approval',
    currentStage: 0,
    approvals: stages,
    round: 1,
  }) as RequestRecord;
const ctx = (who: string, delegators: string[] = []): DecisionContext => ({
  principal: person(who),
  // The decision rules take the clock as an argument; any instant with a later stage deadline will do.
  now: '2026-12-01T10:00:00.000Z',
  locale: 'en',
  delegators: new Set(delegators),
  stageDueAt: () => '2026-12-02T10:00:00.000Z',
});

describe('stage outcome', () => {
  it('should complete an "any" stage with the first approval and open the next stage', () => {
    const result = decideApproval(
      request([stage('any', ['a', 'b']), stage('any', ['c'])]),
      { stage: 'review', decision: 'approve' },
      ctx('b'),
    );
    expect(result.outcome).toBe('approved');
    expect(result.activated).toBe(1);
    expect(result.transition.changes.currentStage).toBe(1);
  });

  it('should wait for every approver of an "all" stage', () => {
    const r = request([stage('all', ['a', 'b'])]);
    const first = decideApproval(r, { stage: 'review', decision: 'approve' }, ctx('a'));
    expect(first.outcome).toBe('pending');
    const after = { ...r, ...first.transition.changes } as RequestRecord;
    expect(decideApproval(after, { stage: 'review', decision: 'approve' }, ctx('b')).outcome).toBe('approved');
  });

  it('should end an "all" stage at the first rejection', () => {
    const result = decideApproval(
      request([stage('all', ['a', 'b'])]),
      { stage: 'review', decision: 'reject', comment: 'No' },
      ctx('a'),
    );
    expect(result.outcome).toBe('rejected');
    expect(result.transition.changes.status).toBe('rejected');
  });

  it('should record a delegate deciding on behalf of the approver', () => {
    const result = decideApproval(
      request([stage('any', ['a'])]),
      { stage: 'review', decision: 'approve' },
      ctx('d', ['a']),
    );
    expect(result.transition.changes.approvals?.[0]?.approvers[0]).toMatchObject({
      id: 'd',
      onBehalfOf: 'a',
      decision: 'approve',
    });
  });

  it('should refuse the requester, strangers and a second decision', () => {
    expect(() =>
      decideApproval(request([stage('any', ['req'])]), { stage: 'review', decision: 'approve' }, ctx('req')),
    ).toThrow(/own request/);
    expect(() =>
      decideApproval(request([stage('any', ['a'])]), { stage: 'review', decision: 'approve' }, ctx('x')),
    ).toThrow(/not an approver/);
    const decided = request([
      {
        ...stage('all', ['a', 'b']),
        approvers: [
          { id: 'a', name: 'a', decision: 'approve' },
          { id: 'b', name: 'b' },
        ],
      },
    ]);
    expect(() => decideApproval(decided, { stage: 'review', decision: 'approve' }, ctx('a'))).toThrow(
      /already decided/,
    );
  });
});
