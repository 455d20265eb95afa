/**
 * Analytics (admins and managers). Shows GET /api/analytics when the API has it (shape per
 * shared/API.md); until then (404) a placeholder that says what will appear here.
 */
import type { ComponentChildren } from 'preact';
import { ApiError, get } from '../api/client';
import type { Service } from '../api/types';
import { Loading, PageHeader } from '../components/ui';
import { loadServices, useAsync } from '../data';
import { formatNumber } from '../format';
import { useI18n } from '../hooks';
import type { UiKey } from '../i18n';
import { teamName } from '../org';
import { errorText } from '../toasts';

interface AnalyticsReport {
  volume?: { serviceId: string; submitted: number; resolved: number }[];
  sla?: { compliancePct: number | null; breached: number };
  stages?: { stage: string; p50Hours: number | null; p90Hours: number | null }[];
  backlog?: { team: string; open: number; breached: number; oldestAgeHours: number | null }[];
}

const REPORTS: [UiKey, UiKey][] = [
  ['analyticsVolume', 'analyticsVolumeText'],
  ['analyticsSla', 'analyticsSlaText'],
  ['analyticsStages', 'analyticsStagesText'],
  ['analyticsBacklog', 'analyticsBacklogText'],
];

export function Analytics() {
  const { t, locale } = useI18n();
  const report = useAsync(() => get<AnalyticsReport>('/analytics'), [locale]);
  const services = useAsync(() => loadServices(locale), [locale]);
  const missing = report.error instanceof ApiError && report.error.status === 404;
  return (
    <section>
      <PageHeader title={t('analyticsTitle')} intro={report.data ? undefined : t('analyticsIntro')} />
      {report.loading && !report.data && <Loading />}
      {report.data && <Report report={report.data} services={services.data ?? []} />}
      {report.error !== undefined && !report.data && <Placeholder />}
      {report.error !== undefined && !report.data && (
        <p class="notice" role="note">
          {missing ? t('analyticsSoon') : errorText(report.error)}
        </p>
      )}
    </section>
  );
}

function Placeholder() {
  const { t } = useI18n();
  return (
    <ul class="cards cards--placeholder">
      {REPORTS.map(([title, text]) => (
        <li key={title} class="card report-card">
          <h2>{t(title)}</h2>
          <p>{t(text)}</p>
          <div class="placeholder-chart" aria-hidden="true">
            {[40, 70, 55, 85, 60].map((height) => (
              <span key={height} style={{ height: `${height}%` }} />
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Card({ title, text, children }: { title: UiKey; text: UiKey; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <li class="card report-card">
      <h2>{t(title)}</h2>
      <p>{t(text)}</p>
      {children}
    </li>
  );
}

const STAGE_NAMES: Record<string, UiKey> = {
  approval: 'stageApproval',
  queue: 'stageQueue',
  in_progress: 'st_in_progress',
  waiting_for_requester: 'st_waiting_for_requester',
};

const hours = (value: number | null, locale: 'en' | 'ru') => (value === null ? '—' : formatNumber(value, locale));

function Report({ report, services }: { report: AnalyticsReport; services: Service[] }) {
  const { t, locale } = useI18n();
  const title = (id: string) => services.find((s) => s.id === id)?.title ?? id;
  return (
    <ul class="cards cards--wide">
      <Card title="analyticsVolume" text="analyticsVolumeText">
        <Table
          head={[t('colService'), t('colSubmitted'), t('colResolved')]}
          rows={(report.volume ?? []).map((v) => [title(v.serviceId), v.submitted, v.resolved])}
        />
      </Card>
      <Card title="analyticsSla" text="analyticsSlaText">
        <p class="big-number">
          {report.sla?.compliancePct === null || report.sla === undefined
            ? '—'
            : `${formatNumber(report.sla.compliancePct, locale)} %`}
        </p>
        <p class="muted small">
          {t('slaBreached')}: {report.sla?.breached ?? 0}
        </p>
      </Card>
      <Card title="analyticsStages" text="analyticsStagesText">
        <Table
          head={[t('colStage'), 'p50, h', 'p90, h']}
          rows={(report.stages ?? []).map((s) => [
            STAGE_NAMES[s.stage] ? t(STAGE_NAMES[s.stage] as UiKey) : s.stage,
            hours(s.p50Hours, locale),
            hours(s.p90Hours, locale),
          ])}
        />
      </Card>
      <Card title="analyticsBacklog" text="analyticsBacklogText">
        <Table
          head={[t('team'), t('colOpen'), t('slaBreached')]}
          rows={(report.backlog ?? []).map((b) => [teamName(b.team, locale), b.open, b.breached])}
        />
      </Card>
    </ul>
  );
}

function Table({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table class="table">
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={head.length}>—</td>
          </tr>
        )}
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
