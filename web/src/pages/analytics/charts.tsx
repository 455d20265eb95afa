/**
 * The four charts of the analytics page: volume by service, SLA compliance (overall and by
 * category), time in each stage, and the backlog per team. Each is a figure with its caption,
 * a summary for screen readers, a legend, and its numbers as a table behind "Show data". Every
 * label is in the reader's language: services and teams as the API names them, stages and
 * categories from the UI texts.
 */
import { BarChart, type BarRow, type Series } from '../../components/charts/BarChart';
import { ChartFigure, NoData } from '../../components/charts/ChartFigure';
import { DataTable } from '../../components/charts/DataTable';
import { Donut } from '../../components/charts/Donut';
import { formatNumber } from '../../format';
import { useI18n } from '../../hooks';
import {
  backlogByUrgency,
  categoryName,
  compliance,
  formatIn,
  formatPct,
  formatTime,
  slaByCategory,
  stageName,
  type AnalyticsReport,
} from './report';

export interface ChartProps {
  report: AnalyticsReport;
  /** A service's category. */
  categoryOf: (serviceId: string) => string;
}

const join = (items: string[]) => items.join('; ');

export function VolumeChart({ report }: ChartProps) {
  const { t, locale } = useI18n();
  const series: Series[] = [
    { key: 'submitted', label: t('colSubmitted'), tone: 'primary' },
    { key: 'resolved', label: t('colResolved'), tone: 'success' },
  ];
  const rows: BarRow[] = report.volume.map((v) => ({
    key: v.serviceId,
    label: v.title,
    values: [[v.submitted, v.resolved]],
  }));
  const label = t('chartVolume', {
    items: join(
      report.volume.map((v) => t('chartVolumeItem', { name: v.title, submitted: v.submitted, resolved: v.resolved })),
    ),
  });
  const table = (
    <DataTable
      head={[t('colService'), t('colSubmitted'), t('colResolved')]}
      rows={report.volume.map((v) => [v.title, v.submitted, v.resolved])}
    />
  );
  return (
    <ChartFigure id="volume" title={t('analyticsVolume')} text={t('analyticsVolumeText')} legend={series} table={table}>
      {rows.length === 0 ? (
        <NoData />
      ) : (
        <BarChart id="volume" label={label} panels={[{ key: 'count', series, format: formatIn(locale) }]} rows={rows} />
      )}
    </ChartFigure>
  );
}

export function SlaChart({ report, categoryOf }: ChartProps) {
  const { t, locale } = useI18n();
  const totals = report.sla;
  const categories = slaByCategory(report, categoryOf);
  const series: Series[] = [
    { key: 'met', label: t('slaOnTime'), tone: 'success' },
    { key: 'missed', label: t('slaLate'), tone: 'danger' },
  ];
  const overall = formatPct(report.sla.compliancePct, locale);
  const donutLabel = t('chartSlaOverall', { pct: overall, met: totals.met, missed: totals.missed });
  const items = categories.map((c) => ({ ...c, name: categoryName(c.category, locale) }));
  const barsLabel = t('chartSlaByCategory', {
    items: join(
      items.map((c) =>
        t('chartSlaItem', { name: c.name, pct: formatPct(c.pct, locale), met: c.met, total: c.met + c.missed }),
      ),
    ),
  });
  const table = (
    <DataTable
      head={[t('colCategory'), t('colOnTime'), t('colLate'), t('colCompliance')]}
      rows={items.map((c) => [c.name, c.met, c.missed, formatPct(c.pct, locale)])}
    />
  );
  return (
    <ChartFigure id="sla" title={t('analyticsSla')} text={t('analyticsSlaText')} legend={series} table={table}>
      {totals.met + totals.missed === 0 ? (
        <NoData />
      ) : (
        <>
          <div class="sla-overall">
            <Donut
              id="sla-donut"
              label={donutLabel}
              center={overall}
              caption={t('slaOfResolved')}
              parts={[
                { key: 'met', label: t('slaOnTime'), value: totals.met, tone: 'success' },
                { key: 'missed', label: t('slaLate'), value: totals.missed, tone: 'danger' },
              ]}
            />
            <dl class="sla-facts">
              <div data-fact="met">
                <dt>{t('slaFactMet')}</dt>
                <dd>{formatNumber(totals.met, locale)}</dd>
              </div>
              <div data-fact="missed">
                <dt>{t('slaFactMissed')}</dt>
                <dd>{formatNumber(totals.missed, locale)}</dd>
              </div>
              <div data-fact="openOverdue">
                <dt>{t('slaFactOpenOverdue')}</dt>
                <dd>{formatNumber(report.open.atTeamsOverdue, locale)}</dd>
              </div>
            </dl>
          </div>
          <h3 class="chart-subtitle">{t('slaByCategory')}</h3>
          <BarChart
            id="sla-categories"
            label={barsLabel}
            panels={[
              {
                key: 'share',
                series,
                stacked: true,
                measure: { kind: 'share' },
                format: formatIn(locale),
                total: ([met, missed]) => formatPct(compliance(met ?? 0, missed ?? 0), locale),
              },
            ]}
            rows={items.map((c) => ({ key: c.category, label: c.name, values: [[c.met, c.missed]] }))}
          />
        </>
      )}
    </ChartFigure>
  );
}

export function StagesChart({ report }: ChartProps) {
  const { t, locale } = useI18n();
  const series: Series[] = [
    { key: 'p50', label: t('stageP50'), tone: 'primary' },
    { key: 'p90', label: t('stageP90'), tone: 'secondary' },
  ];
  const stages = report.stages.map((s) => ({ ...s, name: stageName(s.stage, locale) }));
  const hours = (value: number | null) => formatTime(value, locale, report.hoursPerDay);
  const label = t('chartStages', {
    items: join(
      stages.map((s) => t('chartStagesItem', { name: s.name, p50: hours(s.p50Hours), p90: hours(s.p90Hours) })),
    ),
  });
  const table = (
    <DataTable
      head={[t('colStage'), 'p50', 'p90']}
      rows={stages.map((s) => [s.name, hours(s.p50Hours), hours(s.p90Hours)])}
    />
  );
  return (
    <ChartFigure id="stages" title={t('analyticsStages')} text={t('analyticsStagesText')} legend={series} table={table}>
      {stages.every((s) => s.p90Hours === null) ? (
        <NoData />
      ) : (
        <BarChart
          id="stages"
          label={label}
          panels={[
            {
              key: 'hours',
              series,
              measure: { kind: 'time', hoursPerDay: report.hoursPerDay },
              format: formatIn(locale),
            },
          ]}
          rows={stages.map((s) => ({ key: s.stage, label: s.name, values: [[s.p50Hours, s.p90Hours]] }))}
        />
      )}
    </ChartFigure>
  );
}

export function BacklogChart({ report }: ChartProps) {
  const { t, locale } = useI18n();
  const teams = backlogByUrgency(report.backlog);
  const open: Series[] = [
    { key: 'onTime', label: t('backlogOnTime'), tone: 'primary' },
    { key: 'breached', label: t('backlogBreached'), tone: 'danger' },
  ];
  const oldest: Series[] = [{ key: 'oldest', label: t('backlogOldestPanel'), tone: 'warning' }];
  const hours = (value: number | null) => formatTime(value, locale, report.hoursPerDay);
  const format = formatIn(locale);
  const label = t('chartBacklog', {
    items: join(
      teams.map((b) =>
        t('chartBacklogItem', { name: b.name, open: b.open, breached: b.breached, oldest: hours(b.oldestAgeHours) }),
      ),
    ),
  });
  const table = (
    <DataTable
      head={[t('team'), t('colOpen'), t('colOverdue'), t('colOldest')]}
      rows={teams.map((b) => [b.name, b.open, b.breached, hours(b.oldestAgeHours)])}
    />
  );
  return (
    <ChartFigure
      id="backlog"
      title={t('analyticsBacklog')}
      text={t('analyticsBacklogText')}
      legend={[...open, ...oldest]}
      table={table}
    >
      {teams.length === 0 ? (
        <NoData />
      ) : (
        <BarChart
          id="backlog"
          label={label}
          panels={[
            { key: 'open', title: t('backlogOpenPanel'), series: open, stacked: true, format },
            {
              key: 'oldest',
              title: t('backlogOldestPanel'),
              series: oldest,
              measure: { kind: 'time', hoursPerDay: report.hoursPerDay },
              format,
            },
          ]}
          rows={teams.map((b) => ({
            key: b.team,
            label: b.name,
            values: [[b.open - b.breached, b.breached], [b.oldestAgeHours]],
          }))}
        />
      )}
    </ChartFigure>
  );
}
