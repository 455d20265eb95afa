/**
 * The team queue as a workspace: who asked, what, who works on it, its status and the working time
 * left, breached first; search and filters run on the server (one Query a page, so they hold for a
 * team with hundreds of open requests), and requests are taken, assigned or bulk-assigned in place.
 */
import { useEffect, useState } from 'preact/hooks';
import { isInQueue, STATUSES } from '../../../functions/domain/requests/model';
import type { Person, RequestListItem, Service } from '../api/types';
import { PageHeader, StatusChip } from '../components/ui';
import { loadDirectory, loadServices, teamAgents, useAsync } from '../data';
import { shortId } from '../format';
import { useI18n, useSession } from '../hooks';
import { teamName } from '../org';
import { usePagedRequests } from '../paged';
import { Link } from '../router';
import { errorText, toast } from '../toasts';
import { RequestList, RowSummary } from './MyRequests';
import { AssignPanel, assignRequest, BulkAssign } from './queue/assign';

const QUEUED = STATUSES.filter(isInQueue);
/** Typing pauses this long before the list is asked again. */
const SEARCH_DELAY_MS = 300;

/** Breached first, then the nearest resolution deadline; paused clocks and requests without one last. */
export function byRisk(a: RequestListItem, b: RequestListItem): number {
  const rank = (r: RequestListItem) => (r.sla.breached ? 0 : r.sla.paused ? 2 : 1);
  const due = (r: RequestListItem) =>
    r.sla.resolutionDueAt ? Date.parse(r.sla.resolutionDueAt) : Number.MAX_SAFE_INTEGER;
  return rank(a) - rank(b) || due(a) - due(b) || a.createdAt.localeCompare(b.createdAt);
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function Queue() {
  const { t, locale } = useI18n();
  const { me, config } = useSession();
  const teams = me?.teams ?? [];
  const [team, setTeam] = useState(teams[0] ?? '');
  const [filters, setFilters] = useState<Filters>({ search: '', serviceId: '', status: '', assigneeId: '' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const q = useDebounced(filters.search.trim(), SEARCH_DELAY_MS);
  const { serviceId, status, assigneeId } = filters;
  const query = { view: 'queue', team, q, serviceId, status, assigneeId, limit: '50' };
  const list = usePagedRequests(query);
  const services = useAsync(() => loadServices(locale), [locale]);
  const people = useAsync(() => loadDirectory(config.auth.mode === 'local'), [config]);
  const agents = people.data ? teamAgents(people.data, team) : null;
  // A changed question is a new list: what was selected in the old one is not in view any more.
  useEffect(() => setSelected(new Set()), [team, q, serviceId, status, assigneeId]);
  if (teams.length === 0 || !me)
    return (
      <section>
        <PageHeader title={t('queueTitle')} intro={t('queueNoTeam')} />
      </section>
    );
  const shown = [...list.items].sort(byRisk);
  const filtered = Object.values(filters).some(Boolean);
  const toggle = (id: string, on: boolean) =>
    setSelected((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <section>
      <PageHeader title={t('queueTitle')} intro={t('queueIntro')}>
        {teams.length > 1 && <TeamPicker teams={teams} team={team} set={setTeam} />}
      </PageHeader>
      <QueueFilters
        filters={filters}
        set={(change) => setFilters((f) => ({ ...f, ...change }))}
        services={(services.data ?? []).filter((s) => s.team === team)}
        me={me.id}
        agents={agents}
      />
      <BulkAssign
        selected={shown.filter((item) => selected.has(item.id))}
        me={me.id}
        agents={agents}
        onClear={() => setSelected(new Set())}
        onDone={(failed) => {
          setSelected(new Set(failed));
          list.reload();
        }}
      />
      <RequestList
        list={{ ...list, items: shown }}
        empty={<p>{filtered ? t('noneFound') : t('queueEmpty')}</p>}
        table={
          <QueueTable
            items={shown}
            label={`${t('queueTitle')}: ${teamName(team, locale)}`}
            me={me.id}
            agents={agents}
            selected={selected}
            toggle={toggle}
            onChanged={list.reload}
          />
        }
      />
    </section>
  );
}

function TeamPicker({ teams, team, set }: { teams: string[]; team: string; set(team: string): void }) {
  const { t, locale } = useI18n();
  return (
    <label class="inline-field">
      <span>{t('queueTeam')}</span>
      <select value={team} onChange={(e) => set(e.currentTarget.value)}>
        {teams.map((id) => (
          <option key={id} value={id}>
            {teamName(id, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface Filters {
  search: string;
  serviceId: string;
  status: string;
  /** A user id, `none` (unassigned) or '' (anyone). */
  assigneeId: string;
}

function QueueFilters(props: {
  filters: Filters;
  set(change: Partial<Filters>): void;
  services: Service[];
  me: string;
  agents: Person[] | null;
}) {
  const { filters, set, services, me, agents } = props;
  const { t } = useI18n();
  return (
    <div class="queue-tools" role="search" aria-label={t('queueFind')}>
      <label class="queue-search">
        <span>{t('queueSearch')}</span>
        <input
          id="queue-search"
          type="search"
          value={filters.search}
          placeholder={t('queueSearchHint')}
          onInput={(e) => set({ search: e.currentTarget.value })}
        />
      </label>
      <label>
        <span>{t('queueService')}</span>
        <select
          id="queue-service"
          value={filters.serviceId}
          onChange={(e) => set({ serviceId: e.currentTarget.value })}
        >
          <option value="">{t('queueAllServices')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('statusFilter')}</span>
        <select id="queue-status" value={filters.status} onChange={(e) => set({ status: e.currentTarget.value })}>
          <option value="">{t('allStatuses')}</option>
          {QUEUED.map((s) => (
            <option key={s} value={s}>
              {t(`st_${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('assignee')}</span>
        <select
          id="queue-assignee"
          value={filters.assigneeId}
          onChange={(e) => set({ assigneeId: e.currentTarget.value })}
        >
          <option value="">{t('queueAnyone')}</option>
          <option value="none">{t('queueUnassigned')}</option>
          <option value={me}>{t('queueMine')}</option>
          {agents
            ?.filter((a) => a.id !== me)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}

function QueueTable(props: {
  items: RequestListItem[];
  label: string;
  me: string;
  agents: Person[] | null;
  selected: Set<string>;
  toggle(id: string, on: boolean): void;
  onChanged(): void;
}) {
  const { items, label, selected, toggle } = props;
  const { t } = useI18n();
  const all = items.length > 0 && items.every((item) => selected.has(item.id));
  return (
    <table class="queue-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" class="col-select">
            <label class="select-all">
              <input
                type="checkbox"
                class="select-box"
                checked={all}
                onChange={(e) => items.forEach((item) => toggle(item.id, e.currentTarget.checked))}
              />
              <span class="select-all-text">{t('selectAll')}</span>
            </label>
          </th>
          <th scope="col">{t('colRequest')}</th>
          <th scope="col">{t('requester')}</th>
          <th scope="col">{t('assignee')}</th>
          <th scope="col">{t('statusFilter')}</th>
          <th scope="col">{t('colSlaLeft')}</th>
          <th scope="col">
            <span class="sr-only">{t('actionsTitle')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <QueueRow key={item.id} {...props} item={item} checked={selected.has(item.id)} />
        ))}
      </tbody>
    </table>
  );
}

function QueueRow(props: {
  item: RequestListItem;
  me: string;
  agents: Person[] | null;
  checked: boolean;
  toggle(id: string, on: boolean): void;
  onChanged(): void;
}) {
  const { item, me, agents, checked, toggle, onChanged } = props;
  const { t } = useI18n();
  const [panel, setPanel] = useState<'take' | 'assign' | null>(null);
  const [busy, setBusy] = useState(false);
  const code = shortId(item.id);
  const late = item.sla.breached || item.slaLeft?.overdue === true;
  const take = async () => {
    // A colleague's request is only taken over after a question.
    if (item.assigneeId !== null) return setPanel('take');
    setBusy(true);
    try {
      await assignRequest(item, null);
      toast.success(t('taken'));
      onChanged();
    } catch (error) {
      toast.error(errorText(error));
      setBusy(false);
    }
  };
  const done = () => {
    setPanel(null);
    onChanged();
  };
  return (
    <>
      <tr class={`queue-item${late ? ' queue-item--late' : ''}`} data-request={item.id}>
        <td class="col-select">
          <input
            type="checkbox"
            class="select-box"
            aria-label={t('selectRow', { code })}
            checked={checked}
            onChange={(e) => toggle(item.id, e.currentTarget.checked)}
          />
        </td>
        <td class="col-request">
          <Link class="row-title" href={`/requests/${item.id}`}>
            {item.serviceTitle}
          </Link>
          <RowSummary item={item} />
          <span class="muted small">#{code}</span>
        </td>
        <td data-label={t('requester')}>{item.requesterName}</td>
        <td data-label={t('assignee')} data-testid="assignee">
          {item.assigneeName ?? <span class="muted">{t('unassigned')}</span>}
        </td>
        <td data-label={t('statusFilter')}>
          <StatusChip status={item.status} />
        </td>
        <td data-label={t('colSlaLeft')} data-testid="sla-left">
          <SlaLeft item={item} />
        </td>
        <td class="col-actions">
          {item.assigneeId !== me && (
            <button type="button" class="btn btn--small" data-action="take" onClick={take} disabled={busy}>
              {t('take')}
            </button>
          )}
          <button
            type="button"
            class="btn btn--small"
            data-action="assign"
            aria-expanded={panel === 'assign'}
            onClick={() => setPanel(panel === 'assign' ? null : 'assign')}
          >
            {t('assignToMenu')}
          </button>
        </td>
      </tr>
      {panel && (
        <tr class="queue-panel">
          <td colSpan={7}>
            <AssignPanel
              item={item}
              me={me}
              agents={agents}
              taking={panel === 'take'}
              onClose={() => setPanel(null)}
              onDone={done}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** Working time left (or overdue), or why there is none: a breach already recorded, a paused clock. */
function SlaLeft({ item }: { item: RequestListItem }) {
  const { t } = useI18n();
  const { slaLeft, sla } = item;
  return (
    <span class="sla-cell">
      {slaLeft && <span class={`sla-left${slaLeft.overdue ? ' sla-left--overdue' : ''}`}>{slaLeft.text}</span>}
      {sla.breached && !slaLeft?.overdue && <span class="badge badge--danger">{t('slaBreached')}</span>}
      {sla.paused && <span class="badge badge--muted">{t('slaPaused')}</span>}
    </span>
  );
}
