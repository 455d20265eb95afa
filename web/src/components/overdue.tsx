/**
 * An approval past its deadline, as everyone involved sees it (the requester, the approvers, the
 * team): since when it is overdue, and to whom it was escalated or that nobody is left to ask.
 */
import type { ApprovalStage } from '../api/types';
import { formatDateTime } from '../format';
import { useI18n } from '../hooks';
import { session } from '../session';

type OverdueStage = ApprovalStage & { overdueSince: string };

const isOverdue = (stage: ApprovalStage): stage is OverdueStage =>
  stage.status === 'pending' && stage.overdueSince !== undefined;

/** "Overdue since …, escalated to …", and "; nobody left to escalate to, administrators alerted" at the end of the line. */
function overdueText(stage: OverdueStage, { t, locale }: ReturnType<typeof useI18n>) {
  // The person reading is "you": an escalation target reading their own inbox is not told their own name.
  const me = session.get().me?.id;
  const names = stage.approvers.filter((a) => a.escalation).map((a) => (a.id === me ? t('overdueToYou') : a.name));
  const since = t('overdueSince', { date: formatDateTime(stage.overdueSince, locale) });
  const escalated = names.length > 0 ? `${since}, ${t('overdueEscalatedTo', { names: names.join(', ') })}` : since;
  return stage.escalationExhaustedAt ? `${escalated}; ${t('overdueNobodyLeft')}` : escalated;
}

/** The badge and the sentence for the stage deciding now (request header, the stage, an inbox row); nothing when it is on time. */
export function OverdueNote({ stage }: { stage: ApprovalStage | undefined }) {
  const i18n = useI18n();
  if (!stage || !isOverdue(stage)) return null;
  return (
    <p class="overdue" data-testid="overdue" data-overdue-since={stage.overdueSince}>
      <span class="badge badge--danger">{i18n.t('overdueBadge')}</span> <span>{overdueText(stage, i18n)}</span>
    </p>
  );
}
