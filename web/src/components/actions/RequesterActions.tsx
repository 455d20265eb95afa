/** The requester's steps: cancel an open request; close or reopen a resolved one. */
import { useState } from 'preact/hooks';
import { REOPEN_WINDOW_MS } from '../../../../functions/domain/requests/actions';
import { isOpen } from '../../../../functions/domain/requests/model';
import type { ActionType, RequestDetail } from '../../api/types';
import { serverNow } from '../../clock';
import { formatDateTime } from '../../format';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../hooks';
import { act, CommentField } from './act';

export function RequesterActions({ request, onDone }: { request: RequestDetail; onDone(): void }) {
  if (request.status === 'resolved') return <ResolvedActions request={request} onDone={onDone} />;
  if (isOpen(request.status)) return <CancelAction request={request} onDone={onDone} />;
  return null;
}

function CancelAction({ request, onDone }: { request: RequestDetail; onDone(): void }) {
  const { t } = useI18n();
  const { busy, run } = useSubmit(onDone);
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="card panel" aria-labelledby="requester-title">
      <h2 id="requester-title">{t('actionsTitle')}</h2>
      {confirming ? (
        <div class="confirm" role="group" aria-label={t('cancelRequest')}>
          <p>{t('confirmCancel')}</p>
          <div class="button-row">
            <button
              type="button"
              class="btn btn--danger"
              disabled={busy !== null}
              data-action="cancel"
              onClick={() => run('cancel', () => act(request, { type: 'cancel' }), t('done_cancel'))}
            >
              {t('cancelRequest')}
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              {t('no')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="btn btn--danger-outline"
          data-action="cancel-start"
          onClick={() => setConfirming(true)}
        >
          {t('cancelRequest')}
        </button>
      )}
    </section>
  );
}

/** Close or reopen, with what each means: nothing closes a resolved request by itself; reopening ends after 7 days. */
function ResolvedActions({ request, onDone }: { request: RequestDetail; onDone(): void }) {
  const { t, locale } = useI18n();
  const { busy, run } = useSubmit(onDone);
  const [comment, setComment] = useState('');
  const body = (type: ActionType) => ({ type, ...(comment.trim() ? { comment } : {}) });
  const reopenUntil = Date.parse(request.resolvedAt ?? '') + REOPEN_WINDOW_MS;
  const reopenable = !(serverNow() > reopenUntil);
  return (
    <section class="card panel" aria-labelledby="requester-title">
      <h2 id="requester-title">{t('actionsTitle')}</h2>
      <p class="small" data-testid="resolved-explain">
        {reopenable
          ? t('resolvedExplain', { date: formatDateTime(new Date(reopenUntil).toISOString(), locale) })
          : t('resolvedExplainLate')}
      </p>
      <CommentField id="resolved-comment" label={t('actionCommentOptional')} value={comment} set={setComment} />
      <div class="button-row">
        <button
          type="button"
          class="btn btn--primary"
          disabled={busy !== null}
          data-action="close"
          onClick={() => run('close', () => act(request, body('close')), t('done_close'))}
        >
          {t('closeRequest')}
        </button>
        {reopenable && (
          <button
            type="button"
            class="btn"
            disabled={busy !== null}
            data-action="reopen"
            onClick={() => run('reopen', () => act(request, body('reopen')), t('done_reopen'))}
          >
            {t('reopen')}
          </button>
        )}
      </div>
    </section>
  );
}
