/**
 * The small HTML pages behind the approve-by-e-mail link, all escaped and none changing anything but
 * the last: the opener (GET: a tiny script posts the token from the link's fragment, so the token is
 * never in a URL a server sees), the confirmation form (the request's summary, the three buttons) and
 * the outcome. Their CSP allows no script but the opener's own, pinned by its hash.
 */
import { createHash } from 'node:crypto';
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
    opening: 'Opening the approval…',
    missing: 'This link is incomplete. Open it again from the e-mail, or decide in the portal.',
    noScript:
      'This page needs JavaScript to read the link from your e-mail. Without JavaScript, sign in to the portal and decide there.',
    approvals: 'Your approvals in the portal',
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
    opening: 'Открываем согласование…',
    missing: 'Ссылка неполная. Откройте её ещё раз из письма или примите решение на портале.',
    noScript:
      'Этой странице нужен JavaScript, чтобы прочитать ссылку из письма. Без JavaScript войдите на портал и примите решение там.',
    approvals: 'Ваши согласования на портале',
  },
} as const;

/**
 * The opener's one script: takes the token from the fragment, drops the fragment from the address bar
 * and the browser history, and posts the token (POST bodies are in no access log). A link without a
 * token shows the way to the portal instead.
 */
export const OPENER_SCRIPT = String.raw`(function(){var m=/(?:^#|&)token=([\w-]{1,199})(?:&|$)/.exec(location.hash);history.replaceState(null,'',location.pathname);document.getElementById(m?'opening':'missing').hidden=false;if(m){var f=document.getElementById('open');f.elements.token.value=m[1];f.submit()}})();`;

const STRICT = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
];
/** The CSP of the confirmation and outcome pages: no script at all (as CloudFront's default for the API). */
export const PAGE_CSP = STRICT.join('; ');
/** The opener's CSP: that one inline script, by its SHA-256, and nothing else. */
export const OPENER_CSP = [
  ...STRICT,
  `script-src 'sha256-${createHash('sha256').update(OPENER_SCRIPT).digest('base64')}'`,
].join('; ');

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

/** GET /email-decision: reads the token from the fragment and posts it; without JavaScript, points to the portal. */
export function openerPage(locale: Locale, approvalsLink: string): string {
  const t = TEXT[locale];
  const portal = `<a href="${escapeHtml(approvalsLink)}">${t.approvals}</a>`;
  return page(
    locale,
    t.title,
    `<h1>${t.title}</h1><p id="opening" role="status" hidden>${t.opening}</p>
<p id="missing" hidden>${t.missing} ${portal}</p>
<noscript><p>${t.noScript} ${portal}</p></noscript>
<form id="open" method="post" action="/api/email-decision"><input type="hidden" name="token"></form>
<script>${OPENER_SCRIPT}</script>`,
  );
}

/** The end of the road: what happened, and where to go on (the request, or the portal's approvals list). */
export function outcomePage(
  locale: Locale,
  message: string,
  links: { request?: string; approvals?: string } = {},
): string {
  const t = TEXT[locale];
  const link = (href: string | undefined, label: string) =>
    href ? `<p><a href="${escapeHtml(href)}">${label}</a></p>` : '';
  return page(
    locale,
    t.title,
    `<h1>${t.title}</h1><p role="status">${escapeHtml(message)}</p>${link(links.request, t.open)}${link(links.approvals, t.approvals)}`,
  );
}

export const doneMessage = (locale: Locale, decision: 'approve' | 'reject' | 'return') => TEXT[locale].done[decision];
