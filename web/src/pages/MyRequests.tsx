/** "My requests": what the caller submitted, newest first, with status chips and deadlines. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { isOpen, STATUSES } from '../../../functions/domain/requests/model';
import type { RequestListItem } from '../api/types';
import { Countdown, Empty, ErrorState, Loading, PageHeader, StatusChip } from '../components/ui';
import { formatDateTime, shortId } from '../format';
import { useI18n } from '../hooks';
import { usePagedRequests } from '../paged';
import { Link } from '../router';

export function MyRequests() {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const list = usePagedRequests({ view: 'mine', status });
  return (
    <section>
      <PageHeader title={t('mineTitle')} intro={t('mineIntro')}>
        <label class="inline-field">
          <span>{t('statusFilter')}</span>
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`st_${s}`)}
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      <RequestList
        list={list}
        empty={
          status ? (
            <p>{t('noneFound')}</p>
          ) : (
            <>
              <p>{t('mineEmpty')}</p>
              <Link class="btn btn--primary" href="/">
                {t('browseServices')}
              </Link>
            </>
          )
        }
        row={(item) => <MineRow item={item} />}
      />
    </section>
  );
}

/** A list's states (error, loading, empty) and "load more" around its rows, or around a table of them. */
export function RequestList(
  props: {
    list: ReturnType<typeof usePagedRequests>;
    empty: ComponentChildren;
  } & ({ row: (item: RequestListItem) => ComponentChildren; label?: string } | { table: ComponentChildren }),
) {
  const { t } = useI18n();
  const { list } = props;
  if (list.error && list.items.length === 0) return <ErrorState error={list.error} retry={list.reload} />;
  if (list.loading && list.items.length === 0) return <Loading />;
  if (list.items.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <>
      {'table' in props ? (
        <div aria-busy={list.loading}>{props.table}</div>
      ) : (
        <ul class="rows" aria-label={props.label} aria-busy={list.loading}>
          {list.items.map((item) => (
            <li key={item.id} class="row" data-request={item.id}>
              {props.row(item)}
            </li>
          ))}
        </ul>
      )}
      {list.more && (
        <button type="button" class="btn load-more" onClick={list.loadMore} disabled={list.loading}>
          {list.loading ? t('loading') : t('loadMore')}
        </button>
      )}
    </>
  );
}

/** What was asked, in one line under the service title (empty summaries take no space). */
export function RowSummary({ item }: { item: RequestListItem }) {
  return item.summary ? <span class="row-summary">{item.summary}</span> : null;
}

function MineRow({ item }: { item: RequestListItem }) {
  const { t, locale } = useI18n();
  const stage = item.approvals.find((s) => s.status === 'pending');
  const open = isOpen(item.status);
  return (
    <>
      <div class="row-main">
        <Link class="row-title" href={`/requests/${item.id}`}>
          {item.serviceTitle}
        </Link>
        <RowSummary item={item} />
        <span class="muted small">
          #{shortId(item.id)} · {t('createdOn', { date: formatDateTime(item.createdAt, locale) })}
        </span>
      </div>
      <div class="row-side">
        <StatusChip status={item.status} />
        <span class="muted small">
          {item.status === 'pending_approval' && stage
            ? stage.title
            : item.assigneeName
              ? `${t('assignee')}: ${item.assigneeName}`
              : ''}
        </span>
        {open && item.sla.resolutionDueAt && <Countdown due={item.sla.resolutionDueAt} paused={item.sla.paused} />}
      </div>
    </>
  );
}
