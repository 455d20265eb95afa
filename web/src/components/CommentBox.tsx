/** Comments on a request: public, or internal (team and admins only). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api/client';
import type { RequestDetail } from '../api/types';
import { useI18n } from '../hooks';
import { errorText, toast } from '../toasts';

export function CommentBox(props: { request: RequestDetail; internalAllowed: boolean; onDone(): void }) {
  const { request, internalAllowed, onDone } = props;
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post(`/requests/${request.id}/comments`, { text, ...(internalAllowed ? { internal } : {}) });
      setText('');
      setError(null);
      toast.success(t('commentAdded'));
      onDone();
    } catch (failure) {
      const detail = failure instanceof ApiError ? failure.details.find((d) => d.path === 'text') : undefined;
      setError(detail?.message ?? errorText(failure));
      toast.error(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card panel" onSubmit={send} aria-labelledby="comment-title" noValidate>
      <h2 id="comment-title">{t('commentTitle')}</h2>
      <label class="sr-only" for="comment-text">
        {t('commentLabel')}
      </label>
      <textarea
        id="comment-text"
        rows={3}
        value={text}
        maxLength={10_000}
        onInput={(e) => setText(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'comment-error' : undefined}
        placeholder={t('commentLabel')}
      />
      {error && (
        <p class="field-error" id="comment-error">
          {error}
        </p>
      )}
      {internalAllowed && (
        <div class="check">
          <input
            id="comment-internal"
            type="checkbox"
            checked={internal}
            onChange={(e) => setInternal(e.currentTarget.checked)}
          />
          <label for="comment-internal">{t('commentInternal')}</label>
        </div>
      )}
      <button type="submit" class="btn" data-action="comment" disabled={busy || text.trim() === ''}>
        {t('commentSend')}
      </button>
    </form>
  );
}
