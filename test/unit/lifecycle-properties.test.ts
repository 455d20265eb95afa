/**
 * Property-based tests (fast-check) of the pure domain: the request action state machine
 * (functions/domain/requests/actions.ts) and the SLA clock (BusinessCalendar + withDueDates).
 * No runtime: random action sequences by random relations are checked against the contract of
 * /work/shared/API.md written out below as data, and random pause histories against an
 * independent count of working quarter-hours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendars } from '../../catalog/calendars';
import { calendarSchema } from '../../functions/domain/catalog/schema';
import { DomainError, type ErrorCode } from '../../functions/domain/errors';
import type { FieldValues } from '../../functions/domain/forms/conditions';
import type { Relation } from '../../functions/domain/requests/access';
import {
  ACTION_TYPES,
  applyAction,
  type ActionContext,
  type ActionType,
  type Transition,
} from '../../functions/domain/requests/actions';
import { STATUSES, type Pause, type RequestRecord, type RequestStatus } from '../../functions/domain/requests/model';
import { BusinessCalendar } from '../../functions/domain/sla/business-calendar';
import { withDueDates, type SlaTargets } from '../../functions/domain/sla/request-sla';
import { TUESDAY_10AM } from '../support/moments';

const RELATIONS: Relation[] = ['requester', 'approver', 'team', 'agent', 'assignee', 'admin'];
const TERMINAL: readonly RequestStatus[] = ['closed', 'rejected', 'cancelled'];
const QUEUED: RequestStatus[] = ['in_progress', 'waiting_for_requester'];
const TEAM_AGENTS = ['agent-a', 'agent-b'];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Fields a request may change on its own; everything else belongs to the commit layer or is fixed. */
const SERVER_OWNED = ['id', 'version', 'lastSeq', 'requesterId', 'requesterName', 'serviceId', 'team', 'createdAt'];

/** API.md, as data: who may take each action, and in which statuses. */
const CONTRACT: Record<ActionType, { who: Relation[]; from: RequestStatus[] }> = {
  take: { who: ['agent'], from: QUEUED },
  assign: { who: ['agent'], from: QUEUED },
  request_info: { who: ['assignee'], from: ['in_progress'] },
  provide_info: { who: ['requester'], from: ['waiting_for_requester'] },
  resolve: { who: ['assignee'], from: QUEUED },
  reopen: { who: ['requester'], from: ['resolved'] },
  close: { who: ['requester'], from: ['resolved'] },
  cancel: { who: ['requester'], from: ['pending_approval', 'in_progress', 'waiting_for_requester'] },
};

// ---- the state machine ----------------------------------------------------------------------

interface Step {
  type: ActionType;
  relations: Relation[];
  /** The caller's id: one of the team's agents or someone else. */
  caller: string;
  comment?: string;
  assigneeId?: string;
  fields?: FieldValues;
  /** Minutes that pass before the step. */
  wait: number;
}

interface Expected {
  code?: ErrorCode;
  to?: RequestStatus;
}

const blank = (text: string | undefined) => !text?.trim();

/** What the contract says the step does, status by status (undefined `to`: the status stays). */
const OUTCOMES: Record<ActionType, (request: RequestRecord, step: Step, now: number) => Expected> = {
  take: (r, s) => (r.assigneeId === s.caller ? { code: 'conflict' } : { to: r.status }),
  assign: (r, s) => {
    if (!s.assigneeId || !TEAM_AGENTS.includes(s.assigneeId)) return { code: 'validation_failed' };
    return r.assigneeId === s.assigneeId ? { code: 'conflict' } : { to: r.status };
  },
  request_info: (_r, s) => (blank(s.comment) ? { code: 'validation_failed' } : { to: 'waiting_for_requester' }),
  provide_info: (r, s) => (s.fields?.bad ? { code: 'validation_failed' } : { to: r.resumeStatus ?? 'in_progress' }),
  resolve: (_r, s) => (blank(s.comment) ? { code: 'validation_failed' } : { to: 'resolved' }),
  reopen: (r, _s, now) =>
    now - Date.parse(r.resolvedAt ?? new Date(now).toISOString()) > 7 * DAY
      ? { code: 'conflict' }
      : { to: 'in_progress' },
  close: () => ({ to: 'closed' }),
  cancel: () => ({ to: 'cancelled' }),
};

/** F2, segregation of duties: nobody fulfils their own request (take it, assign it to themselves, ask, resolve). */
const fulfilsOwnRequest = (step: Step) =>
  step.relations.includes('requester') &&
  (['take', 'request_info', 'resolve'].includes(step.type) ||
    (step.type === 'assign' && step.assigneeId === step.caller));

function expectedOutcome(request: RequestRecord, step: Step, now: number): Expected {
  const rule = CONTRACT[step.type];
  if (!rule.who.some((relation) => step.relations.includes(relation))) return { code: 'forbidden' };
  if (fulfilsOwnRequest(step)) return { code: 'forbidden' };
  if (!rule.from.includes(request.status)) return { code: 'conflict' };
  return OUTCOMES[step.type](request, step, now);
}

// The pure domain takes its clock as an argument: the properties run from a chosen Tuesday 10:00 in Moscow.
const START = Date.parse(TUESDAY_10AM);

/** A request in `status`, consistent with how it got there (SLA started, paused while waiting...). */
function requestIn(status: RequestStatus, assigneeId: string | null, returnedByApprover: boolean): RequestRecord {
  const at = new Date(START).toISOString();
  const inQueue = status !== 'pending_approval' && !(status === 'waiting_for_requester' && returnedByApprover);
  const waitingForInfo = status === 'waiting_for_requester' && !returnedByApprover;
  return {
    id: '01KQ0000000000000000000000',
    serviceId: 'employment-certificate',
    serviceTitle: { en: 'Employment certificate', ru: 'Справка с места работы' },
    requesterId: 'requester',
    requesterName: 'Requester',
    status,
    resumeStatus: status === 'waiting_for_requester' ? (returnedByApprover ? 'pending_approval' : 'in_progress') : null,
    fields: { copies: 1 },
    version: 1,
    lastSeq: 1,
    assigneeId,
    assigneeName: assigneeId,
    team: 'hr',
    createdAt: at,
    updatedAt: at,
    resolvedAt: status === 'resolved' ? at : null,
    sla: {
      startedAt: inQueue ? at : null,
      responseDueAt: null,
      resolutionDueAt: null,
      respondedAt: null,
      pauses: waitingForInfo ? [{ from: at, to: null }] : [],
      breached: false,
    },
    approvals: [],
    round: 1,
    currentStage: null,
    slaEvents: [],
    slaTimer: null,
  };
}

const initialRequests = fc
  .record({
    status: fc.constantFrom(...STATUSES),
    assigneeId: fc.constantFrom<string | null>(null, ...TEAM_AGENTS),
    returnedByApprover: fc.boolean(),
  })
  .map(({ status, assigneeId, returnedByApprover }) => requestIn(status, assigneeId, returnedByApprover));

const steps = fc.array(
  fc.record({
    type: fc.constantFrom(...ACTION_TYPES),
    relations: fc.subarray(RELATIONS),
    caller: fc.constantFrom('agent-a', 'agent-b', 'someone'),
    comment: fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(undefined, '', '   ') },
      { weight: 3, arbitrary: fc.constant('Which bank?') },
    ),
    assigneeId: fc.constantFrom(undefined, 'agent-a', 'agent-b', 'outsider'),
    fields: fc.constantFrom(undefined, { copies: 3 }, { bad: 1 }),
    wait: fc.integer({ min: 0, max: 4 * 24 * 60 }),
  }),
  { maxLength: 25 },
);

function contextFor(step: Step, now: number): ActionContext {
  return {
    principal: { id: step.caller, email: '', name: step.caller, locale: 'en', roles: ['employee'], teams: [] },
    relations: new Set(step.relations),
    now: new Date(now).toISOString(),
    locale: 'en',
    teamAgent: (userId) => (TEAM_AGENTS.includes(userId) ? { name: userId } : undefined),
    validateFields: (values) =>
      values.bad ? { ok: false, details: [{ path: 'fields.bad', message: 'unknown' }] } : { ok: true, values },
  } as ActionContext;
}

interface Traced {
  step: Step;
  before: RequestRecord;
  after: RequestRecord;
  expected: Expected;
  transition?: Transition;
  error?: unknown;
  /** The input request as it was after applyAction returned or threw (must equal `before`). */
  inputAfterCall: RequestRecord;
}

/** Runs the steps as the use case does: apply, then the commit layer bumps the version by one. */
function simulate(initial: RequestRecord, sequence: Step[]): Traced[] {
  const trace: Traced[] = [];
  let request = initial;
  let now = START;
  for (const step of sequence) {
    now += step.wait * MINUTE;
    const before = structuredClone(request);
    const expected = expectedOutcome(request, step, now);
    let transition: Transition | undefined;
    let error: unknown;
    try {
      transition = applyAction(request, step, contextFor(step, now));
    } catch (caught) {
      error = caught;
    }
    const inputAfterCall = structuredClone(request);
    if (transition) request = { ...request, ...transition.changes, version: request.version + 1 };
    trace.push({ step, before, after: request, expected, transition, error, inputAfterCall });
  }
  return trace;
}

const scenario = fc.tuple(initialRequests, steps);
const RUNS = { numRuns: 500 };

describe('the request action state machine (applyAction)', () => {
  it('should only ever produce a status from STATUSES, the one the contract names', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        for (const t of simulate(initial, sequence)) {
          expect(STATUSES).toContain(t.after.status);
          if (!t.transition) continue;
          expect(t.expected.code, `${t.step.type} from ${t.before.status} should have failed`).toBeUndefined();
          expect(t.after.status).toBe(t.expected.to);
        }
      }),
      RUNS,
    );
  });

  it('should refuse exactly what the contract refuses, with its error code', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        for (const t of simulate(initial, sequence)) {
          const label = `${t.step.type} by [${t.step.relations.join(',')}] in ${t.before.status}`;
          if (!t.expected.code) expect(t.error, label).toBeUndefined();
          else {
            expect(t.error, label).toBeInstanceOf(DomainError);
            expect((t.error as DomainError).code, label).toBe(t.expected.code);
          }
        }
      }),
      RUNS,
    );
  });

  it('should never change a closed, rejected or cancelled request again', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        for (const t of simulate(initial, sequence)) {
          if (!TERMINAL.includes(t.before.status)) continue;
          expect(t.transition, `${t.step.type} on a ${t.before.status} request`).toBeUndefined();
          expect(t.after).toEqual(t.before);
        }
      }),
      RUNS,
    );
  });

  it('should throw forbidden (403) for a relation the action does not allow, whatever the status, changing nothing', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        for (const t of simulate(initial, sequence)) {
          const allowed = CONTRACT[t.step.type].who.some((relation) => t.step.relations.includes(relation));
          if (allowed) continue;
          expect(t.error).toBeInstanceOf(DomainError);
          expect((t.error as DomainError).code).toBe('forbidden');
          expect(t.after).toEqual(t.before);
        }
      }),
      RUNS,
    );
  });

  it('should never alter its input, and leave the state unchanged on every refusal', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        for (const t of simulate(initial, sequence)) {
          expect(t.inputAfterCall).toEqual(t.before);
          if (t.error) expect(t.after).toEqual(t.before);
        }
      }),
      RUNS,
    );
  });

  it('should only let the version grow: actions never set it (nor any other server-owned field)', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        const trace = simulate(initial, sequence);
        let version = initial.version;
        for (const t of trace) {
          const touched = Object.keys(t.transition?.changes ?? {}).filter((key) => SERVER_OWNED.includes(key));
          expect(touched).toEqual([]);
          expect(t.after.version).toBeGreaterThanOrEqual(version);
          expect(t.after.version - version).toBe(t.transition ? 1 : 0);
          version = t.after.version;
        }
        expect(version).toBe(initial.version + trace.filter((t) => t.transition).length);
      }),
      RUNS,
    );
  });

  it('should keep the SLA clock paused exactly while waiting for the requester after an info request', () => {
    fc.assert(
      fc.property(scenario, ([initial, sequence]) => {
        for (const t of simulate(initial, sequence)) {
          const open = t.after.sla.pauses.filter((p) => p.to === null).length;
          expect(open).toBeLessThanOrEqual(1);
          if (open === 1) expect(t.after.status).toBe('waiting_for_requester');
          if (t.transition && t.step.type === 'request_info') expect(open).toBe(1);
        }
      }),
      RUNS,
    );
  });
});

// ---- the SLA clock --------------------------------------------------------------------------

const entry = calendars.find((c) => c.id === 'ru-msk');
const ruMsk = new BusinessCalendar(calendarSchema.parse(entry));
const QUARTER = 15 * MINUTE;
const MSK_OFFSET = 3 * 60 * MINUTE; // Moscow has no DST

/**
 * The ru-msk working time, written independently of the calendar's walk: a working day (weekday, not
 * a holiday or a transferred day off) from 09:00 to 13:00 and 14:00 to 18:00 Moscow time.
 */
function isWorkingQuarter(at: number): boolean {
  const local = new Date(at + MSK_OFFSET);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inHours = (minutes >= 9 * 60 && minutes < 13 * 60) || (minutes >= 14 * 60 && minutes < 18 * 60);
  return inHours && ruMsk.isWorkingDay(local.toISOString().slice(0, 10));
}

const isPaused = (at: number, pauses: readonly Pause[]) =>
  pauses.some((p) => Date.parse(p.from) <= at && (p.to === null || at < Date.parse(p.to)));

/** Working, un-paused quarter-hours in [from, to): every boundary here is a whole quarter-hour. */
function countedQuarters(from: number, to: number, pauses: readonly Pause[]): number {
  let counted = 0;
  for (let at = from; at < to; at += QUARTER) if (isWorkingQuarter(at) && !isPaused(at, pauses)) counted++;
  return counted;
}

const iso = (ms: number) => new Date(ms).toISOString();
// Calendar facts: the instants span the RU New Year holidays of 2027 and the spring ones.
const quarterInstants = fc
  .integer({ min: Date.parse('2026-11-02T00:00:00Z') / QUARTER, max: Date.parse('2027-06-01T00:00:00Z') / QUARTER })
  .map((q) => q * QUARTER);
const targets = fc
  .record({ response: fc.integer({ min: 0, max: 16 * 4 }), resolution: fc.integer({ min: 0, max: 48 * 4 }) })
  .map(({ response, resolution }): SlaTargets => ({ responseHours: response / 4, resolutionHours: resolution / 4 }));

/** Random pause intervals around the start: in any order, overlapping, in nights and weekends. */
const pausesAround = (start: number) =>
  fc.array(
    fc
      .record({
        offset: fc.integer({ min: -2 * 24 * 4, max: 20 * 24 * 4 }),
        length: fc.integer({ min: 0, max: 4 * 24 * 4 }),
        open: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      })
      .map(({ offset, length, open }): Pause => {
        const from = start + offset * QUARTER;
        return { from: iso(from), to: open ? null : iso(from + length * QUARTER) };
      }),
    { maxLength: 6 },
  );

const slaScenario = fc
  .tuple(quarterInstants, targets)
  .chain(([start, sla]) => pausesAround(start).map((pauses) => ({ start, sla, pauses })))
  .chain((s) =>
    fc
      .shuffledSubarray(s.pauses, { minLength: s.pauses.length, maxLength: s.pauses.length })
      .map((shuffled) => ({ ...s, shuffled })),
  );

function slaWith(start: number, pauses: Pause[], sla: SlaTargets) {
  const state = {
    startedAt: iso(start),
    responseDueAt: null,
    resolutionDueAt: null,
    respondedAt: null,
    pauses,
    breached: false,
  };
  return withDueDates(state, sla, ruMsk);
}

const msOrNever = (due: string | null) => (due === null ? Number.POSITIVE_INFINITY : Date.parse(due));
const closedOnly = (pauses: Pause[]) => pauses.filter((p) => p.to !== null);

describe('the SLA clock (BusinessCalendar + withDueDates)', () => {
  it('should never make a due time earlier than without the pauses, whatever their order', () => {
    fc.assert(
      fc.property(slaScenario, ({ start, sla, pauses, shuffled }) => {
        const without = slaWith(start, [], sla);
        const withPauses = slaWith(start, pauses, sla);
        expect(msOrNever(withPauses.resolutionDueAt)).toBeGreaterThanOrEqual(msOrNever(without.resolutionDueAt));
        expect(msOrNever(withPauses.responseDueAt)).toBeGreaterThanOrEqual(msOrNever(without.responseDueAt));
        const reordered = slaWith(start, shuffled, sla);
        expect(reordered.resolutionDueAt).toBe(withPauses.resolutionDueAt);
        expect(reordered.responseDueAt).toBe(withPauses.responseDueAt);
      }),
      { numRuns: 200 },
    );
  });

  it('should never make a due time earlier by adding one more pause', () => {
    fc.assert(
      fc.property(slaScenario, fc.nat(), ({ start, sla, pauses }, pick) => {
        const closed = closedOnly(pauses);
        if (closed.length === 0) return;
        const fewer = closed.filter((_p, i) => i !== pick % closed.length);
        const dueFewer = msOrNever(slaWith(start, fewer, sla).resolutionDueAt);
        expect(msOrNever(slaWith(start, closed, sla).resolutionDueAt)).toBeGreaterThanOrEqual(dueFewer);
      }),
      { numRuns: 200 },
    );
  });

  it('should count exactly the target in working, un-paused time between start and due, and nothing else', () => {
    fc.assert(
      fc.property(slaScenario, ({ start, sla, pauses }) => {
        const due = slaWith(start, pauses, sla).resolutionDueAt;
        if (due === null) return; // an open pause stopped the clock before the target
        const dueMs = Date.parse(due);
        expect(countedQuarters(start, dueMs, pauses)).toBe(sla.resolutionHours * 4);
        if (sla.resolutionHours > 0) {
          // Not a moment later than needed: the last quarter before the deadline was counted.
          expect(isWorkingQuarter(dueMs - QUARTER)).toBe(true);
          expect(isPaused(dueMs - QUARTER, pauses)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('should keep the response deadline once answered, and move only the resolution one', () => {
    fc.assert(
      fc.property(slaScenario, ({ start, sla, pauses }) => {
        const answered = withDueDates(
          {
            startedAt: iso(start),
            responseDueAt: '2026-01-01T00:00:00.000Z', // any instant: a marker that must survive unchanged
            resolutionDueAt: null,
            respondedAt: iso(start),
            pauses,
            breached: false,
          },
          sla,
          ruMsk,
        );
        expect(answered.responseDueAt).toBe('2026-01-01T00:00:00.000Z');
      }),
      { numRuns: 50 },
    );
  });
});

// ---- pausing and resuming through the state machine -----------------------------------------

const TARGETS: SlaTargets = { responseHours: 4, resolutionHours: 16 };

/** Info requests and answers at random moments, in any order (an answer with nothing asked is a 409). */
const pauseResume = fc.tuple(
  quarterInstants,
  fc.array(
    fc.record({
      type: fc.constantFrom<ActionType>('request_info', 'provide_info'),
      wait: fc.integer({ min: 0, max: 5 * 96 }),
    }),
    { maxLength: 12 },
  ),
);

function driveClock(start: number, moves: { type: ActionType; wait: number }[]) {
  let request: RequestRecord = { ...requestIn('in_progress', 'agent-a', false) };
  request = { ...request, sla: withDueDates({ ...request.sla, startedAt: iso(start) }, TARGETS, ruMsk) };
  let now = start;
  for (const move of moves) {
    now += move.wait * QUARTER;
    const step: Step = {
      type: move.type,
      relations: move.type === 'request_info' ? ['assignee', 'team', 'agent'] : ['requester'],
      caller: move.type === 'request_info' ? 'agent-a' : 'requester',
      comment: 'Which bank?',
      wait: 0,
    };
    try {
      const { changes } = applyAction(request, step, contextFor(step, now));
      // As the use case does: deadlines follow every change of the SLA clock.
      const sla = changes.sla ? withDueDates(changes.sla, TARGETS, ruMsk) : request.sla;
      request = { ...request, ...changes, sla };
    } catch (error) {
      expect((error as DomainError).code).toBe('conflict');
    }
  }
  return request;
}

describe('pausing and resuming the SLA through info requests, in any order', () => {
  it('should close the pause when a request waiting for the requester is resolved, so a reopen runs the clock', () => {
    const waiting = requestIn('waiting_for_requester', 'agent-a', false);
    const resolveStep: Step = { type: 'resolve', relations: ['assignee'], caller: 'agent-a', comment: 'Sent', wait: 0 };
    const resolvedAt = START + 2 * 60 * MINUTE;
    const resolved = { ...waiting, ...applyAction(waiting, resolveStep, contextFor(resolveStep, resolvedAt)).changes };
    expect(resolved.status).toBe('resolved');
    expect(resolved.sla.pauses).toEqual([{ from: iso(START), to: iso(resolvedAt) }]);
    const reopenStep: Step = { type: 'reopen', relations: ['requester'], caller: 'requester', wait: 0 };
    const reopened = { ...resolved, ...applyAction(resolved, reopenStep, contextFor(reopenStep, resolvedAt)).changes };
    expect(reopened.status).toBe('in_progress');
    expect(reopened.sla.pauses.filter((p) => p.to === null)).toEqual([]);
  });

  it('should never bring the resolution due time earlier, and never count the waiting time', () => {
    fc.assert(
      fc.property(pauseResume, ([start, moves]) => {
        const request = driveClock(start, moves);
        const unpaused = ruMsk.addBusinessHours(new Date(start), TARGETS.resolutionHours).getTime();
        const due = request.sla.resolutionDueAt;
        expect(msOrNever(due)).toBeGreaterThanOrEqual(unpaused);
        if (request.status === 'waiting_for_requester') expect(request.sla.pauses.at(-1)?.to).toBeNull();
        if (due === null) return;
        expect(countedQuarters(start, Date.parse(due), request.sla.pauses)).toBe(TARGETS.resolutionHours * 4);
      }),
      { numRuns: 80 },
    );
  });
});
