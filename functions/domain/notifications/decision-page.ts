/**
 * The small HTML pages behind the approve-by-e-mail link: a confirmation form (the GET changes
 * nothing, so link scanners are harmless) and the outcome. All user text is escaped.
 */
import type { Locale } from '../catalog/schema';
import { escapeHtml } from './templates';

const TEXT = {
  en: {
    title: 'Approval',
    approve: 'Approve',
    reject: 'Reject',
    return: 'Return for changes',
    comment: 'Comment (required to reject or return)',
    requester: 'Requester',
    stage: 'Stage',
    done: { approve: 'Approved. Thank you!', reject: 'Rejected.', return: 'Returned to the requester.' },
    open: 'Open the request in the portal',
  },
  ru: {
    title: 'Согласование',
    approve: 'Согласовать',
    reject: 'Отклонить',
    return: 'Вернуть на доработку',
    comment: 'Комментарий (обязателен, чтобы отклонить или вернуть)',
    requester: 'Заявитель',
    stage: 'Этап',
    done: { approve: 'Согласовано. Спасибо!', reject: 'Отклонено.', return: 'Возвращено заявителю.' },
    open: 'Открыть заявку на портале',
  },
} as const;

const page = (locale: Locale, title: string, body: string) => `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}
dt{font-weight:600}dd{margin:0 0 .5rem}textarea{width:100%;min-height:5rem;font:inherit}
button{font:inherit;padding:.6rem 1rem;margin:.5rem .5rem 0 0;border-radius:6px;border:1px solid #1d4ed8;cursor:pointer}
button[value=approve]{background:#1d4ed8;color:#fff}button:focus-visible{outline:3px solid #f59e0b}</style></head>
<body><main>${body}</main></body></html>`;

export interface DecisionSummary {
  serviceTitle: string;
  requesterName: string;
  stageTitle: string;
  fields: { label: string; value: string }[];
  link: string;
}

export function confirmPage(locale: Locale, token: string, summary: DecisionSummary): string {
  const t = TEXT[locale];
  const rows = [
    [t.requester, summary.requesterName],
    [t.stage, summary.stageTitle],
    ...summary.fields.map((f) => [f.label, f.value]),
  ]
    .map(([label, value]) => `<dt>${escapeHtml(label ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
    .join('');
  return page(
    locale,
    `${t.title}: ${summary.serviceTitle}`,
    `<h1>${escapeHtml(summary.serviceTitle)}</h1><dl>${rows}</dl>
<form method="post" action="/api/email-decision"><input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="comment">${t.comment}</label><textarea id="comment" name="comment" maxlength="10000"></textarea>
<button type="submit" name="decision" value="approve">${t.approve}</button>
<button type="submit" name="decision" value="reject">${t.reject}</button>
<button type="submit" name="decision" value="return">${t.return}</button></form>
<p><a href="${escapeHtml(summary.link)}">${t.open}</a></p>`,
  );
}

export function outcomePage(locale: Locale, message: string, link?: string): string {
  const t = TEXT[locale];
  return page(
    locale,
    t.title,
    `<h1>${t.title}</h1><p role="status">${escapeHtml(message)}</p>${link ? `<p><a href="${escapeHtml(link)}">${t.open}</a></p>` : ''}`,
  );
}

export const doneMessage = (locale: Locale, decision: 'approve' | 'reject' | 'return') => TEXT[locale].done[decision];
