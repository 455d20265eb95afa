/**
 * The one middy chain every HTTP handler goes through: the origin check (in the cloud, only requests
 * that came through CloudFront: api/origin.ts), size limit, JSON parsing, the caller (from the
 * JWT authorizer's claims), language, dispatch by route, and the single place where errors become HTTP
 * responses.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Locale } from '../domain/catalog/schema';
import { DomainError, type ErrorCode } from '../domain/errors';
import { localeFromHeader, t } from '../domain/i18n';
import type { Principal } from '../domain/requests/model';
import { principalOf, type CallerDirectory } from '../adapters/auth/claims';
import { API_BASE } from './routes';
import { logger } from '../shared/logger';
import { spendRead } from './read-allowance';
import { throughCloudFront } from './origin';

export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpRequest {
  locale: Locale;
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
  /** The raw body, for idempotency fingerprints. */
  rawBody: string;
}
export type PublicHttpRequest = Omit<HttpRequest, 'principal'> & { principal?: Principal };

export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Non-JSON bodies (e.g. the e-mail decision page). */
  raw?: string;
}

/** A change's `Idempotency-Key` call, for functions/usecases/idempotency.ts: who, to what, with which key and body. */
export const keyedCall = (request: HttpRequest, scope: string) => ({
  callerId: request.principal.id,
  scope,
  key: request.headers['idempotency-key'],
  body: request.body,
  locale: request.locale,
});

type Handler<R> = (request: R) => Promise<HttpResponse>;
/** Handlers by route key relative to the API base, e.g. `GET /requests/{id}`. */
export type RouteTable = Record<string, Handler<HttpRequest>>;
export type PublicRouteTable = Record<string, Handler<PublicHttpRequest>>;

/** The one table from error codes to HTTP statuses (JSON answers here, HTML pages in email-decision.ts). */
export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
};

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { ...BASE_HEADERS, ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});

function readBody(event: APIGatewayProxyEventV2, locale: Locale, form: boolean): { body: unknown; rawBody: string } {
  if (!event.body) return { body: undefined, rawBody: '' };
  const rawBody = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(rawBody, 'utf8') > MAX_BODY_BYTES)
    throw new DomainError('payload_too_large', t(locale, 'payloadTooLarge'));
  let body: unknown = {};
  if (form) body = Object.fromEntries(new URLSearchParams(rawBody));
  else {
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      throw new DomainError('malformed_request', t(locale, 'malformedJson'), [], { cause: error });
    }
  }
  checkShape(body, locale);
  return { body, rawBody };
}

/**
 * No C0 control character but tab, line feed and carriage return (nobody types a NUL, and they break
 * e-mails and exports), and no half of a UTF-16 surrogate pair without the other: DynamoDB stores
 * UTF-8, which cannot encode a lone surrogate, so such text must be refused here, not fail the write.
 */
function isCleanText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++; // the low half of the pair just checked
  }
  return true;
}

const invalidAt = (locale: Locale, path: string[], message: string) =>
  new DomainError('validation_failed', t(locale, 'invalidInput'), [{ path: path.join('.') || '(body)', message }]);

/** No request body of ours nests deeper than this; deeper ones are hostile or broken. */
const MAX_DEPTH = 16;

/**
 * Refuses bodies nested deeper than MAX_DEPTH, any `__proto__` key (never data: it must not reach
 * an object merge) and text that is not clean (isCleanText), naming where. Iterative, so a hostile
 * body cannot blow the stack.
 */
function checkShape(body: unknown, locale: Locale) {
  const stack: [unknown, string[]][] = [[body, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string[]];
    if (!node || typeof node !== 'object') continue;
    const at = path.join('.') || '(body)';
    if (path.length >= MAX_DEPTH)
      throw new DomainError('validation_failed', t(locale, 'tooDeep', { max: MAX_DEPTH }), [
        { path: at, message: t(locale, 'tooDeep', { max: MAX_DEPTH }) },
      ]);
    for (const [key, child] of Object.entries(node)) {
      if (key === '__proto__') throw invalidAt(locale, [...path, key], t(locale, 'unknownField'));
      if (!isCleanText(key) || (typeof child === 'string' && !isCleanText(child)))
        throw invalidAt(locale, [...path, key], t(locale, 'invalidCharacters'));
      stack.push([child, [...path, key]]);
    }
  }
}

const lowerCaseHeaders = (headers: APIGatewayProxyEventV2['headers']) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

const isForm = (contentType = '') => contentType.startsWith('application/x-www-form-urlencoded');

/** `GET /api/requests/{id}` -> `GET /requests/{id}` */
const routeOf = (routeKey: string) => routeKey.replace(` ${API_BASE}/`, ' /');

/** The caller of a protected route, a person of the directory (httpHandler refuses a table without one). */
function callerOf(event: APIGatewayProxyEventV2, locale: Locale, directory: CallerDirectory | undefined) {
  if (!directory) throw new Error('protected routes need the caller directory');
  return principalOf(event, locale, directory);
}

async function dispatch(
  tables: { routes: RouteTable; publicRoutes: PublicRouteTable; directory?: CallerDirectory },
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const headers = lowerCaseHeaders(event.headers);
  const headerLocale = localeFromHeader(headers['accept-language']);
  const key = routeOf(event.routeKey);
  const publicHandler = tables.publicRoutes[key];
  const handler = publicHandler ?? tables.routes[key];
  if (!handler) throw new DomainError('not_found', t(headerLocale ?? 'en', 'routeNotFound'));
  const principal = publicHandler ? undefined : callerOf(event, headerLocale ?? 'en', tables.directory);
  const locale = headerLocale ?? principal?.locale ?? 'en';
  spendRead(principal, key);
  const request = {
    locale,
    principal,
    params: (event.pathParameters ?? {}) as Record<string, string>,
    query: event.queryStringParameters ?? {},
    headers,
    // HTML forms (the approve-by-e-mail page works without JavaScript) post url-encoded fields;
    // everywhere else the body is JSON whatever the client claims (curl -d says "form").
    ...readBody(event, locale, Boolean(publicHandler) && isForm(headers['content-type'])),
  };
  return toResult(await (handler as Handler<PublicHttpRequest>)(request));
}

function toResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  if (response.raw !== undefined)
    return { statusCode: response.status, headers: { ...BASE_HEADERS, ...response.headers }, body: response.raw };
  return json(response.status, response.body, response.headers);
}

function errorResponse(error: unknown, event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  if (error instanceof Error && error.name === 'RateLimitedError') {
    const locale = localeFromHeader(lowerCaseHeaders(event.headers)['accept-language']) ?? 'en';
    const body = { error: { code: 'rate_limited', message: t(locale, 'rateLimited'), details: [] } };
    return json(429, body, {
      'retry-after': String((error as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60),
    });
  }
  if (error instanceof DomainError) {
    const body = { error: { code: error.code, message: error.message, details: error.details } };
    const headers: Record<string, string> = error.code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {};
    return json(STATUS[error.code], body, headers);
  }
  // Unexpected: log everything, show nothing but a correlation id.
  logger.error('Unhandled error', { error: error as Error, routeKey: event.routeKey });
  return json(500, {
    error: { code: 'internal', message: 'Internal error', details: [], requestId: event.requestContext?.requestId },
  });
}

/**
 * One Lambda's routes. Protected routes need the directory their callers are resolved against
 * (only its people may call); a table of protected routes without one is refused when it is built.
 */
export function httpHandler(routes: RouteTable, publicRoutes: PublicRouteTable = {}, directory?: CallerDirectory) {
  if (Object.keys(routes).length > 0 && !directory) throw new Error('protected routes need the caller directory');
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      try {
        // Before anything else: a request that did not come through CloudFront reaches no route (F9).
        return await dispatch({ routes, publicRoutes, directory }, throughCloudFront(event));
      } catch (error) {
        return errorResponse(error, event);
      }
    });
}
