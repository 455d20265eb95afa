/** Small shared pieces: status chips, countdowns, loading, empty and error states, toasts. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { ApprovalStatus, RequestStatus } from '../api/types';
import { useNow } from '../clock';
import { formatDateTime, formatDuration } from '../format';
import { useI18n } from '../hooks';
import { Link } from '../router';
import { useStore } from '../store';
import { dismissToast, errorText, toastStore } from '../toasts';

export function StatusChip({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return <span class={`chip chip--${status}`}>{t(`st_${status}`)}</span>;
}

/** A stage's status, or for a pending stage not deciding yet "next" / "not started" (components/stages.tsx). */
export function StageChip({ status }: { status: ApprovalStatus | 'next' | 'not_started' }) {
  const { t } = useI18n();
  return <span class={`chip chip--ap-${status}`}>{t(`ap_${status}`)}</span>;
}

/** Under 4 business... wall-clock hours left counts as "soon". */
const SOON_MS = 4 * 3600_000;

/** "in 2 d 4 h" or "3 h overdue", with the exact time on hover and for screen readers. */
export function Countdown({ due, paused = false }: { due: string; paused?: boolean }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const left = Date.parse(due) - now;
  const state = left < 0 ? 'overdue' : left < SOON_MS ? 'soon' : 'ok';
  const label =
    left < 0
      ? t('overdueBy', { time: formatDuration(left, locale) })
      : t('dueIn', { time: formatDuration(left, locale) });
  return (
    <span class={`countdown countdown--${paused ? 'paused' : state}`}>
      <time dateTime={due} title={formatDateTime(due, locale)}>
        {label}
      </time>
      <span class="countdown-date"> · {formatDateTime(due, locale)}</span>
    </span>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div class="error-state" role="alert">
      <h2>{notFound ? t('notFoundTitle') : t('errorTitle')}</h2>
      <p>{errorText(error)}</p>
      {notFound && (
        <Link class="btn" href="/">
          {t('browseServices')}
        </Link>
      )}
      {retry && !notFound && (
        <button type="button" class="btn" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function PageHeader({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  const app = t('appName');
  useEffect(() => {
    document.title = `${title} · ${app}`;
  }, [title, app]);
  return (
    <div class="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {intro && <p class="lead">{intro}</p>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}

export function Toasts() {
  const { t } = useI18n();
  const { current } = useStore(toastStore);
  return (
    <div class="toasts" aria-live="polite" aria-label={t('notifications')} role="region">
      {current && (
        <div
          key={current.id}
          class={`toast toast--${current.kind}`}
          role={current.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{current.text}</span>
          <button
            type="button"
            class="toast-close"
            aria-label={t('dismiss')}
            title={t('dismiss')}
            onClick={() => dismissToast(current.id)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />
            </svg>
          </button>
        </div>
      )}
    </div>
  );
}

/** A person's initials on a coloured disc (decorative). */
export function Avatar({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0] ?? '')
    .join('')
    .toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span class="avatar" aria-hidden="true" style={{ background: `hsl(${hash} 45% 30%)` }}>
      {initials}
    </span>
  );
}
