/**
 * Assertions shared by the hostile-input and authorization suites: the error body shape of
 * /work/shared/API.md, and that nothing internal (stack traces, storage keys) leaks in any answer.
 */
import { expect } from 'vitest';
import type { ApiResponse } from './api';

/** Storage and bookkeeping attributes that must never reach a client. */
export const INTERNAL_KEYS = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'entity',
  'lastSeq',
  'resumeStatus',
  'keyHash',
  'bodyHash',
  'expiresAt',
  'stack',
  'cause',
] as const;

const CYRILLIC = /[А-Яа-яЁё]/;

function collectKeys(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => collectKeys(item, into));
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      collectKeys(inner, into);
    }
  return into;
}

/** No stack trace, no file paths, no storage keys, whatever the status. */
export function expectNoLeak(response: ApiResponse) {
  const { text } = response;
  expect(text, 'no node_modules path').not.toContain('node_modules');
  expect(text, 'no source file position').not.toMatch(/\.(?:ts|js|mjs|cjs):\d+/);
  expect(text, 'no stack frame').not.toMatch(/\bat\s+(?:[\w$.<>[\]]+\s+\()?(?:file:\/\/|\/|[A-Za-z]:\\)/);
  const leaked = [...collectKeys(response.body, new Set())].filter((key) =>
    (INTERNAL_KEYS as readonly string[]).includes(key),
  );
  expect(leaked, 'internal attributes in the body').toEqual([]);
}

export interface ErrorExpectation {
  status: number;
  /** The exact `error.code`, where the contract (or the status) fixes it. */
  code?: string;
  /** A `details[].path` that must name the field at fault. */
  field?: string;
  /** The caller asked for Russian: the message (and the field's detail) must be in Russian. */
  ru?: boolean;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: { path?: unknown; message?: unknown }[] };
}

/**
 * A refused caller. A missing or bad token never reaches a handler: API Gateway's JWT authorizer (and
 * locally its stand-in) answers with its own body, `{"message":"Unauthorized"}`, and a challenge. A
 * token the authorizer accepts but that names nobody (no `sub`) gets the handler's own error shape.
 */
export function expectUnauthorized(response: ApiResponse) {
  const seen = `${response.status} ${response.text.slice(0, 600)}`;
  expect(response.status, seen).toBe(401);
  expect(response.headers.get('www-authenticate') ?? '', seen).toMatch(/^Bearer/);
  const body = response.body as ErrorBody & { message?: unknown };
  if (body?.error) expect(body.error.code, seen).toBe('unauthorized');
  else expect(body, seen).toEqual({ message: 'Unauthorized' });
  expectNoLeak(response);
}

/** The status is the expected 4xx, never a 5xx, and the body is the contract's error shape. */
export function expectError(response: ApiResponse<ErrorBody>, expected: ErrorExpectation) {
  const seen = `${response.status} ${response.text.slice(0, 600)}`;
  expect(response.status, `never a 5xx for bad input: ${seen}`).toBeLessThan(500);
  expect(response.status, seen).toBe(expected.status);
  if (expected.status === 401) return expectUnauthorized(response);
  expect(response.headers.get('content-type') ?? '', seen).toMatch(/^application\/json/);
  const error = response.body?.error;
  expectErrorShape(error, seen);
  if (expected.code) expect(error?.code, seen).toBe(expected.code);
  if (expected.field) {
    const paths = (error?.details ?? []).map((detail) => detail.path);
    expect(paths, `details name ${expected.field}: ${seen}`).toContain(expected.field);
  }
  if (expected.ru) expectRussian(error, expected.field, seen);
  expectNoLeak(response);
}

function expectErrorShape(error: ErrorBody['error'], seen: string) {
  expect(typeof error?.code, seen).toBe('string');
  expect(String(error?.code), seen).toMatch(/^[a-z][a-z_]*$/);
  expect(typeof error?.message, seen).toBe('string');
  expect(String(error?.message).length, seen).toBeGreaterThan(0);
  expect(Array.isArray(error?.details), `details is an array: ${seen}`).toBe(true);
}

function expectRussian(error: ErrorBody['error'], field: string | undefined, seen: string) {
  expect(String(error?.message), `message in Russian: ${seen}`).toMatch(CYRILLIC);
  const detail = field ? error?.details?.find((d) => d.path === field) : undefined;
  if (detail) expect(String(detail.message), `detail in Russian: ${seen}`).toMatch(CYRILLIC);
}

/** The error code the API answers with for each status the contract names. */
export const CODE_FOR: Record<number, string | undefined> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
};
