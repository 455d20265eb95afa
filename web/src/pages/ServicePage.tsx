/** A service: its form (from JSON Schema), the route preview, and submit (with an Idempotency-Key, api/client.ts). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { post } from '../api/client';
import type { Person, RequestItem, RoutePreview, Service } from '../api/types';
import { StageLine } from '../components/stages';
import { ErrorState, Loading, PageHeader } from '../components/ui';
import { loadService, useAsync } from '../data';
import { formatDateTime } from '../format';
import { ErrorSummary } from '../forms/ErrorSummary';
import { FormFields } from '../forms/FormFields';
import type { Values } from '../forms/model';
import { useForm } from '../forms/useForm';
import { useFormSubmit } from '../forms/useSubmit';
import { useI18n } from '../hooks';
import { calendarTimeZone, teamName, workingTimeOn } from '../org';
import { Link, navigate } from '../router';
import { errorText } from '../toasts';

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
  const { busy, summary, send } = useFormSubmit(form, (created: RequestItem) => navigate(`/requests/${created.id}`));
  // Only values that pass count for the route: stages on a field still empty say what they wait for.
  const routed = Object.fromEntries(Object.entries(form.payload()).filter(([id]) => !form.problems[id]));
  const preview = usePreview(service.id, routed);

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { serviceId: service.id, fields: form.payload() };
    void send('submit', () => post<RequestItem>('/requests', body), t('submitted'));
  };

  return (
    <section>
      <nav class="crumbs" aria-label="breadcrumb">
        <Link href="/">← {t('backToCatalog')}</Link>
      </nav>
      <PageHeader title={service.title} intro={service.description} />
      <p class="service-facts">
        <span>{t('fulfilledBy', { team: teamName(service.team, locale) })}</span>
        <span>
          {t('slaSummary', {
            response: workingTimeOn(service.sla.calendar, service.sla.responseHours, locale),
            resolution: workingTimeOn(service.sla.calendar, service.sla.resolutionHours, locale),
          })}
        </span>
      </p>
      <form class="form-layout" onSubmit={submit} noValidate aria-labelledby="page-title">
        <div class="form-main card">
          <p class="muted small">{t('requiredLegend')}</p>
          <ErrorSummary cause={summary} model={form.model} errors={form.errors} />
          <FormFields form={form} disabled={busy !== null} />
        </div>
        <aside class="form-side">
          <RoutePanel preview={preview} people={form.people} />
          <button type="submit" class="btn btn--primary btn--block" disabled={busy !== null}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </aside>
      </form>
    </section>
  );
}

interface PreviewState {
  data: RoutePreview | null;
  error: string | null;
  loading: boolean;
}

/** The route for the current values, asked for at once and again shortly after typing stops. */
function usePreview(serviceId: string, payload: Values): PreviewState {
  const { locale } = useI18n();
  const body = JSON.stringify(payload);
  const [state, setState] = useState<PreviewState>({ data: null, error: null, loading: true });
  useEffect(() => {
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
  return state;
}

const personName = (id: string, people: Person[] | null) => people?.find((p) => p.id === id)?.name ?? id;

function RoutePanel({ preview, people }: { preview: PreviewState; people: Person[] | null }) {
  const { t } = useI18n();
  const { data } = preview;
  let body;
  if (preview.error) body = <p class="field-error">{preview.error}</p>;
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
  const open = route.approvals.some((s) => s.condition);
  return (
    <div class={stale ? 'is-stale' : ''}>
      {pending.length === 0 && <p>{t('routeNoApproval', { team: teamName(route.team, locale) })}</p>}
      <ol class="steps" data-testid="route-steps">
        {route.approvals.map((stage) => (
          <li key={stage.stage} class={`step step--${stage.condition ? 'conditional' : stage.status}`}>
            <span class="step-title">{stage.title}</span>
            {stage.condition && <span class="step-condition"> — {stage.condition}</span>}
            {stage.status === 'skipped' && <span class="muted small"> · {t('skipped')}</span>}
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
            <StageLine stage={stage} due={stage.dueAt && t('stageBy', { date: formatDateTime(stage.dueAt, locale) })} />
          </li>
        ))}
        <li class="step step--team">
          <span class="step-title">{t('routeThen', { team: teamName(route.team, locale) })}</span>
        </li>
      </ol>
      <p class="route-due">
        {t(open ? 'routeExpectedLatest' : 'routeExpected', { date: formatDateTime(route.dueAt, locale) })}
      </p>
    </div>
  );
}
