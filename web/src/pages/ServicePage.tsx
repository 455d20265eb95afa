/** A service: its form (from JSON Schema), the route preview, and submit (with an Idempotency-Key, api/client.ts). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../api/client';
import type { Person, RequestItem, RoutePreview, Service } from '../api/types';
import { ErrorState, Loading, PageHeader } from '../components/ui';
import { loadService, useAsync } from '../data';
import { formatDateTime } from '../format';
import { FormFields, inputId } from '../forms/FormFields';
import { fieldErrors, type Errors, type FormModel, type Values } from '../forms/model';
import { focusFirstError, useForm } from '../forms/useForm';
import { useI18n } from '../hooks';
import { calendarTimeZone, teamName } from '../org';
import { Link, navigate } from '../router';
import { errorText, toast } from '../toasts';

export function ServicePage({ id }: { id: string }) {
  const { locale } = useI18n();
  const service = useAsync(() => loadService(id, locale), [id, locale]);
  if (service.data) return <ServiceForm key={service.data.id} service={service.data} />;
  if (service.error) return <ErrorState error={service.error} retry={service.reload} />;
  return <Loading />;
}

function ServiceForm({ service }: { service: Service }) {
  const { t, locale } = useI18n();
  const form = useForm(service.form, calendarTimeZone(service.sla.calendar));
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const valid = Object.keys(form.problems).length === 0;
  const preview = usePreview(service.id, valid ? form.payload() : null);

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = form.touchAll();
    if (Object.keys(errors).length > 0) {
      setSummary(t('fixErrors'));
      focusFirstError(form.model, errors);
      return;
    }
    setBusy(true);
    try {
      const created = await post<RequestItem>('/requests', { serviceId: service.id, fields: form.payload() });
      toast.success(t('submitted'));
      navigate(`/requests/${created.id}`);
    } catch (error) {
      const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
      form.setServerErrors(fields);
      setSummary(errorText(error));
      toast.error(errorText(error));
      focusFirstError(form.model, fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <nav class="crumbs" aria-label="breadcrumb">
        <Link href="/">← {t('backToCatalog')}</Link>
      </nav>
      <PageHeader title={service.title} intro={service.description} />
      <p class="service-facts">
        <span>{t('fulfilledBy', { team: teamName(service.team, locale) })}</span>
        <span>{t('slaSummary', { response: service.sla.responseHours, resolution: service.sla.resolutionHours })}</span>
      </p>
      <form class="form-layout" onSubmit={submit} noValidate aria-labelledby="page-title">
        <div class="form-main card">
          <p class="muted small">{t('requiredLegend')}</p>
          <ErrorSummary title={summary} model={form.model} errors={form.errors} />
          <FormFields
            model={form.model}
            values={form.values}
            errors={form.errors}
            onChange={form.change}
            onBlur={form.blur}
            people={form.people}
            today={form.today}
            disabled={busy}
          />
        </div>
        <aside class="form-side">
          <RoutePanel preview={preview} people={form.people} valid={valid} />
          <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </aside>
      </form>
    </section>
  );
}

export function ErrorSummary(props: { title: string | null; model: FormModel; errors: Errors; prefix?: string }) {
  const { title, model, errors, prefix } = props;
  const ids = model.order.filter((id) => errors[id]);
  if (!title || ids.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <a
              href={`#${inputId(id, prefix)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(inputId(id, prefix))?.focus();
              }}
            >
              {model.props[id]?.title}: {errors[id]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface PreviewState {
  data: RoutePreview | null;
  error: string | null;
  loading: boolean;
}

/** The route for the current values, asked for shortly after typing stops (only for a valid form). */
function usePreview(serviceId: string, payload: Values | null): PreviewState {
  const { locale } = useI18n();
  const body = payload ? JSON.stringify(payload) : null;
  const [state, setState] = useState<PreviewState>({ data: null, error: null, loading: false });
  useEffect(() => {
    if (!body) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      post<RoutePreview>(`/services/${serviceId}/preview`, { fields: JSON.parse(body) as Values }).then(
        (data) => live && setState({ data, error: null, loading: false }),
        (error: unknown) => live && setState({ data: null, error: errorText(error), loading: false }),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [serviceId, body, locale]);
  return body ? state : { data: null, error: null, loading: false };
}

const personName = (id: string, people: Person[] | null) => people?.find((p) => p.id === id)?.name ?? id;

function RoutePanel({ preview, people, valid }: { preview: PreviewState; people: Person[] | null; valid: boolean }) {
  const { t } = useI18n();
  const { data } = preview;
  let body;
  if (!valid) body = <p class="muted">{t('routeHint')}</p>;
  else if (preview.error) body = <p class="field-error">{preview.error}</p>;
  else if (data) body = <RouteSteps route={data} people={people} stale={preview.loading} />;
  else body = <p class="muted">{t('routeLoading')}</p>;
  return (
    <section class="card route" aria-labelledby="route-title" aria-busy={preview.loading}>
      <h2 id="route-title">{t('routeTitle')}</h2>
      <div aria-live="polite">{body}</div>
    </section>
  );
}

function RouteSteps({ route, people, stale }: { route: RoutePreview; people: Person[] | null; stale: boolean }) {
  const { t, locale } = useI18n();
  const pending = route.approvals.filter((s) => s.status === 'pending');
  return (
    <div class={stale ? 'is-stale' : ''}>
      {pending.length === 0 && <p>{t('routeNoApproval', { team: teamName(route.team, locale) })}</p>}
      <ol class="steps" data-testid="route-steps">
        {route.approvals.map((stage) => (
          <li key={stage.stage} class={`step step--${stage.status}`}>
            <span class="step-title">{stage.title}</span>
            <span class="muted small">
              {' · '}
              {stage.status === 'skipped' ? t('skipped') : stage.mode === 'all' ? t('modeAll') : t('modeAny')}
            </span>
            <ul class="approvers">
              {stage.approvers.map((a) => (
                <li key={a.id} data-approver={a.id}>
                  {a.name}
                  {a.onBehalfOf && (
                    <span class="muted"> ({t('onBehalfOf', { name: personName(a.onBehalfOf, people) })})</span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
        <li class="step step--team">
          <span class="step-title">{t('routeThen', { team: teamName(route.team, locale) })}</span>
        </li>
      </ol>
      <p class="route-due">{t('routeExpected', { date: formatDateTime(route.dueAt, locale) })}</p>
    </div>
  );
}
