import { DomainError } from '../domain/errors';
import { localeFromHeader } from '../domain/i18n';
import type { Locale } from '../domain/catalog/schema';
import { confirmPage, doneMessage, outcomePage } from '../domain/notifications/decision-page';
import { decideByMail, openLink, requestLink, summaryOf } from '../usecases/email-decision';
import { httpHandler, type HttpResponse, type PublicHttpRequest } from '../shared/http';
import { parseWith } from '../shared/parse';
import { emailDecisionBody } from './schemas';

const STATUS: Partial<Record<string, number>> = { not_found: 404, conflict: 409, gone: 410, validation_failed: 400 };

const html = (status: number, raw: string): HttpResponse => ({
  status,
  raw,
  // The page carries a token: keep it out of caches and referrers.
  headers: { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' },
});

/** The page's language: the header, else the approver's own, else English. */
const pageLocale = (request: PublicHttpRequest, fallback: Locale) =>
  localeFromHeader(request.headers['accept-language']) ?? fallback;

async function asPage(request: PublicHttpRequest, work: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return html(STATUS[error.code] ?? 400, outcomePage(request.locale, error.message));
  }
}

const isForm = (request: PublicHttpRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

export const handler = httpHandler(
  {},
  {
    'GET /email-decision': (request) =>
      asPage(request, async () => {
        const token = request.query.token ?? '';
        const link = await openLink(token, request.locale);
        const locale = pageLocale(request, link.approver.locale);
        return html(200, confirmPage(locale, token, summaryOf(link, locale)));
      }),
    'POST /email-decision': async (request) => {
      const input = parseWith(emailDecisionBody, request.body, { locale: request.locale });
      const comment = input.comment?.trim() || undefined;
      if (!isForm(request))
        return { status: 200, body: await decideByMail(input.token, input.decision, comment, request.locale) };
      return asPage(request, async () => {
        const decided = await decideByMail(input.token, input.decision, comment, request.locale);
        return html(
          200,
          outcomePage(request.locale, doneMessage(request.locale, input.decision), requestLink(decided.id)),
        );
      });
    },
  },
);
