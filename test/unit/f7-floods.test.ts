/**
 * F7 of the 2026-12 security review, the pure rules: what an absence request may record, the comment
 * digest's decisions and the read allowance's bucket. No runtime; the runtime's side is
 * test/security/f7-floods.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { boundPeriod, MAX_LEAVES, planAbsence, type AbsenceInput } from '../../functions/domain/absences';
import { DIGEST_MAX_QUOTED, digestOf, digestVerdict } from '../../functions/domain/notifications/digest';
import type { HistoryEvent } from '../../functions/domain/requests/model';
import { TokenBuckets } from '../../functions/api/read-allowance';

const TODAY = '2026-12-01';
const absence = (overrides: Partial<AbsenceInput>): AbsenceInput => ({
  period: { from: '2026-12-07', to: '2026-12-11' },
  deputy: undefined,
  requesterId: 'ivan.sidorov',
  today: TODAY,
  existing: [],
  isPerson: (id) => ['ivan.sidorov', 'elena.kuznetsova'].includes(id),
  ...overrides,
});

describe('F7: absence records', () => {
  it('F7: a leave decades ahead records nothing, one far back or overlong is clipped to around today', () => {
    expect(planAbsence(absence({ period: { from: '2090-03-01', to: '2090-06-28' } }))).toEqual({
      replaces: [],
      notes: ['out_of_range'],
    });
    // Ended before today: routing would never read it.
    expect(planAbsence(absence({ period: { from: '2026-10-01', to: '2026-11-30' } })).leave).toBeUndefined();
    // Started 45 days ago and still running: kept from 30 days back.
    expect(boundPeriod({ from: '2026-10-17', to: '2026-12-20' }, TODAY)).toEqual({
      from: '2026-11-01',
      until: '2026-12-20',
    });
    // A year ahead is the last possible start; 120 days the longest leave.
    expect(boundPeriod({ from: '2027-12-01', to: '2028-12-01' }, TODAY)).toEqual({
      from: '2027-12-01',
      until: '2028-03-29',
    });
    expect(boundPeriod({ from: '2027-12-02', to: '2027-12-03' }, TODAY)).toBeUndefined();
    expect(planAbsence(absence({ period: { from: '2026-12-10', to: '2026-12-01' } })).notes).toEqual([
      'invalid_period',
    ]);
    expect(planAbsence(absence({ period: 'soon' })).leave).toBeUndefined();
  });

  it('F7: overlapping or adjoining leave of one person is merged into one record', () => {
    const existing = [
      { from: '2026-12-07', until: '2026-12-11' },
      { from: '2026-12-14', until: '2026-12-18' },
      { from: '2027-02-01', until: '2027-02-05' },
    ];
    const again = planAbsence(absence({ existing }));
    expect(again.leave).toEqual({ from: '2026-12-07', until: '2026-12-11' });
    expect(again.replaces).toEqual([]);
    // Bridging the weekend joins both weeks: one record, the later one's key deleted.
    const bridge = planAbsence(absence({ existing, period: { from: '2026-12-10', to: '2026-12-13' } }));
    expect(bridge.leave).toEqual({ from: '2026-12-07', until: '2026-12-18' });
    expect(bridge.replaces).toEqual(['2026-12-14']);
  });

  it(`F7: a person has at most ${MAX_LEAVES} current or future leaves on record`, () => {
    const existing = Array.from({ length: MAX_LEAVES }, (_, i) => ({
      from: `2027-0${1 + Math.floor(i / 4)}-${String(1 + (i % 4) * 7).padStart(2, '0')}`,
      until: `2027-0${1 + Math.floor(i / 4)}-${String(2 + (i % 4) * 7).padStart(2, '0')}`,
    }));
    const plan = planAbsence(absence({ existing, period: { from: '2027-06-01', to: '2027-06-02' } }));
    expect(plan.leave).toBeUndefined();
    expect(plan.notes).toContain('too_many_leaves');
    // One that merges with a recorded leave adds nothing, so it is still recorded.
    expect(planAbsence(absence({ existing, period: { from: '2027-01-02', to: '2027-01-03' } })).leave).toBeDefined();
  });

  it('F7: the requester named as their own deputy, or nobody known, is never written as a delegation', () => {
    const self = planAbsence(absence({ deputy: 'ivan.sidorov' }));
    expect(self.delegation).toBeUndefined();
    expect(self.notes).toContain('deputy_refused');
    expect(self.leave).toBeDefined();
    expect(planAbsence(absence({ deputy: 'nobody.known' })).delegation).toBeUndefined();
    expect(planAbsence(absence({ deputy: 'elena.kuznetsova' })).delegation).toEqual({
      delegateId: 'elena.kuznetsova',
      from: '2026-12-07',
      until: '2026-12-11',
    });
    expect(
      planAbsence(absence({ deputy: 'elena.kuznetsova', period: { from: '2090-01-01', to: '2090-01-02' } })),
    ).not.toHaveProperty('delegation');
  });
});

const comment = (seq: number, at: string, actorId = 'ivan.sidorov'): HistoryEvent => ({
  seq,
  at,
  actorId,
  actorName: actorId,
  type: 'comment',
  comment: `comment ${seq}`,
});

describe('F7: comment digests', () => {
  it('F7: comments within 10 minutes of the last comment e-mail are held, then quoted by the next one', () => {
    // The digest compares the comments' own times with each other, never with now: any instants will do.
    const first = comment(3, '2026-12-01T07:00:00.000Z');
    expect(digestVerdict(undefined, first)).toBe('send');
    const sent = digestOf(first, { events: [first], truncated: false }, (events) => [...events]);
    expect(sent.next).toEqual({ sentAt: first.at, lastSeq: 3 });

    const held = comment(4, '2026-12-01T07:09:59.000Z');
    expect(digestVerdict(sent.next, held)).toBe('held');
    expect(digestVerdict(sent.next, comment(2, '2026-12-01T07:20:00.000Z'))).toBe('covered');

    const later = comment(6, '2026-12-01T07:10:00.000Z');
    expect(digestVerdict(sent.next, later)).toBe('send');
    const status: HistoryEvent = { ...later, seq: 5, type: 'status_changed', comment: undefined };
    const next = digestOf(later, { events: [held, status, later], truncated: false }, (events) =>
      events.filter((e) => e.type === 'comment'),
    );
    expect(next.quoted.map((e) => e.seq)).toEqual([4, 6]);
    expect(next).toMatchObject({ more: false, next: { lastSeq: 6, sentAt: later.at } });
  });

  it(`F7: a digest quotes the newest ${DIGEST_MAX_QUOTED} comments and says when there are more`, () => {
    const burst = Array.from({ length: 30 }, (_, i) => comment(i + 1, '2026-12-01T07:00:00.000Z'));
    const digest = digestOf(burst[0] as HistoryEvent, { events: burst, truncated: false }, (events) => [...events]);
    expect(digest.quoted.map((e) => e.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(digest.more).toBe(true);
    expect(digest.next.lastSeq).toBe(30);
  });
});

describe('F7: read allowance', () => {
  it('F7: a bucket grants its burst, then one read per refill, and says how long to wait', () => {
    const buckets = new TokenBuckets(3, 0.5);
    expect([0, 1, 2].map(() => buckets.take('ivan', 0))).toEqual([0, 0, 0]);
    expect(buckets.take('ivan', 0)).toBe(2);
    expect(buckets.take('olga', 0)).toBe(0);
    expect(buckets.take('ivan', 1000)).toBe(1);
    expect(buckets.take('ivan', 2000)).toBe(0);
    // It refills up to its burst, no further.
    expect([0, 1, 2, 3].map(() => buckets.take('ivan', 3_600_000))).toEqual([0, 0, 0, 2]);
  });

  it('F7: the buckets forget the least recently used reader past their size', () => {
    const buckets = new TokenBuckets(1, 1 / 60, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('c', 0);
    expect(buckets.take('a', 0)).toBe(0);
    expect(buckets.take('c', 0)).toBeGreaterThan(0);
  });
});
