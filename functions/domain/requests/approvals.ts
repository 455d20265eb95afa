/**
 * Deciding an approval stage: who may decide (a pending approver of the current stage, or their
 * active delegate; never the requester or the beneficiary, and nobody who already decided another
 * stage of the round, for themselves or on someone's behalf), one decision each, and what the stage's outcome is
 * (`any`: the first approval; `all`: every approver; any rejection or return ends it at once).
 */
import type { Locale } from '../catalog/schema';
import { conflict, forbidden, notFound, validationFailed } from '../errors';
import { t } from '../i18n';
import type { Transition } from './actions';
import type { ApprovalStageState, Decision, Principal, RequestRecord, StageApprover } from './model';

export type StageOutcome = 'pending' | 'approved' | 'rejected' | 'returned';

export interface DecisionInput {
  stage: string;
  decision: Decision;
  comment?: string;
  /** Made outside the portal: `email` is the approve-by-e-mail link (recorded as the event's `data.channel`). */
  channel?: 'email';
}

export interface DecisionContext {
  principal: Principal;
  now: string;
  locale: Locale;
  /** People whose approvals the caller currently decides as their delegate. */
  delegators: ReadonlySet<string>;
  /** The person the request is for (its beneficiary field), when it is not the requester. */
  beneficiaryId?: string;
  /** The deadline of a stage that becomes current now. */
  stageDueAt(stage: ApprovalStageState): string;
}

export interface DecisionResult {
  transition: Transition;
  outcome: StageOutcome;
  stageIndex: number;
  /** The stage that became current with this decision, if any. */
  activated: number | null;
}

const OUTCOME: Record<Decision, StageOutcome> = { approve: 'approved', reject: 'rejected', return: 'returned' };

export function findOwnEntry(stage: ApprovalStageState, principal: Principal, delegators: ReadonlySet<string>) {
  return stage.approvers.findIndex(
    (a) =>
      a.id === principal.id || delegators.has(a.id) || (a.onBehalfOf !== undefined && delegators.has(a.onBehalfOf)),
  );
}

/** Nobody approves a request made by or for themselves, or decides two of its stages. */
function checkSeparation(
  request: RequestRecord,
  stageIndex: number,
  { principal, locale, beneficiaryId }: DecisionContext,
) {
  if (request.requesterId === principal.id) throw forbidden(t(locale, 'noSelfApproval'));
  if (beneficiaryId === principal.id) throw forbidden(t(locale, 'noBeneficiaryApproval'));
  const decidedElsewhere = request.approvals.some(
    (s, i) => i !== stageIndex && s.approvers.some((a) => a.id === principal.id && a.decision !== undefined),
  );
  if (decidedElsewhere) throw forbidden(t(locale, 'oneStagePerPerson'));
}

/** The caller's entry in the stage they decide, after every rule that could refuse them. */
function checkDecision(request: RequestRecord, input: DecisionInput, ctx: DecisionContext) {
  const { locale, principal } = ctx;
  const stageIndex = request.approvals.findIndex((s) => s.stage === input.stage);
  const stage = request.approvals[stageIndex];
  if (!stage) throw notFound(t(locale, 'stageNotFound'));
  checkSeparation(request, stageIndex, ctx);
  const entryIndex = findOwnEntry(stage, principal, ctx.delegators);
  const entry = stage.approvers[entryIndex];
  if (!entry) throw forbidden(t(locale, 'notAnApprover'));
  if (entry.decision) throw conflict(t(locale, 'alreadyDecided'));
  if (request.status !== 'pending_approval' || request.currentStage !== stageIndex || stage.status !== 'pending')
    throw conflict(t(locale, 'stageNotOpen'));
  const comment = input.comment?.trim() || undefined;
  if (input.decision !== 'approve' && !comment)
    throw validationFailed(t(locale, 'commentRequired'), [{ path: 'comment', message: t(locale, 'required') }]);
  return { stage, stageIndex, entry, entryIndex, comment };
}

/** A delegate's decision is recorded under their name, on behalf of the approver. */
function decidedEntry(entry: StageApprover, input: DecisionInput, ctx: DecisionContext): StageApprover {
  const { principal } = ctx;
  const base = { ...entry, decision: input.decision, decidedAt: ctx.now };
  if (entry.id === principal.id) return base;
  return { ...base, id: principal.id, name: principal.name, onBehalfOf: entry.onBehalfOf ?? entry.id };
}

/** The approvals after the stage's outcome, with the next pending stage opened when it was approved. */
function nextApprovals(request: RequestRecord, stageIndex: number, stage: ApprovalStageState, ctx: DecisionContext) {
  const approvals = request.approvals.map((s, i) => (i === stageIndex ? stage : s));
  const next =
    stage.status === 'approved' ? approvals.findIndex((s, i) => i > stageIndex && s.status === 'pending') : -1;
  const opened = approvals[next];
  if (opened) approvals[next] = { ...opened, activatedAt: ctx.now, dueAt: ctx.stageDueAt(opened) };
  return { approvals, next: next >= 0 ? next : null };
}

export function decideApproval(request: RequestRecord, input: DecisionInput, ctx: DecisionContext): DecisionResult {
  const { stage, stageIndex, entry, entryIndex, comment } = checkDecision(request, input, ctx);
  const decided = decidedEntry(entry, input, ctx);
  const approvers = stage.approvers.map((a, i) => (i === entryIndex ? decided : a));
  const outcome = stageOutcome({ ...stage, approvers }, input.decision);
  const settled = { ...stage, approvers, status: outcome === 'pending' ? stage.status : outcome };
  const { approvals, next } = nextApprovals(request, stageIndex, settled, ctx);
  return {
    outcome,
    stageIndex,
    activated: next,
    transition: {
      changes: { approvals, currentStage: outcome === 'pending' ? stageIndex : next, ...statusAfter(outcome) },
      event: {
        at: ctx.now,
        actorId: ctx.principal.id,
        actorName: ctx.principal.name,
        type: OUTCOME[input.decision] as 'approved' | 'rejected' | 'returned',
        comment,
        ...statusEvent(request, outcome),
        data: {
          stage: stage.stage,
          stageOutcome: outcome,
          ...(input.channel ? { channel: input.channel } : {}),
          ...(decided.onBehalfOf ? { onBehalfOf: decided.onBehalfOf } : {}),
          ...(next !== null ? { nextStage: approvals[next]?.stage } : {}),
        },
      },
    },
  };
}

function stageOutcome(stage: ApprovalStageState, decision: Decision): StageOutcome {
  if (decision !== 'approve') return OUTCOME[decision];
  const approved = (a: StageApprover) => a.decision === 'approve';
  if (stage.mode === 'any' || stage.approvers.some((a) => a.escalation && approved(a))) return 'approved';
  return stage.approvers.filter((a) => !a.escalation).every(approved) ? 'approved' : 'pending';
}

function statusAfter(outcome: StageOutcome): Partial<RequestRecord> {
  if (outcome === 'rejected') return { status: 'rejected' };
  if (outcome === 'returned') return { status: 'waiting_for_requester', resumeStatus: 'pending_approval' };
  return {};
}

function statusEvent(request: RequestRecord, outcome: StageOutcome) {
  const to = statusAfter(outcome).status;
  return to ? { from: request.status, to } : {};
}
