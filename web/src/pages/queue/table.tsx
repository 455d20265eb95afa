/** The queue as a table: one row a request, with take and assign in place and a box to select it. */
import { useState } from 'preact/hooks';
import type { Person, RequestListItem } from '../../api/types';
import { StatusChip } from '../../components/ui';
import { useSubmit } from '../../forms/useSubmit';
import { shortId } from '../../format';
import { useI18n } from '../../hooks';
import { Link } from '../../router';
import { RowSummary } from '../MyRequests';
import { AssignPanel, assignRequest } from './assign';

export function QueueTable(props: {
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
  const { busy, run } = useSubmit(onChanged);
  const code = shortId(item.id);
  const late = item.sla.breached || item.slaLeft?.overdue === true;
  // A colleague's request is only taken over after a question.
  const take = () =>
    item.assigneeId === null ? void run('take', () => assignRequest(item, null), t('taken')) : setPanel('take');
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
            <button type="button" class="btn btn--small" data-action="take" onClick={take} disabled={busy !== null}>
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
