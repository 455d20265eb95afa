/** How approval stages read, alike in the route preview and on the request page. */
import type { RequestDetail } from '../api/types';
import { useI18n } from '../hooks';

/**
 * A stage's small print: its deadline ("decision by …") and, only when it has several approvers to
 * choose between, "any one approves" / "all approve". Nothing when there is neither.
 */
export function StageLine(props: {
  stage: { mode: 'all' | 'any'; approvers: readonly unknown[] };
  due?: string | false;
}) {
  const { stage, due } = props;
  const { t } = useI18n();
  const mode = stage.approvers.length > 1 ? t(stage.mode === 'all' ? 'modeAll' : 'modeAny') : null;
  const parts = [due, mode].filter(Boolean);
  if (parts.length === 0) return null;
  return <p class="muted small stage-line">{parts.join(' · ')}</p>;
}

export type StagePhase = RequestDetail['approvals'][number]['status'] | 'next' | 'not_started';

/**
 * A stage's state as the requester should read it: only the stage deciding now is "pending"; the
 * pending stage after it is "next", later ones (and all of them when the request is not awaiting
 * approval) "not started".
 */
export function stagePhases(request: Pick<RequestDetail, 'status' | 'approvals'>): StagePhase[] {
  const waiting = request.status === 'pending_approval';
  let seen = 0;
  return request.approvals.map((stage) => {
    if (stage.status !== 'pending') return stage.status;
    seen += 1;
    if (!waiting) return 'not_started';
    return seen === 1 ? 'pending' : seen === 2 ? 'next' : 'not_started';
  });
}
