/**
 * The team queue as a workspace: who asked, what, who works on it, its status and the working time
 * left, breached first; search and filters run on the server (one Query a page, so they hold for a
 * team with hundreds of open requests), and requests are taken, assigned or bulk-assigned in place.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RequestListItem } from '../api/types';
import { PageHeader } from '../components/ui';
import { loadDirectory, loadServices, teamAgents, useAsync } from '../data';
import { useI18n, useSession } from '../hooks';
import { teamName } from '../org';
import { usePagedRequests } from '../paged';
import { RequestList } from './MyRequests';
import { BulkAssign } from './queue/assign';
import { QueueFilters, TeamPicker, type Filters } from './queue/filters';
import { QueueTable } from './queue/table';

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
