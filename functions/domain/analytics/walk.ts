/**
 * Replays a request's history to see what one event completes: a submission, a resolution (with its
 * time and SLA outcome), the first response, a breach, and the periods spent in each stage
 * (approval, queue, in progress, waiting for the requester) and waiting for each approver. Only the
 * events up to the one in question are read, so the answer never changes once that event exists.
 *
 * Definitions (business hours of the service's calendar):
 * - queue: from entering the team's queue until the first response by a person of the team (a public
 *   comment, take/assign, request for information or resolution; automatic assignment is not one);
 * - in progress: in progress after that first response (again after the requester answers or a reopen);
 * - waiting for requester: from a request for information (or a returned approval) until the answer;
 * - approval: from submission (or resubmission) until the request enters the queue, is rejected,
 *   returned or cancelled; each approval stage from its activation to its outcome, and each decision
 *   from the stage's activation to that decision (counted for the approver it was made for);
 * - resolution: from submission to each resolution; SLA met if no breach was recorded before it.
 */
import { SYSTEM_ACTOR, type HistoryEvent } from '../requests/model';
import type { Stage } from './model';

export type Observation =
  | { type: 'submitted' }
  | { type: 'resolved'; hours: number; slaMet: boolean }
  | { type: 'response'; hours: number }
  | { type: 'breached' }
  | { type: 'warning' }
  | { type: 'period'; stage: Stage; hours: number }
  | { type: 'decision'; approverId: string; hours: number }
  | { type: 'approvalStage'; stage: string; hours: number };

export interface WalkContext {
  /** Business hours between two instants (ISO strings) in the service's calendar. */
  hoursBetween(from: string, to: string): number;
  /** Whether the person belongs to the request's fulfilling team. */
  isTeamMember(personId: string): boolean;
}

interface WalkState {
  submittedAt: string | null;
  phase: Stage | null;
  phaseSince: string;
  /** The seq of the event that opened the phase: a phase is not closed by the event that opened it. */
  phaseSeq: number;
  queueEnteredAt: string | null;
  responded: boolean;
  stageSince: string | null;
  breached: boolean;
  assigneeId: string | null;
}

interface Step {
  state: WalkState;
  observations: Observation[];
}

const initial = (): WalkState => ({
  submittedAt: null,
  phase: null,
  phaseSince: '',
  phaseSeq: 0,
  queueEnteredAt: null,
  responded: false,
  stageSince: null,
  breached: false,
  assigneeId: null,
});

type Handler = (step: Step, event: HistoryEvent, ctx: WalkContext) => void;

function enter(step: Step, stage: Stage | null, event: HistoryEvent) {
  step.state = { ...step.state, phase: stage, phaseSince: event.at, phaseSeq: event.seq };
}

function closePhase(step: Step, event: HistoryEvent, ctx: WalkContext, next: Stage | null) {
  const { phase, phaseSince, phaseSeq } = step.state;
  if (phase && phaseSeq !== event.seq)
    step.observations.push({ type: 'period', stage: phase, hours: ctx.hoursBetween(phaseSince, event.at) });
  enter(step, next, event);
}

function enterQueue(step: Step, event: HistoryEvent, ctx: WalkContext) {
  closePhase(step, event, ctx, 'queue');
  step.state = { ...step.state, queueEnteredAt: event.at };
}

/** The first answer of a person of the team ends the queue wait. */
function respondIfFirst(step: Step, event: HistoryEvent, ctx: WalkContext) {
  const { responded, queueEnteredAt, phase, assigneeId } = step.state;
  const byTeam =
    event.actorId !== SYSTEM_ACTOR.actorId && (ctx.isTeamMember(event.actorId) || event.actorId === assigneeId);
  if (responded || !queueEnteredAt || phase !== 'queue' || !byTeam) return;
  step.observations.push({ type: 'response', hours: ctx.hoursBetween(queueEnteredAt, event.at) });
  closePhase(step, event, ctx, 'in_progress');
  step.state = { ...step.state, responded: true };
}

const entersQueue = (event: HistoryEvent) => event.from === 'pending_approval' && event.to === 'in_progress';

function decision(step: Step, event: HistoryEvent, ctx: WalkContext) {
  const data = event.data ?? {};
  const since = step.state.stageSince ?? step.state.submittedAt ?? event.at;
  const hours = ctx.hoursBetween(since, event.at);
  const approverId = typeof data.onBehalfOf === 'string' ? data.onBehalfOf : event.actorId;
  step.observations.push({ type: 'decision', approverId, hours });
  const outcome = data.stageOutcome ?? (event.type === 'approved' ? 'approved' : event.type);
  if (outcome !== 'pending') step.observations.push({ type: 'approvalStage', stage: String(data.stage), hours });
  if (data.nextStage) step.state = { ...step.state, stageSince: event.at };
  if (event.type === 'rejected') closePhase(step, event, ctx, null);
  if (event.type === 'returned') closePhase(step, event, ctx, 'waiting_for_requester');
}

const HANDLERS: Partial<Record<HistoryEvent['type'], Handler>> = {
  submitted(step, event) {
    step.observations.push({ type: 'submitted' });
    step.state = { ...step.state, submittedAt: event.at, stageSince: event.at };
    if (event.to === 'pending_approval') enter(step, 'approval', event);
    else {
      enter(step, 'queue', event);
      step.state = { ...step.state, queueEnteredAt: event.at };
    }
  },
  assigned(step, event, ctx) {
    if (entersQueue(event)) enterQueue(step, event, ctx);
    const assigneeId = event.data?.assigneeId;
    if (typeof assigneeId === 'string') step.state = { ...step.state, assigneeId };
    respondIfFirst(step, event, ctx);
  },
  status_changed(step, event, ctx) {
    if (entersQueue(event)) enterQueue(step, event, ctx);
  },
  comment(step, event, ctx) {
    if (!event.internal) respondIfFirst(step, event, ctx);
  },
  info_requested(step, event, ctx) {
    respondIfFirst(step, event, ctx);
    closePhase(step, event, ctx, 'waiting_for_requester');
  },
  info_provided(step, event, ctx) {
    const back = event.to === 'pending_approval';
    closePhase(step, event, ctx, back ? 'approval' : step.state.responded ? 'in_progress' : 'queue');
    if (back) step.state = { ...step.state, stageSince: event.at };
  },
  approved: decision,
  rejected: decision,
  returned: decision,
  resolved(step, event, ctx) {
    respondIfFirst(step, event, ctx);
    closePhase(step, event, ctx, null);
    const hours = ctx.hoursBetween(step.state.submittedAt ?? event.at, event.at);
    step.observations.push({ type: 'resolved', hours, slaMet: !step.state.breached });
  },
  reopened(step, event) {
    enter(step, 'in_progress', event);
  },
  cancelled(step, event, ctx) {
    closePhase(step, event, ctx, null);
  },
  sla_warning(step) {
    step.observations.push({ type: 'warning' });
  },
  sla_breached(step) {
    if (step.state.breached) return;
    step.observations.push({ type: 'breached' });
    step.state = { ...step.state, breached: true };
  },
};

/** What each event of `history` (oldest first) completes, by position: one pass. */
export function observeAll(history: readonly HistoryEvent[], ctx: WalkContext): Observation[][] {
  let state = initial();
  return history.map((event) => {
    const step: Step = { state, observations: [] };
    HANDLERS[event.type]?.(step, event, ctx);
    state = step.state;
    return step.observations;
  });
}

/** What the event at `index` completes (only the events up to it are read). */
export const observe = (history: readonly HistoryEvent[], index: number, ctx: WalkContext): Observation[] =>
  observeAll(history.slice(0, index + 1), ctx)[index] ?? [];
