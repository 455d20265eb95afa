/**
 * The one way the portal talks to the API: same origin, `/api`, a bearer token, the reader's
 * language in Accept-Language, and the server's error (code, message, details) kept intact.
 */
import type { ErrorDetail, Locale } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ClientState {
  token: string | null;
  locale: Locale;
  onUnauthorized: () => void;
}

const state: ClientState = { token: null, locale: 'en', onUnauthorized: () => undefined };

export const configureClient = (changes: Partial<ClientState>) => Object.assign(state, changes);
export const currentLocale = () => state.locale;

export interface CallOptions {
  /** Called without a token (public routes). */
  anonymous?: boolean;
  /** Texts in this language rather than the reader's (the catalog also searches the other one). */
  locale?: Locale;
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Every POST carries an Idempotency-Key, one per change the user asks for (path and body): kept while
 * the change's outcome is unknown (no answer, a 5xx, a 429), so sending the same change again (the
 * user clicks once more after a lost answer) replays the first answer instead of making it twice;
 * forgotten once the server has answered for good (success, or a refusal the same body would get again).
 */
const unsettled = new Map<string, string>();
const settled = (status: number) => status < 500 && status !== 429;

function keyFor(change: string): string {
  const key = unsettled.get(change) ?? newKey();
  unsettled.set(change, key);
  return key;
}

const NETWORK_MESSAGE = {
  en: 'The server cannot be reached. Check your connection and try again.',
  ru: 'Сервер недоступен. Проверьте подключение и повторите попытку.',
};
/** Answers API Gateway gives itself, without the API's error body: a refused token, an outage. */
const SESSION_MESSAGE = {
  en: 'Your session has ended. Please sign in again.',
  ru: 'Сеанс завершён. Войдите снова.',
};
const GATEWAY_MESSAGE = {
  en: 'The portal could not answer (HTTP {status}). Please try again in a moment.',
  ru: 'Портал не смог ответить (HTTP {status}). Повторите попытку чуть позже.',
};

function headersFor(body: unknown, options: CallOptions, idempotencyKey?: string): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': options.locale ?? state.locale,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (state.token && !options.anonymous) headers.authorization = `Bearer ${state.token}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return headers;
}

type ErrorBody = { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined;

function errorOf(status: number, parsed: unknown): ApiError {
  const error = (parsed as ErrorBody)?.error;
  if (error?.message) return new ApiError(status, error.code ?? 'http_error', error.message, error.details ?? []);
  if (status === 401) return new ApiError(status, 'unauthorized', SESSION_MESSAGE[state.locale]);
  return new ApiError(status, 'http_error', GATEWAY_MESSAGE[state.locale].replace('{status}', String(status)));
}

export async function api<T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const change = method === 'POST' ? `${path}\n${text}` : undefined;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: headersFor(body, options, change && keyFor(change)),
      body: text,
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE[state.locale]);
  }
  if (change && settled(response.status)) unsettled.delete(change);
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.ok) return parsed as T;
  if (response.status === 401 && !options.anonymous) state.onUnauthorized();
  throw errorOf(response.status, parsed);
}

export const get = <T>(path: string, options?: CallOptions) => api<T>('GET', path, undefined, options);
export const post = <T>(path: string, body: unknown, options?: CallOptions) => api<T>('POST', path, body, options);
