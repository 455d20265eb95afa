/** The approver's decision on the current stage: approve, return for changes, reject. */
import { useState } from 'preact/hooks';
import { post } from '../../api/client';
import type { Decision, DecisionBody, RequestItem } from '../../api/types';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../hooks';
import { serverText } from '../../i18n';
import { CommentField } from './act';

export function DecisionPanel(props: { request: RequestItem; stage: string; onDone(): void; compact?: boolean }) {
  const { request, stage, onDone, compact } = props;
  const { t, locale } = useI18n();
  const { busy, run, detail } = useSubmit(onDone);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const fieldId = `decision-${request.id}`;
  const decide = (decision: Decision) => {
    if (decision !== 'approve' && !comment.trim()) {
      setMissing(serverText(locale, 'commentRequired'));
      document.getElementById(fieldId)?.focus();
      return;
    }
    setMissing(null);
    const body: DecisionBody = { decision, ...(comment.trim() ? { comment } : {}) };
    void run(
      decision,
      () => post(`/requests/${request.id}/approvals/${encodeURIComponent(stage)}/decision`, body),
      t(`done_${decision}`),
    );
  };
  const Heading = compact ? 'h3' : 'h2';
  return (
    <section class={compact ? 'decision' : 'card panel panel--attention decision'} aria-label={t('decisionTitle')}>
      <Heading class={compact ? 'sr-only' : undefined}>{t('decisionTitle')}</Heading>
      <CommentField
        id={fieldId}
        label={t('decisionComment')}
        value={comment}
        set={setComment}
        error={missing ?? detail('comment')}
      />
      <p class="field-help">{t('decisionCommentHint')}</p>
      <div class="button-row">
        <button
          type="button"
          class="btn btn--success"
          disabled={busy !== null}
          data-action="approve"
          onClick={() => decide('approve')}
        >
          {t('approve')}
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy !== null}
          data-action="return"
          onClick={() => decide('return')}
        >
          {t('returnForChanges')}
        </button>
        <button
          type="button"
          class="btn btn--danger-outline"
          disabled={busy !== null}
          data-action="reject"
          onClick={() => decide('reject')}
        >
          {t('reject')}
        </button>
      </div>
    </section>
  );
}
