/**
 * The request page's one comment box: public, or for the team an internal note. The choice is
 * explicit and goes back to "visible to the requester" after each post, so the next reply is not
 * silently internal. The assignee's request-information and resolve buttons sit in the same box and
 * send its text. A closed or cancelled request takes no comments and says why.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api/client';
import type { RequestDetail } from '../api/types';
import { useI18n } from '../hooks';
import { Link } from '../router';
import { errorText, toast } from '../toasts';

/** The box's text as the actions sharing it see it. */
export interface CommentDraft {
  text: string;
  clear(): void;
  /** Shows a problem with the text under the box (null clears it). */
  fail(message: string | null): void;
}

export function CommentBox(props: {
  request: RequestDetail;
  internalAllowed: boolean;
  onDone(): void;
  /** Buttons that send the text to the requester with an action (only offered for a public comment). */
  actions?: (draft: CommentDraft) => ComponentChildren;
}) {
  const { request, internalAllowed, onDone, actions } = props;
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (request.status === 'closed' || request.status === 'cancelled') {
    return (
      <section class="card panel" aria-labelledby="comment-title" data-testid="comments-over">
        <h2 id="comment-title">{t('commentTitle')}</h2>
        <p>{t(`commentsOver_${request.status}`)}</p>
        <Link href={`/services/${request.serviceId}`}>{t('newRequest')}</Link>
      </section>
    );
  }
  const send = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post(`/requests/${request.id}/comments`, { text, ...(internalAllowed ? { internal } : {}) });
      toast.success(t(internalAllowed && internal ? 'commentAddedInternal' : 'commentAddedPublic'));
      setText('');
      setInternal(false);
      setError(null);
      onDone();
    } catch (failure) {
      const detail = failure instanceof ApiError ? failure.details.find((d) => d.path === 'text') : undefined;
      setError(detail?.message ?? errorText(failure));
      toast.error(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const draft: CommentDraft = { text, clear: () => setText(''), fail: setError };
  const withActions = actions && !internal;
  return (
    <form class="card panel" onSubmit={send} aria-labelledby="comment-title" noValidate>
      <h2 id="comment-title">{t('commentTitle')}</h2>
      <div class={`field${error ? ' field--invalid' : ''}`}>
        <label class="field-label" for="comment-text">
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
        />
        {error && (
          <p class="field-error" id="comment-error">
            {error}
          </p>
        )}
      </div>
      {internalAllowed && (
        <fieldset class="field comment-visibility">
          <legend>{t('commentVisibility')}</legend>
          <div class="choices">
            <div class="check">
              <input
                id="comment-public"
                type="radio"
                name="comment-visibility"
                checked={!internal}
                onChange={() => setInternal(false)}
              />
              <label for="comment-public">{t('commentPublic')}</label>
            </div>
            <div class="check">
              <input
                id="comment-internal"
                type="radio"
                name="comment-visibility"
                checked={internal}
                onChange={() => setInternal(true)}
              />
              <label for="comment-internal">{t('commentInternal')}</label>
            </div>
          </div>
        </fieldset>
      )}
      {withActions && <p class="field-help">{t('commentActionsHint')}</p>}
      <div class="button-row">
        <button type="submit" class="btn" data-action="comment" disabled={busy || text.trim() === ''}>
          {t('commentSend')}
        </button>
        {withActions && actions(draft)}
      </div>
    </form>
  );
}
