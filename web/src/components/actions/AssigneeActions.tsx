/** The assignee's steps that answer the requester: ask for information, resolve. */
import { isInQueue } from '../../../../functions/domain/requests/model';
import { ApiError } from '../../api/client';
import type { RequestDetail } from '../../api/types';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../hooks';
import { serverText } from '../../i18n';
import type { CommentDraft } from '../CommentBox';
import { act } from './act';

/** The assignee's request information / resolve, in the comment box: each sends its text to the requester. */
export function AssigneeActions({
  request,
  draft,
  onDone,
}: {
  request: RequestDetail;
  draft: CommentDraft;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const { busy, run } = useSubmit(onDone);
  if (!isInQueue(request.status)) return null;
  const withComment = (type: 'request_info' | 'resolve', success: string) => {
    if (!draft.text.trim()) return draft.fail(serverText(locale, 'commentRequired'));
    draft.fail(null);
    const refused = (error: unknown) =>
      draft.fail(error instanceof ApiError ? (error.details.find((d) => d.path === 'comment')?.message ?? null) : null);
    void run(type, () => act(request, { type, comment: draft.text }), success, refused).then(
      (ok) => ok && draft.clear(),
    );
  };
  return (
    <>
      {request.status === 'in_progress' && (
        <button
          type="button"
          class="btn"
          disabled={busy !== null}
          data-action="request_info"
          onClick={() => withComment('request_info', t('done_request_info'))}
        >
          {t('requestInfo')}
        </button>
      )}
      <button
        type="button"
        class="btn btn--success"
        disabled={busy !== null}
        data-action="resolve"
        onClick={() => withComment('resolve', t('done_resolve'))}
      >
        {t('resolve')}
      </button>
    </>
  );
}
