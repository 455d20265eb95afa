/**
 * An approver's decision: one conditional transaction (decision, history event, inbox entries, the
 * next stage opened), then the waiting workflow is resumed with the stage's outcome.
 */
import type { Locale } from '../domain/catalog/schema';
import { conflict, notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { canView, relationsOf } from '../domain/requests/access';
import { decideApproval, type DecisionInput, type StageOutcome } from '../domain/requests/approvals';
import type { Principal, RequestRecord } from '../domain/requests/model';
import { beneficiaryOf } from '../domain/routing/approval-chain';
import type { Calls, Needs } from '../ports';
import { logger } from '../shared/logger';
import type { IdempotencyDraft } from './idempotency';
import { calendarOf, catalog } from './catalog';
import { mutate, TransientError, type MutatePorts } from './mutate';
import { todayUtc } from './org';
import { presentRequest } from './present';

export type DecisionPorts = MutatePorts &
  Calls<'absences', 'delegatorsOf'> &
  Calls<'approvals', 'getStageToken'> &
  Calls<'workflows', 'resume'> &
  Needs<'directory'>;

export const OUTCOME_ERRORS: Partial<Record<StageOutcome, string>> = {
  rejected: 'Approval.Rejected',
  returned: 'Approval.Returned',
};

/** The stage a decision event ended, if it is still ended that way in the current round. */
export function endedStage(request: RequestRecord, event: { type: string; data?: Record<string, unknown> }) {
  const outcome = event.data?.stageOutcome as StageOutcome | undefined;
  if (!outcome || outcome === 'pending' || !['approved', 'rejected', 'returned'].includes(event.type)) return undefined;
  const stageIndex = request.approvals.findIndex((s) => s.stage === event.data?.stage);
  return request.approvals[stageIndex]?.status === outcome ? { stageIndex, outcome } : undefined;
}

/** Tells the workflow waiting on a stage how it ended (a no-op if no task waits for it yet). */
export async function reportStageOutcome(
  ports: Calls<'approvals', 'getStageToken'> & Calls<'workflows', 'resume'>,
  request: RequestRecord,
  stageIndex: number,
  outcome: StageOutcome,
) {
  const token = await ports.approvals.getStageToken(request.id, request.round, stageIndex);
  if (!token) return;
  const error = OUTCOME_ERRORS[outcome];
  await ports.workflows.resume(token, error ? { error, cause: outcome } : { output: { outcome } });
}

export async function decide(
  ports: DecisionPorts,
  principal: Principal,
  requestId: string,
  input: DecisionInput,
  context: { locale: Locale; idempotency?: IdempotencyDraft },
) {
  const { locale } = context;
  const { clock } = ports;
  const delegators = new Set(await ports.absences.delegatorsOf(principal.id, todayUtc(clock)));
  let result: { stageIndex: number; outcome: StageOutcome } | undefined;
  try {
    const { request } = await mutate(
      ports,
      requestId,
      (current) => {
        if (!canView(relationsOf(principal, current, delegators))) throw notFound(t(locale, 'requestNotFound'));
        const service = catalog.service(current.serviceId);
        const decision = decideApproval(current, input, {
          principal,
          now: clock.now().toISOString(),
          locale,
          delegators,
          beneficiaryId: service && beneficiaryOf(service, current.fields, ports.directory)?.id,
          stageDueAt: (stage) =>
            service
              ? calendarOf(service).addBusinessHours(clock.now(), stage.dueHours).toISOString()
              : clock.now().toISOString(),
        });
        result = decision;
        return { changes: decision.transition.changes, events: [decision.transition.event], bumpsVersion: true };
      },
      {
        missing: () => notFound(t(locale, 'requestNotFound')),
        actorId: principal.id,
        idempotency: (request, seq) =>
          context.idempotency && { ...context.idempotency, status: 200, requestId: request.id, seq },
      },
    );
    // The decision is recorded; resuming the workflow here is the fast path. If it fails, the history
    // stream resumes it (events/history.ts), so the caller is not told the decision failed.
    if (result && result.outcome !== 'pending')
      await reportStageOutcome(ports, request, result.stageIndex, result.outcome).catch((error: unknown) =>
        logger.warn('Resuming the workflow failed; the stream will retry', { error: error as Error, requestId }),
      );
    return presentRequest(request, locale);
  } catch (error) {
    if (error instanceof TransientError) throw conflict(t(locale, 'concurrentChange'));
    throw error;
  }
}
