/**
 * What the caller may do with a request: the agent's take / assign / request info / resolve, the
 * requester's provide info (with the form editable) / cancel / reopen / close, the approver's decision.
 * The server has the last word (403/409 with its message); these only hide what cannot apply.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api/client';
import type { ActionType, Decision, Person, RequestDetail, Service } from '../api/types';
import { REOPEN_WINDOW_MS } from '../../../functions/domain/requests/actions';
import { serverNow } from '../clock';
import { teamAgents } from '../data';
import { formatDateTime } from '../format';
import type { CommentDraft } from './CommentBox';
import { AgentPicker } from './AgentPicker';
import { TakeButton } from './TakeButton';
import { ErrorSummary, type SummaryCause } from '../forms/ErrorSummary';
import { FormFields } from '../forms/FormFields';
import { fieldErrors, type Values } from '../forms/model';
import { focusFirstError, useForm } from '../forms/useForm';
import { useI18n, useSession } from '../hooks';
import { serverText } from '../i18n';
import { calendarTimeZone } from '../org';
import type { Relations } from '../pages/RequestPage';
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
  if (!QUEUED.includes(request.status)) return null;
  return (
    <section class="card panel" aria-labelledby="agent-title">
      <h2 id="agent-title">{t('actionsTitle')}</h2>
      {rel.agent && !rel.assignee && (
        <TakeButton
          colleague={request.assigneeName}
          busy={busy !== null}
          onTake={() => run('take', () => act(request, { type: 'take' }), t('taken'))}
        />
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
    </section>
  );
}

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
  const { busy, run } = useRun(onDone);
  if (!QUEUED.includes(request.status)) return null;
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

/** Assign to a team member; taking the request away from a colleague asks first. */
function AssignForm(props: {
  request: RequestDetail;
  people: Person[] | null;
  busy: boolean;
  error?: string;
  onAssign(id: string, name: string): void;
}) {
  const { request, people, busy, error, onAssign } = props;
  const { t } = useI18n();
  const { me } = useSession();
  const [chosen, setChosen] = useState('');
  const [asking, setAsking] = useState(false);
  const agents = people && teamAgents(people, request.team).filter((p) => p.id !== request.assigneeId);
  const name = agents?.find((a) => a.id === chosen)?.name ?? chosen;
  const colleague = request.assigneeId !== me?.id ? request.assigneeName : null;
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    if (colleague && !asking) return setAsking(true);
    setAsking(false);
    onAssign(chosen, name);
  };
  return (
    <form class="assign" onSubmit={submit}>
      <div class="inline">
        <AgentPicker
          id="assign-to"
          label={t('assignTo')}
          agents={agents}
          value={chosen}
          error={error}
          set={(id) => {
            setChosen(id);
            setAsking(false);
          }}
        />
        <button type="submit" class="btn" data-action="assign" disabled={busy || !chosen}>
          {asking ? t('reassign') : t('assign')}
        </button>
      </div>
      {asking && colleague && (
        <p class="assign-question" role="alert">
          {t('reassignQuestion', { name: colleague, to: name })}
        </p>
      )}
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
  const { busy, run } = useRun(onDone);
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
  const [summary, setSummary] = useState<SummaryCause | null>(null);
  const { busy, run } = useRun(onDone);
  const send = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = editing ? form.touchAll() : {};
    if (Object.keys(errors).length > 0) {
      setSummary({ by: 'form' });
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
      t('done_provide_info'),
      (error) => {
        const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
        form.setServerErrors(fields);
        setSummary({ by: 'server', error });
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
          <ErrorSummary cause={summary} model={form.model} errors={form.errors} prefix="edit" />
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
