/** The request's history, oldest first: who did what and when, with comments and status changes. */
import type { HistoryEvent, RequestDetail, Service } from '../api/types';
import { formatDateTime } from '../format';
import { useI18n } from '../hooks';
import type { UiKey } from '../i18n';
import { Avatar, StatusChip } from './ui';

type T = (key: UiKey, params?: Record<string, string | number>) => string;

const STAGE_EVENTS = new Set([
  'approved',
  'rejected',
  'returned',
  'stage_completed',
  'approval_escalated',
  'approval_overdue',
]);

/** To whom an escalation went (named in the event; older events only by id); nobody, when none was left. */
function escalationTitle(data: Record<string, unknown>, stage: string, request: RequestDetail, t: T): string {
  const to = typeof data.escalatedTo === 'string' ? data.escalatedTo : null;
  if (!to) return t('ev_approval_overdue', { stage });
  const approver = request.approvals.flatMap((s) => s.approvers).find((a) => a.id === to);
  const name = typeof data.escalatedToName === 'string' ? data.escalatedToName : (approver?.name ?? to);
  return t('ev_approval_escalated', { stage, name });
}

function assignedTitle(data: Record<string, unknown>, t: T): string {
  // Whose request it was (take and assign record it): a hand-over says from whom.
  const from = typeof data.from === 'string' ? data.from : null;
  if (data.reason === 'taken') return from ? t('ev_takenFrom', { from }) : t('ev_taken');
  const name = String(data.assigneeName ?? '');
  if (data.reason === 'auto') return `${t('ev_assigned', { name })} (${t('autoAssigned')})`;
  return from ? t('ev_reassigned', { name, from }) : t('ev_assigned', { name });
}

export function eventTitle(event: HistoryEvent, request: RequestDetail, t: T): string {
  const data = event.data ?? {};
  if (event.type === 'assigned') return assignedTitle(data, t);
  if (STAGE_EVENTS.has(event.type)) {
    const stage = request.approvals.find((s) => s.stage === data.stage)?.title ?? String(data.stage ?? '');
    if (event.type === 'approval_escalated') return escalationTitle(data, stage, request, t);
    return t(`ev_${event.type}`, { stage });
  }
  if (event.type === 'sla_warning' || event.type === 'sla_breached')
    return t(`ev_${event.type}`, { clock: t(data.clock === 'response' ? 'clock_response' : 'clock_resolution') });
  return t(`ev_${event.type}`);
}

function changedFields(event: HistoryEvent, service: Service | undefined): string | null {
  const changed = event.data?.changedFields;
  if (!Array.isArray(changed) || changed.length === 0) return null;
  return changed.map((id) => service?.form.properties[String(id)]?.title ?? String(id)).join(', ');
}

export function Timeline({ request, service }: { request: RequestDetail; service: Service | undefined }) {
  const { t, locale } = useI18n();
  return (
    <ol class="timeline" data-testid="timeline">
      {request.history.map((event) => {
        const changed = changedFields(event, service);
        const actor = event.actorId === 'system' ? t('appName') : event.actorName;
        return (
          <li
            key={event.seq}
            class={`event event--${event.type}${event.internal ? ' event--internal' : ''}`}
            data-event={event.type}
          >
            <Avatar name={actor} />
            <div class="event-body">
              <p class="event-head">
                <strong>{actor}</strong> <span>{eventTitle(event, request, t)}</span>
                {event.internal && <span class="badge badge--internal">{t('internalBadge')}</span>}
                {event.data?.channel === 'email' && <span class="badge badge--muted">{t('viaEmail')}</span>}
              </p>
              <p class="event-meta">
                <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
                {event.to && event.from !== event.to && (
                  <span class="event-status">
                    {event.from && <StatusChip status={event.from} />}
                    {event.from && <span aria-hidden="true">→</span>}
                    <StatusChip status={event.to} />
                  </span>
                )}
              </p>
              {changed && <p class="small muted">{t('changedFields', { fields: changed })}</p>}
              {event.comment && <p class="event-comment">{event.comment}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
