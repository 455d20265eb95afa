/**
 * The e-mails, in Russian and English: a subject that says what is needed, plain text and HTML.
 * Every piece of user text (names, titles, comments, field values) is HTML-escaped: SES does not.
 */
import type { Locale } from '../catalog/schema';
import type { NoticeKind } from './plan';

export interface MailContext {
  requestId: string;
  serviceTitle: string;
  requesterName: string;
  actorName: string;
  recipientName: string;
  comment?: string;
  /** A comment digest (two or more comments, oldest first); `more` when the portal has others not quoted. */
  comments?: { actorName: string; text: string }[];
  moreComments?: boolean;
  stageTitle?: string;
  dueAt?: string | null;
  /** The request in the portal. */
  link: string;
  /** Approve-from-e-mail page, for approval requests. */
  decisionLink?: string;
  timeZone: string;
}

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

type Copy = { subject: string; lead: string; action?: string };
type Texts = Record<NoticeKind, Record<Locale, Copy>>;

/** `{service}`, `{requester}`, `{actor}`, `{stage}`, `{due}` are filled in (escaped in HTML). */
const TEXTS: Texts = {
  submitted: {
    en: {
      subject: 'Request received: {service}',
      lead: 'We received your request "{service}". You can follow it in the portal.',
    },
    ru: {
      subject: 'Заявка принята: {service}',
      lead: 'Ваша заявка «{service}» принята. Следить за ней можно на портале.',
    },
  },
  approval_needed: {
    en: {
      subject: 'Approval needed: {service} — {requester}',
      lead: '{requester} asks for your approval ({stage}) of "{service}". Please decide by {due}.',
      action: 'Approve, reject or return',
    },
    ru: {
      subject: 'Требуется согласование: {service} — {requester}',
      lead: '{requester} просит вас согласовать ({stage}) заявку «{service}». Срок решения: {due}.',
      action: 'Согласовать, отклонить или вернуть',
    },
  },
  approval_overdue: {
    en: {
      subject: 'Approval overdue, nobody to escalate to: {service} — {requester}',
      lead: 'The approval ({stage}) of "{service}" from {requester} was due {due}. Nobody is left to escalate it to: please make sure someone decides.',
      action: 'Open the request',
    },
    ru: {
      subject: 'Согласование просрочено, эскалировать некому: {service} — {requester}',
      lead: 'Согласование ({stage}) заявки «{service}» (заявитель: {requester}) нужно было завершить до {due}. Эскалировать его больше некому: проследите, чтобы решение было принято.',
      action: 'Открыть заявку',
    },
  },
  approved: {
    en: { subject: 'Approved: {service}', lead: '{actor} approved your request "{service}" ({stage}).' },
    ru: { subject: 'Согласовано: {service}', lead: '{actor} согласовал(а) вашу заявку «{service}» ({stage}).' },
  },
  rejected: {
    en: { subject: 'Rejected: {service}', lead: '{actor} rejected your request "{service}" ({stage}).' },
    ru: { subject: 'Отклонено: {service}', lead: '{actor} отклонил(а) вашу заявку «{service}» ({stage}).' },
  },
  returned: {
    en: {
      subject: 'Changes needed: {service}',
      lead: '{actor} returned your request "{service}" for changes. Update it and send it again.',
      action: 'Open and update',
    },
    ru: {
      subject: 'Нужны исправления: {service}',
      lead: '{actor} вернул(а) вашу заявку «{service}» на доработку. Исправьте её и отправьте снова.',
      action: 'Открыть и исправить',
    },
  },
  assigned: {
    en: {
      subject: 'Assigned to you: {service} — {requester}',
      lead: 'The request "{service}" from {requester} is assigned to you. Resolve it by {due}.',
      action: 'Open the request',
    },
    ru: {
      subject: 'Назначено вам: {service} — {requester}',
      lead: 'Вам назначена заявка «{service}» (заявитель: {requester}). Срок решения: {due}.',
      action: 'Открыть заявку',
    },
  },
  info_requested: {
    en: {
      subject: 'Information needed: {service}',
      lead: '{actor} needs more information about your request "{service}". The deadline is paused until you answer.',
      action: 'Answer',
    },
    ru: {
      subject: 'Нужна информация: {service}',
      lead: '{actor} просит уточнить вашу заявку «{service}». Срок приостановлен до вашего ответа.',
      action: 'Ответить',
    },
  },
  info_provided: {
    en: {
      subject: 'Requester replied: {service}',
      lead: '{requester} answered on "{service}". The deadline runs again.',
      action: 'Open the request',
    },
    ru: {
      subject: 'Заявитель ответил: {service}',
      lead: '{requester} ответил(а) по заявке «{service}». Срок снова идёт.',
      action: 'Открыть заявку',
    },
  },
  comment: {
    en: { subject: 'New comment: {service}', lead: '{actor} commented on "{service}".' },
    ru: { subject: 'Новый комментарий: {service}', lead: '{actor} прокомментировал(а) заявку «{service}».' },
  },
  resolved: {
    en: {
      subject: 'Resolved: {service}',
      lead: '{actor} resolved your request "{service}". Not right? You can reopen it within 7 days.',
      action: 'Check and close or reopen',
    },
    ru: {
      subject: 'Выполнено: {service}',
      lead: '{actor} выполнил(а) вашу заявку «{service}». Если что-то не так, её можно переоткрыть в течение 7 дней.',
      action: 'Проверить и закрыть или переоткрыть',
    },
  },
  sla_warning: {
    en: {
      subject: 'Deadline approaching: {service}',
      lead: 'The request "{service}" from {requester} is due {due}. 75 % of its time is used.',
      action: 'Open the request',
    },
    ru: {
      subject: 'Срок подходит: {service}',
      lead: 'Срок по заявке «{service}» (заявитель: {requester}) — {due}. Использовано 75 % времени.',
      action: 'Открыть заявку',
    },
  },
  sla_breached: {
    en: {
      subject: 'Deadline missed: {service}',
      lead: 'The request "{service}" from {requester} missed its deadline ({due}) and is escalated to the team lead.',
      action: 'Open the request',
    },
    ru: {
      subject: 'Срок нарушен: {service}',
      lead: 'По заявке «{service}» (заявитель: {requester}) нарушен срок ({due}); заявка эскалирована руководителю команды.',
      action: 'Открыть заявку',
    },
  },
};

const GREETING = { en: 'Hello, {name}!', ru: 'Здравствуйте, {name}!' };
const FOOTER = {
  en: 'Backoffice Portal · request #{id}. You receive this because you take part in the request.',
  ru: 'Портал бэк-офиса · заявка №{id}. Вы получили это письмо как участник заявки.',
};
const COMMENT = { en: 'Comment', ru: 'Комментарий' };
/** The subject and lead of a comment digest (`{count}` comments). */
const DIGEST: Record<Locale, Copy> = {
  en: { subject: 'New comments ({count}): {service}', lead: '{count} new comments on "{service}".' },
  ru: { subject: 'Новые комментарии ({count}): {service}', lead: 'Новые комментарии к заявке «{service}»: {count}.' },
};
/** Every comment e-mail says how they come, so nobody takes a quiet inbox for a quiet request. */
const DIGEST_NOTE = {
  en: 'Comments on a request are e-mailed at most once every 10 minutes; the portal shows the whole conversation.',
  ru: 'Комментарии к заявке приходят письмом не чаще раза в 10 минут; весь разговор виден на портале.',
};
const MORE_COMMENTS = {
  en: 'There are more comments than this e-mail quotes: see the portal.',
  ru: 'Комментариев больше, чем в этом письме: смотрите на портале.',
};
const OPEN = { en: 'Open in the portal', ru: 'Открыть на портале' };

function formatDue(due: string | null | undefined, locale: Locale, timeZone: string): string {
  if (!due) return locale === 'ru' ? 'срок приостановлен' : 'paused';
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(due));
}

const fill = (template: string, values: Record<string, string>, escape: (s: string) => string) =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? escape(values[key] as string) : m));

/** A digest's comments, or the one comment, as text lines; comment e-mails end with how they come. */
function commentText(kind: NoticeKind, ctx: MailContext, locale: Locale): string[] {
  const quoted = ctx.comments && ctx.comments.length > 1 ? ctx.comments : undefined;
  const lines = quoted
    ? ['', ...quoted.map((c) => `${c.actorName}: ${c.text}`)]
    : ctx.comment
      ? ['', `${COMMENT[locale]}: ${ctx.comment}`]
      : [];
  if (kind !== 'comment') return lines;
  return [...lines, ...(ctx.moreComments ? ['', MORE_COMMENTS[locale]] : []), '', DIGEST_NOTE[locale]];
}

const QUOTE = 'border-left:3px solid #cbd5e1;margin:0 0 8px;padding:4px 12px;color:#374151';

function commentHtml(kind: NoticeKind, ctx: MailContext, locale: Locale): string {
  const quoted = ctx.comments && ctx.comments.length > 1 ? ctx.comments : undefined;
  const quotes = quoted
    ? quoted
        .map(
          (c) =>
            `<blockquote style="${QUOTE}"><strong>${escapeHtml(c.actorName)}:</strong> ${escapeHtml(c.text)}</blockquote>`,
        )
        .join('\n')
    : ctx.comment
      ? `<blockquote style="${QUOTE}"><strong>${COMMENT[locale]}:</strong> ${escapeHtml(ctx.comment)}</blockquote>`
      : '';
  if (kind !== 'comment') return quotes;
  const more = ctx.moreComments ? `<p>${MORE_COMMENTS[locale]}</p>` : '';
  return `${quotes}${more}<p style="color:#6b7280;font-size:12px">${DIGEST_NOTE[locale]}</p>`;
}

/** What the `{…}` placeholders of the copy stand for. */
const valuesOf = (ctx: MailContext, locale: Locale) => ({
  service: ctx.serviceTitle,
  requester: ctx.requesterName,
  actor: ctx.actorName,
  stage: ctx.stageTitle ?? '',
  due: formatDue(ctx.dueAt, locale, ctx.timeZone),
  name: ctx.recipientName,
  id: ctx.requestId.slice(-6),
  count: String(ctx.comments?.length ?? 1),
});

export function renderMail(kind: NoticeKind, ctx: MailContext, locale: Locale): Mail {
  const digest = kind === 'comment' && (ctx.comments?.length ?? 0) > 1;
  const copy = digest ? DIGEST[locale] : TEXTS[kind][locale];
  const values = valuesOf(ctx, locale);
  const plain = (s: string) => s;
  const actionLink = ctx.decisionLink ?? ctx.link;
  const text = [
    fill(GREETING[locale], values, plain),
    '',
    fill(copy.lead, values, plain),
    ...commentText(kind, ctx, locale),
    '',
    `${copy.action ?? OPEN[locale]}: ${actionLink}`,
    ...(ctx.decisionLink ? [`${OPEN[locale]}: ${ctx.link}`] : []),
    '',
    fill(FOOTER[locale], values, plain),
  ].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1f2937;line-height:1.5">
<p>${fill(GREETING[locale], values, escapeHtml)}</p>
<p>${fill(copy.lead, values, escapeHtml)}</p>
${commentHtml(kind, ctx, locale)}
<p><a href="${escapeHtml(actionLink)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(copy.action ?? OPEN[locale])}</a></p>
${ctx.decisionLink ? `<p><a href="${escapeHtml(ctx.link)}">${OPEN[locale]}</a></p>` : ''}
<p style="color:#6b7280;font-size:12px">${fill(FOOTER[locale], values, escapeHtml)}</p>
</body></html>`;
  return { subject: fill(copy.subject, values, plain).replace(/[\r\n]+/g, ' '), text, html };
}
