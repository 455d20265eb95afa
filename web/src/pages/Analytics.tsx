/**
 * Analytics (admins and managers), GET /api/analytics: the period's headline numbers, the ranked
 * bottlenecks as sentences, and charts of volume, SLA compliance, time in stage and backlog (each
 * with its numbers behind "Show data"). The period is the API's default (the last 30 days) or one of
 * a few spans ending on the same day. Until the API has analytics (404), a placeholder says what will
 * appear here. Loaded on demand (app.tsx), so its charts cost the other pages nothing.
 */
import { useState } from 'preact/hooks';
import { ApiError, get } from '../api/client';
import { Loading, PageHeader } from '../components/ui';
import { useAsync, type Async } from '../data';
import { formatDate } from '../format';
import { useI18n } from '../hooks';
import type { UiKey } from '../i18n';
import { departmentName } from '../org';
import { errorText } from '../toasts';
import { BacklogChart, SlaChart, StagesChart, VolumeChart, type ChartProps } from './analytics/charts';
import { addDays, type AnalyticsReport } from './analytics/report';
import { Bottlenecks, Kpis } from './analytics/Summary';

const REPORTS: [UiKey, UiKey][] = [
  ['analyticsVolume', 'analyticsVolumeText'],
  ['analyticsSla', 'analyticsSlaText'],
  ['analyticsStages', 'analyticsStagesText'],
  ['analyticsBacklog', 'analyticsBacklogText'],
];

/** Spans of the period picker, in days. */
const SPANS = [7, 30, 90] as const;

interface Period {
  days: number;
  to: string;
}

const query = (period: Period | null) => (period ? `?from=${addDays(period.to, 1 - period.days)}&to=${period.to}` : '');

export function Analytics() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<Period | null>(null);
  const report = useAsync(() => get<AnalyticsReport>(`/analytics${query(period)}`), [locale, period?.days]);
  const data = report.data;
  return (
    <section class="analytics">
      <PageHeader title={t('analyticsTitle')} intro={data ? undefined : t('analyticsIntro')}>
        {data && <PeriodPicker report={data} choose={(days) => setPeriod({ days, to: data.period.to })} />}
      </PageHeader>
      <Body report={report} />
    </section>
  );
}

function Body({ report }: { report: Async<AnalyticsReport> }) {
  const { t } = useI18n();
  const { data, error } = report;
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <>
      {data && <PeriodLine report={data} />}
      {report.loading && !data && <Loading />}
      {data && <Report report={data} stale={report.loading} />}
      {error !== undefined && !data && <Placeholder />}
      {error !== undefined && (
        <p class="notice" role="note">
          {missing ? t('analyticsSoon') : errorText(error)}
        </p>
      )}
    </>
  );
}

function PeriodPicker({ report, choose }: { report: AnalyticsReport; choose: (days: number) => void }) {
  const { t } = useI18n();
  return (
    <div class="period-picker" role="group" aria-label={t('analyticsPeriod')}>
      {SPANS.map((days) => (
        <button
          key={days}
          type="button"
          class="filter"
          aria-pressed={report.period.days === days}
          onClick={() => choose(days)}
        >
          {t('analyticsLastDays', { n: days })}
        </button>
      ))}
    </div>
  );
}

function PeriodLine({ report }: { report: AnalyticsReport }) {
  const { t, locale } = useI18n();
  const { from, to, days } = report.period;
  const scope =
    report.scope.kind === 'department'
      ? t('analyticsScopeDepartment', { name: departmentName(report.scope.department ?? '', locale) })
      : t('analyticsScopeAll');
  return (
    <p class="period-line" data-testid="period">
      <span>{t('analyticsRange', { from: formatDate(from, locale), to: formatDate(to, locale), n: days })}</span>
      <span aria-hidden="true"> · </span>
      <span>{scope}</span>
    </p>
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

function Report({ report, stale }: { report: AnalyticsReport; stale: boolean }) {
  const categories = new Map(report.volume.map((v) => [v.serviceId, v.category]));
  const props: ChartProps = { report, categoryOf: (id) => categories.get(id) ?? 'unknown' };
  return (
    <div class={stale ? 'analytics-report is-stale' : 'analytics-report'} aria-busy={stale}>
      <Kpis report={report} />
      <Bottlenecks report={report} />
      <div class="chart-columns">
        <div class="chart-column">
          <VolumeChart {...props} />
          <StagesChart {...props} />
        </div>
        <div class="chart-column">
          <SlaChart {...props} />
          <BacklogChart {...props} />
        </div>
      </div>
    </div>
  );
}
