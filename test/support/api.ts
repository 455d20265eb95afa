/**
 * A small HTTP client for the API tests: every call goes over HTTP to the local runtime, through
 * the same handlers and DynamoDB Local as `npm start`.
 */
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers; each test asserts the shape it reads
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body string, sent as is (for malformed-JSON tests). */
  raw?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ApiResponse
export async function call<T = any>(
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers,
    body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

const tokens = new Map<string, string>();

/** A token for a demo user by id (e.g. `ivan.sidorov`), cached per test file. */
export async function tokenFor(userId: string): Promise<string> {
  const cached = tokens.get(userId);
  if (cached) return cached;
  const response = await call<{ token: string }>('POST', '/dev/token', { email: `${userId}@example.com` });
  if (response.status !== 200) throw new Error(`no token for ${userId}: ${response.text}`);
  tokens.set(userId, response.body.token);
  return response.body.token;
}

/** Calls as a demo user. */
export async function as(userId: string, method: string, path: string, body?: unknown) {
  return call(method, path, body, { token: await tokenFor(userId) });
}
