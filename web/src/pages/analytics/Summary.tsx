/**
 * The top of the analytics page: the headline numbers, and the ranked bottlenecks as the API words
 * them (plain sentences in the reader's language), set apart so they are read first. The headlines
 * never contradict each other: "on time" and "late" are both over the period's resolutions (they
 * add up to "resolved"), and what is overdue now is said under "open now", which counts approvals too.
 */
import type { UiKey } from '../../i18n';
import { formatNumber, formatPercent } from '../../format';
import { useI18n } from '../../hooks';
import { formatPct, formatTime, totalsOf, type AnalyticsReport, type BottleneckRow } from './report';

interface KpiProps {
  id: string;
  label: string;
  value: string;
  /** What the number is made of, and (in red) what of it is late. */
  note?: string | false;
  alert?: string | false;
  /** The value itself in red: it counts something late. */
  late?: boolean;
}

function Kpi({ id, label, value, note, alert, late = false }: KpiProps) {
  return (
    <div class={late ? 'kpi kpi--late' : 'kpi'} data-kpi={id}>
      <dt>{label}</dt>
      <dd class="kpi-value">{value}</dd>
      {note && <dd class="kpi-note">{note}</dd>}
      {alert && <dd class="kpi-alert">{alert}</dd>}
    </div>
  );
}

export function Kpis({ report }: { report: AnalyticsReport }) {
  const { t, locale } = useI18n();
  const totals = totalsOf(report);
  const { open, sla } = report;
  const count = (value: number) => formatNumber(value, locale);
  return (
    <dl class="kpis">
      <Kpi id="submitted" label={t('kpiSubmitted')} value={count(totals.submitted)} />
      <Kpi id="resolved" label={t('kpiResolved')} value={count(totals.resolved)} />
      <Kpi
        id="onTime"
        label={t('kpiOnTime')}
        value={formatPct(sla.compliancePct, locale)}
        note={sla.met + sla.missed > 0 && t('kpiOnTimeOf', { n: count(sla.met), total: count(sla.met + sla.missed) })}
      />
      <Kpi id="late" label={t('kpiLate')} value={count(sla.missed)} late={sla.missed > 0} />
      <Kpi
        id="open"
        label={t('kpiOpen')}
        value={count(open.total)}
        note={t('kpiOpenSplit', { approval: count(open.inApproval), teams: count(open.atTeams) })}
        alert={open.overdue > 0 && t('kpiOpenOverdue', { n: count(open.overdue) })}
      />
    </dl>
  );
}

function Bottleneck({ item, rank, hoursPerDay }: { item: BottleneckRow; rank: number; hoursPerDay: number }) {
  const { t, locale } = useI18n();
  const share = Math.round(Math.min(1, Math.max(0, item.share)) * 100);
  return (
    <li class="bottleneck" data-kind={item.kind} data-id={item.id}>
      <span class="bottleneck-rank" aria-hidden="true">
        {rank}
      </span>
      <div class="bottleneck-body">
        <span class={`tag tag--bottleneck-${item.kind}`}>{t(`bottleneck_${item.kind}` as UiKey)}</span>
        <p class="bottleneck-sentence">{item.sentence}</p>
        <p class="bottleneck-total">
          {t(item.kind === 'approval' ? 'bottleneckTotalNow' : 'bottleneckTotal', {
            hours: formatTime(item.totalWaitHours, locale, hoursPerDay),
          })}
        </p>
      </div>
      <div class="bottleneck-share" aria-hidden="true">
        <span class="bottleneck-meter">
          <span style={{ width: `${share}%` }} />
        </span>
        <span class="bottleneck-pct">{formatPercent(share, locale)}</span>
      </div>
    </li>
  );
}

export function Bottlenecks({ report }: { report: AnalyticsReport }) {
  const { t } = useI18n();
  return (
    <section class="card bottlenecks" aria-labelledby="bottlenecks-title" data-testid="bottlenecks">
      <div class="bottlenecks-head">
        <svg class="bottlenecks-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z" />
        </svg>
        <div>
          <h2 id="bottlenecks-title">{t('analyticsBottlenecks')}</h2>
          <p>{t('analyticsBottlenecksText')}</p>
        </div>
      </div>
      {report.bottlenecks.length === 0 ? (
        <p class="muted">{t('analyticsNoBottlenecks')}</p>
      ) : (
        <ol class="bottleneck-list">
          {report.bottlenecks.map((item, i) => (
            <Bottleneck key={`${item.kind}:${item.id}`} item={item} rank={i + 1} hoursPerDay={report.hoursPerDay} />
          ))}
        </ol>
      )}
    </section>
  );
}
