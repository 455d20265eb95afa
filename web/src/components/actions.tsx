/**
 * What the caller may do with a request: the agent's take / assign / request info / resolve, the
 * requester's provide info (with the form editable) / cancel / reopen / close, the approver's decision.
 * The server has the last word (403/409 with its message); these only hide what cannot apply.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api/client';
import type { ActionType, Decision, Person, RequestDetail, Service } from '../api/types';
import { byName } from '../data';
import { FormFields } from '../forms/FormFields';
import { fieldErrors, type Values } from '../forms/model';
import { focusFirstError, useForm } from '../forms/useForm';
import { useI18n } from '../hooks';
import { serverText } from '../i18n';
import { calendarTimeZone } from '../org';
import type { Relations } from '../pages/RequestPage';
import { ErrorSummary } from '../pages/ServicePage';
import { errorText, toast } from '../toasts';

const QUEUED = ['in_progress', 'waiting_for_requester'];
const OPEN = ['pending_approval', ...QUEUED];

function useRun(onDone: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (name: string, call: () => Promise<unknown>, success: string, onError?: (e: unknown) => void) => {
    setBusy(name);
    setError(null);
    try {
      await call();
      toast.success(success);
      onDone();
      return true;
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : null);
      toast.error(errorText(failure));
      onError?.(failure);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const detail = (path: string) => error?.details.find((d) => d.path === path)?.message;
  return { busy, error, run, detail, setError };
}

interface ActionBody {
  type: ActionType;
  comment?: string;
  assigneeId?: string;
  fields?: Values;
}

const act = (request: RequestDetail, body: ActionBody) =>
  post(`/requests/${request.id}/actions`, { version: request.version, ...body });

function CommentField(props: { id: string; label: string; value: string; set(v: string): void; error?: string }) {
  const { id, label, value, set, error } = props;
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label class="field-label" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        maxLength={10_000}
        onInput={(e) => set(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function AgentActions(props: {
  request: RequestDetail;
  rel: Relations;
  people: Person[] | null;
  onDone(): void;
}) {
  const { request, rel, people, onDone } = props;
  const { t } = useI18n();
  const { busy, run, detail } = useRun(onDone);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const { locale } = useI18n();
  if (!QUEUED.includes(request.status)) return null;
  const withComment = (type: 'request_info' | 'resolve', success: string) => {
    if (!comment.trim()) return setMissing(serverText(locale, 'commentRequired'));
    setMissing(null);
    void run(type, () => act(request, { type, comment }), success).then((ok) => ok && setComment(''));
  };
  return (
    <section class="card panel" aria-labelledby="agent-title">
      <h2 id="agent-title">{t('actionsTitle')}</h2>
      {rel.agent && !rel.assignee && (
        <button
          type="button"
          class="btn btn--primary btn--block"
          disabled={busy !== null}
          data-action="take"
          onClick={() => run('take', () => act(request, { type: 'take' }), t('taken'))}
        >
          {t('take')}
        </button>
      )}
      <AssignForm
        request={request}
        people={people}
        busy={busy !== null}
        error={detail('assigneeId')}
        onAssign={(id, name) =>
          run('assign', () => act(request, { type: 'assign', assigneeId: id }), t('assigned', { name }))
        }
      />
      {rel.assignee && (
        <div class="stack">
          <CommentField
            id="agent-comment"
            label={t('actionComment')}
            value={comment}
            set={setComment}
            error={missing ?? detail('comment')}
          />
          <div class="button-row">
            {request.status === 'in_progress' && (
              <button
                type="button"
                class="btn"
                disabled={busy !== null}
                data-action="request_info"
                onClick={() => withComment('request_info', t('actionDone'))}
              >
                {t('requestInfo')}
              </button>
            )}
            <button
              type="button"
              class="btn btn--success"
              disabled={busy !== null}
              data-action="resolve"
              onClick={() => withComment('resolve', t('actionDone'))}
            >
              {t('resolve')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function AssignForm(props: {
  request: RequestDetail;
  people: Person[] | null;
  busy: boolean;
  error?: string;
  onAssign(id: string, name: string): void;
}) {
  const { request, people, busy, error, onAssign } = props;
  const { t, locale } = useI18n();
  const [chosen, setChosen] = useState('');
  const agents = byName(people ?? []).filter(
    (p) => p.teams.includes(request.team) && p.roles.includes('agent') && p.id !== request.assigneeId,
  );
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    onAssign(chosen, agents.find((a) => a.id === chosen)?.name ?? chosen);
  };
  return (
    <form class="assign" onSubmit={submit}>
      <label class="field-label" for="assign-to">
        {t('assignTo')}
      </label>
      <div class="inline">
        {people ? (
          <select
            id="assign-to"
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
          >
            <option value="">{t('chooseOption')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.jobTitle ? `${a.name} — ${a.jobTitle[locale]}` : a.name}
              </option>
            ))}
          </select>
        ) : (
          <input
            id="assign-to"
            type="text"
            value={chosen}
            placeholder="andrey.kozlov"
            onInput={(e) => setChosen(e.currentTarget.value.trim())}
          />
        )}
        <button type="submit" class="btn" data-action="assign" disabled={busy || !chosen}>
          {t('assign')}
        </button>
      </div>
      {error && <p class="field-error">{error}</p>}
    </form>
  );
}

export function RequesterActions({ request, onDone }: { request: RequestDetail; onDone(): void }) {
  if (request.status === 'resolved') return <ResolvedActions request={request} onDone={onDone} />;
  if (OPEN.includes(request.status)) return <CancelAction request={request} onDone={onDone} />;
  return null;
}

function CancelAction({ request, onDone }: { request: RequestDetail; onDone(): void }) {
  const { t } = useI18n();
  const { busy, run } = useRun(onDone);
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
              onClick={() => run('cancel', () => act(request, { type: 'cancel' }), t('actionDone'))}
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

function ResolvedActions({ request, onDone }: { request: RequestDetail; onDone(): void }) {
  const { t } = useI18n();
  const { busy, run } = useRun(onDone);
  const [comment, setComment] = useState('');
  const body = (type: ActionType) => ({ type, ...(comment.trim() ? { comment } : {}) });
  return (
    <section class="card panel" aria-labelledby="requester-title">
      <h2 id="requester-title">{t('actionsTitle')}</h2>
      <CommentField id="resolved-comment" label={t('actionCommentOptional')} value={comment} set={setComment} />
      <div class="button-row">
        <button
          type="button"
          class="btn btn--primary"
          disabled={busy !== null}
          data-action="close"
          onClick={() => run('close', () => act(request, body('close')), t('actionDone'))}
        >
          {t('closeRequest')}
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy !== null}
          data-action="reopen"
          onClick={() => run('reopen', () => act(request, body('reopen')), t('actionDone'))}
        >
          {t('reopen')}
        </button>
      </div>
    </section>
  );
}

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
  const [summary, setSummary] = useState<string | null>(null);
  const { busy, run } = useRun(onDone);
  const send = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = editing ? form.touchAll() : {};
    if (Object.keys(errors).length > 0) {
      setSummary(t('fixErrors'));
      return focusFirstError(form.model, errors, 'edit');
    }
    // Emptied fields are sent as null so the merge on the server drops them.
    const cleared = Object.fromEntries(Object.keys(request.fields).map((key) => [key, null]));
    const fields = editing ? { ...cleared, ...form.payload() } : undefined;
    const body: ActionBody = {
      type: 'provide_info',
      ...(comment.trim() ? { comment } : {}),
      ...(fields ? { fields } : {}),
    };
    await run(
      'provide_info',
      () => act(request, body),
      t('actionDone'),
      (error) => {
        const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
        form.setServerErrors(fields);
        setSummary(errorText(error));
        focusFirstError(form.model, fields, 'edit');
      },
    );
  };
  return (
    <form class="card panel panel--attention" onSubmit={send} noValidate aria-labelledby="provide-title">
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
          <ErrorSummary title={summary} model={form.model} errors={form.errors} prefix="edit" />
          <FormFields
            model={form.model}
            values={form.values}
            errors={form.errors}
            onChange={form.change}
            onBlur={form.blur}
            people={form.people}
            today={form.today}
            disabled={busy !== null}
            idPrefix="edit"
          />
        </div>
      )}
      <button type="submit" class="btn btn--primary btn--block" data-action="provide_info" disabled={busy !== null}>
        {t('sendAnswer')}
      </button>
    </form>
  );
}

export function DecisionPanel(props: { request: RequestDetail; stage: string; onDone(): void; compact?: boolean }) {
  const { request, stage, onDone, compact } = props;
  const { t, locale } = useI18n();
  const { busy, run, detail } = useRun(onDone);
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
    const body = { decision, ...(comment.trim() ? { comment } : {}) };
    void run(
      decision,
      () => post(`/requests/${request.id}/approvals/${encodeURIComponent(stage)}/decision`, body),
      t('decisionSaved'),
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
