/**
 * The approve-by-e-mail pages. The mailed link is `/api/email-decision#token=…`: the browser asks for
 * the bare path (the fragment never leaves it), the opener page posts the token, the confirmation page
 * shows the request with the three buttons, and only their POST decides. No token is ever in a URL a
 * server, CDN or firewall logs.
 */
import { clock } from '../adapters/clock';
import { delegatorsOf } from '../adapters/store/absences';
import { getStageToken } from '../adapters/store/approvals';
import { getMailToken, useMailToken } from '../adapters/store/notifications';
import { commitChange, getRequest } from '../adapters/store/requests';
import { stepFunctions } from '../adapters/workflow';
import { catalog } from '../usecases/catalog';
import { DomainError } from '../domain/errors';
import { localeFromHeader, t } from '../domain/i18n';
import type { Locale } from '../domain/catalog/schema';
import { approvalsUrl } from '../domain/notifications/decision-link';
import {
  confirmPage,
  doneMessage,
  OPENER_CSP,
  openerPage,
  outcomePage,
  PAGE_CSP,
} from '../domain/notifications/decision-page';
import { decideByMail, openLink, summaryOf } from '../usecases/email-decision';
import { ENV, requiredEnv } from '../shared/env';
import { httpHandler, STATUS, type HttpResponse, type PublicHttpRequest } from './http';
import { logger } from '../shared/logger';
import { parseWith } from './parse';
import { emailDecisionBody, emailDecisionOpenBody } from './schemas';

const ports = {
  clock,
  directory: catalog,
  requests: { getRequest, commitChange },
  approvals: { getStageToken },
  absences: { delegatorsOf },
  notifications: { getMailToken, useMailToken },
  workflows: stepFunctions,
};

/** Our own CSP on every page (CloudFront keeps an origin's CSP): the opener's script, by hash, is the only one. */
const html = (status: number, raw: string, csp = PAGE_CSP): HttpResponse => ({
  status,
  raw,
  // The pages carry a token: keep it out of caches (no-store comes with every answer) and referrers.
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'referrer-policy': 'no-referrer',
    'content-security-policy': csp,
  },
});

const approvalsLink = () => approvalsUrl(requiredEnv(ENV.portalUrl));
const requestLink = (requestId: string) => `${requiredEnv(ENV.portalUrl)}/requests/${requestId}`;

/** The page's language: the header, else the approver's own, else English. */
const pageLocale = (request: PublicHttpRequest, fallback: Locale) =>
  localeFromHeader(request.headers['accept-language']) ?? fallback;

async function asPage(request: PublicHttpRequest, work: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return html(STATUS[error.code], outcomePage(request.locale, error.message, { approvals: approvalsLink() }));
  }
}

const isForm = (request: PublicHttpRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

const hasDecision = (body: unknown) => typeof body === 'object' && body !== null && 'decision' in body;

/** The opener's post (the token alone): the confirmation page. Changes nothing. */
async function confirmation(request: PublicHttpRequest) {
  const { token } = parseWith(emailDecisionOpenBody, request.body, { locale: request.locale });
  const link = await openLink(ports, token, request.locale);
  const locale = pageLocale(request, link.approver.locale);
  return html(200, confirmPage(locale, token, { ...summaryOf(link, locale), link: requestLink(link.request.id) }));
}

export const handler = httpHandler(
  {},
  {
    'GET /email-decision': async (request) => {
      // A token in the query comes from a link mailed before tokens moved to the fragment: whoever opened
      // it wrote it into the access logs, so it is refused unread (the portal decides as well).
      if (request.query.token !== undefined)
        return html(
          410,
          outcomePage(request.locale, t(request.locale, 'mailLinkExpired'), { approvals: approvalsLink() }),
        );
      return html(200, openerPage(request.locale, approvalsLink()), OPENER_CSP);
    },
    'POST /email-decision': async (request) => {
      if (isForm(request) && !hasDecision(request.body)) return asPage(request, () => confirmation(request));
      const input = parseWith(emailDecisionBody, request.body, { locale: request.locale });
      const comment = input.comment?.trim() || undefined;
      const decide = async () => {
        const decided = await decideByMail(ports, input.token, input.decision, comment, request.locale);
        // A decision without a sign-in: where it came from is kept (the history names the approver and the channel).
        logger.info('Decided by e-mail link', {
          requestId: decided.id,
          decision: input.decision,
          forwardedFor: request.headers['x-forwarded-for'],
        });
        return decided;
      };
      if (!isForm(request)) return { status: 200, body: await decide() };
      return asPage(request, async () => {
        const decided = await decide();
        return html(
          200,
          outcomePage(request.locale, doneMessage(request.locale, input.decision), {
            request: requestLink(decided.id),
          }),
        );
      });
    },
  },
);
