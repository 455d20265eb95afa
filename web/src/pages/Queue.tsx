/** The team queue: open requests of the agent's team, by SLA risk, breached ones first and highlighted. */
import { useState } from 'preact/hooks';
import { post } from '../api/client';
import type { RequestItem } from '../api/types';
import { Countdown, PageHeader, StatusChip } from '../components/ui';
import { useNow } from '../clock';
import { formatDateTime, shortId } from '../format';
import { useI18n, useSession } from '../hooks';
import { teamName } from '../org';
import { usePagedRequests } from '../paged';
import { Link } from '../router';
import { errorText, toast } from '../toasts';
import { RequestList } from './MyRequests';

type Show = 'all' | 'unassigned' | 'mine';

/** Breached first, then the nearest resolution deadline; paused clocks and requests without one last. */
export function byRisk(a: RequestItem, b: RequestItem): number {
  const rank = (r: RequestItem) => (r.sla.breached ? 0 : r.sla.paused ? 2 : 1);
  const due = (r: RequestItem) => (r.sla.resolutionDueAt ? Date.parse(r.sla.resolutionDueAt) : Number.MAX_SAFE_INTEGER);
  return rank(a) - rank(b) || due(a) - due(b) || a.createdAt.localeCompare(b.createdAt);
}

export function Queue() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const teams = me?.teams ?? [];
  const [team, setTeam] = useState(teams[0] ?? '');
  const [show, setShow] = useState<Show>('all');
  const list = usePagedRequests({ view: 'queue', team, limit: '50' });
  const shown = [...list.items]
    .filter((r) => show === 'all' || (show === 'mine' ? r.assigneeId === me?.id : r.assigneeId === null))
    .sort(byRisk);
  if (teams.length === 0)
    return (
      <section>
        <PageHeader title={t('queueTitle')} intro={t('queueNoTeam')} />
      </section>
    );
  return (
    <section>
      <PageHeader title={t('queueTitle')} intro={t('queueIntro')}>
        {teams.length > 1 && (
          <label class="inline-field">
            <span>{t('queueTeam')}</span>
            <select value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
              {teams.map((id) => (
                <option key={id} value={id}>
                  {teamName(id, locale)}
                </option>
              ))}
            </select>
          </label>
        )}
      </PageHeader>
      <div class="filters" role="group" aria-label={t('queueShow')}>
        {(['all', 'unassigned', 'mine'] as const).map((id) => (
          <button key={id} type="button" class="filter" aria-pressed={show === id} onClick={() => setShow(id)}>
            {t(id === 'all' ? 'queueAll' : id === 'mine' ? 'queueMine' : 'queueUnassigned')}
          </button>
        ))}
      </div>
      <RequestList
        list={{ ...list, items: shown }}
        label={`${t('queueTitle')}: ${teamName(team, locale)}`}
        empty={<p>{list.items.length === 0 ? t('queueEmpty') : t('noneFound')}</p>}
        row={(item) => <QueueRow item={item} onTaken={list.reload} />}
      />
    </section>
  );
}

function QueueRow({ item, onTaken }: { item: RequestItem; onTaken(): void }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const now = useNow();
  const due = item.sla.resolutionDueAt;
  const late = item.sla.breached || (due !== null && Date.parse(due) < now && !item.sla.paused);
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    try {
      await post(`/requests/${item.id}/actions`, { type: 'take', version: item.version });
      toast.success(t('taken'));
      onTaken();
    } catch (error) {
      toast.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class={`queue-row${late ? ' queue-row--late' : ''}`}>
      <div class="row-main">
        <Link class="row-title" href={`/requests/${item.id}`}>
          {item.serviceTitle}
        </Link>
        <span class="muted small">
          #{shortId(item.id)} · {item.requesterName} · {formatDateTime(item.createdAt, locale)}
        </span>
      </div>
      <div class="row-side">
        <StatusChip status={item.status} />
        {item.sla.breached && <span class="badge badge--danger">{t('slaBreached')}</span>}
        {item.sla.paused && <span class="badge badge--muted">{t('slaPaused')}</span>}
        <span class="small">{item.assigneeName ?? <span class="muted">{t('unassigned')}</span>}</span>
        {due && <Countdown due={due} paused={item.sla.paused} />}
        {item.assigneeId !== me?.id && (
          <button type="button" class="btn btn--small" onClick={take} disabled={busy}>
            {t('take')}
          </button>
        )}
      </div>
    </div>
  );
}
