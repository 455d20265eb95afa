/** The requester's answer to a question or a return, with the form editable. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ActionBody, RequestDetail, Service } from '../../api/types';
import { ErrorSummary } from '../../forms/ErrorSummary';
import { FormFields } from '../../forms/FormFields';
import { useForm } from '../../forms/useForm';
import { useFormSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../hooks';
import { calendarTimeZone } from '../../org';
import { act, CommentField } from './act';

/** The question: the newest "asked for information" or "returned" event. */
const questionOf = (request: RequestDetail) =>
  [...request.history].reverse().find((e) => e.type === 'info_requested' || e.type === 'returned');

export function ProvideInfo({
  request,
  service,
  onDone,
}: {
  request: RequestDetail;
  service: Service;
  onDone(): void;
}) {
  const { t } = useI18n();
  const question = questionOf(request);
  const returned = question?.type === 'returned';
  const form = useForm(service.form, calendarTimeZone(service.sla.calendar), request.fields);
  const [editing, setEditing] = useState(returned);
  const [comment, setComment] = useState('');
  const { busy, summary, send } = useFormSubmit(form, onDone, 'edit');
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Emptied fields are sent as null so the merge on the server drops them.
    const cleared = Object.fromEntries(Object.keys(request.fields).map((key) => [key, null]));
    const fields = editing ? { ...cleared, ...form.payload() } : undefined;
    const body: ActionBody = {
      type: 'provide_info',
      ...(comment.trim() ? { comment } : {}),
      ...(fields ? { fields } : {}),
    };
    void send('provide_info', () => act(request, body), t('done_provide_info'), editing);
  };
  return (
    <form class="card panel panel--attention" onSubmit={submit} noValidate aria-labelledby="provide-title">
      <h2 id="provide-title">{t('waitingTitle')}</h2>
      <p class="muted small">{t('waitingIntro')}</p>
      {question?.comment && (
        <blockquote class="question">
          <strong>{question.actorName}:</strong> {question.comment}
        </blockquote>
      )}
      <CommentField id="provide-comment" label={t('answerLabel')} value={comment} set={setComment} />
      <div class="check">
        <input
          id="provide-edit"
          type="checkbox"
          checked={editing}
          onChange={(e) => setEditing(e.currentTarget.checked)}
        />
        <label for="provide-edit">{t('editForm')}</label>
      </div>
      {editing && (
        <div class="edit-form">
          <ErrorSummary cause={summary} model={form.model} errors={form.errors} prefix="edit" />
          <FormFields form={form} disabled={busy !== null} idPrefix="edit" />
        </div>
      )}
      <button type="submit" class="btn btn--primary btn--block" data-action="provide_info" disabled={busy !== null}>
        {t('sendAnswer')}
      </button>
    </form>
  );
}
