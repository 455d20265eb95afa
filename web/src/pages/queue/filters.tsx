/** The queue's team and filters: search words, service, status and assignee, all asked of the server. */
import { isInQueue, STATUSES } from '../../../../functions/domain/requests/model';
import type { Person, Service } from '../../api/types';
import { useI18n } from '../../hooks';
import { teamName } from '../../org';

const QUEUED = STATUSES.filter(isInQueue);

export function TeamPicker({ teams, team, set }: { teams: string[]; team: string; set(team: string): void }) {
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

export interface Filters {
  search: string;
  serviceId: string;
  status: string;
  /** A user id, `none` (unassigned) or '' (anyone). */
  assigneeId: string;
}

export function QueueFilters(props: {
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
