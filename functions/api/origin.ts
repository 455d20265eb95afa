/**
 * The API is served through CloudFront only (security review F9): a request sent to the HTTP API's
 * own `*.execute-api` host skips the WAF web ACL and the security headers CloudFront adds.
 *
 * CloudFront adds ORIGIN_HEADER, with a secret value, to every request it forwards to the API
 * (lib/constructs/portal-web.ts; it overwrites a header of that name sent by the viewer). Every API
 * function gets the same value in ORIGIN_SECRET and refuses a request without it, with 403 in the
 * API's error shape, before any route is matched or any handler runs. The header is removed before
 * the handlers see the request.
 *
 * - ORIGIN_SECRET unset: no check. That is the local runtime, where no CloudFront stands in front.
 * - ORIGIN_SECRET set: enforced, fail closed. An empty value matches no request.
 *
 * The expected value comes from the environment, not from Secrets Manager at run time: no network
 * call at cold start or per request. It is no more exposed there than in the distribution's own
 * configuration, which holds it in clear text for anyone allowed to read it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { localeFromHeader } from '../domain/i18n';
import { ENV } from '../shared/env';

/** The header CloudFront adds to every request it forwards to the API (lower case, as the event carries it). */
export const ORIGIN_HEADER = 'x-portal-origin-verify';

const REFUSED = {
  en: "Call the API through the portal's address: its direct endpoint is not served",
  ru: 'Обращайтесь к API по адресу портала: прямой адрес API не обслуживается',
} as const;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The event as the handlers get it: refused (DomainError `forbidden`) unless it came through
 * CloudFront, whenever ORIGIN_SECRET is set; without ORIGIN_HEADER either way.
 */
export function throughCloudFront(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const expected = process.env[ENV.originSecret];
  const entries = Object.entries(event.headers ?? {});
  const sent = entries.find(([name]) => name.toLowerCase() === ORIGIN_HEADER)?.[1];
  if (expected !== undefined) {
    // Equal-length digests, compared in constant time: the answer's timing says nothing about the secret.
    const valid = expected !== '' && sent !== undefined && timingSafeEqual(digest(sent), digest(expected));
    if (!valid) {
      const locale = localeFromHeader(entries.find(([name]) => name.toLowerCase() === 'accept-language')?.[1]);
      throw new DomainError('forbidden', REFUSED[locale ?? 'en']);
    }
  }
  if (sent === undefined) return event;
  return { ...event, headers: Object.fromEntries(entries.filter(([name]) => name.toLowerCase() !== ORIGIN_HEADER)) };
}
