/**
 * `Idempotency-Key` for changes: the same key and body replay the first answer; the same key with
 * another body is a 409. The record is written in the same transaction as the change.
 */
import { createHash } from 'node:crypto';
import type { Locale } from '../domain/catalog/schema';
import { DomainError, notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { unexpired, WriteConflictError, type Calls, type IdempotencyRecord, type Needs } from '../ports';
import { presentRequest } from './present';

const TTL_SECONDS = 24 * 3600;

export type IdempotencyDraft = Omit<IdempotencyRecord, 'status' | 'requestId' | 'seq'>;

/** One call that may carry a key: who, to what (method and path), with which key and body. */
export interface KeyedCall {
  callerId: string;
  scope: string;
  key: string | undefined;
  body: unknown;
  locale: Locale;
}

/** What the change answers: the request it changed, or the history event it added (a comment). */
export type Answer = 'request' | 'event';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys: the same body with other spacing or key order has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function draftOf(call: KeyedCall): IdempotencyDraft | undefined {
  if (call.key === undefined) return undefined;
  if (call.key.length < 1 || call.key.length > 128)
    throw new DomainError('validation_failed', t(call.locale, 'badIdempotencyKey'), [
      { path: 'Idempotency-Key', message: t(call.locale, 'badIdempotencyKey') },
    ]);
  return {
    keyHash: sha256(`${call.callerId}\n${call.scope}\n${call.key}`),
    bodyHash: sha256(canonical(call.body)),
    // Real time, not the clock port: DynamoDB's TTL (and the store's expiry check) count real time.
    expiresAt: Math.floor(Date.now() / 1000) + TTL_SECONDS,
  };
}

/** The first call's answer, read again: the request as it is now, or the event the call added. */
async function replay(
  ports: Calls<'requests', 'getRequest' | 'getRequestWithHistory'>,
  record: IdempotencyRecord,
  answer: Answer,
  locale: Locale,
) {
  const missing = () => notFound(t(locale, 'requestNotFound'));
  if (answer === 'request') {
    const request = await ports.requests.getRequest(record.requestId);
    if (!request) throw missing();
    return { status: record.status, body: presentRequest(request, locale) };
  }
  const found = await ports.requests.getRequestWithHistory(record.requestId);
  const event = found?.history.find((e) => e.seq === record.seq);
  if (!event) throw missing();
  return { status: record.status, body: event };
}

/**
 * Performs a change at most once per key. No read first: the record is written in the change's own
 * transaction, and a conflict on it (a retry, or a concurrent call with the same key) returns the
 * record that answers like the first call. A state conflict costs a read: the first call may have
 * made the very change that the retry's own check now refuses (resolve, then resolve again: 409),
 * and the retry must still get the first answer.
 */
export async function idempotentChange(
  ports: Needs<'idempotency'> & Calls<'requests', 'getRequest' | 'getRequestWithHistory'>,
  call: KeyedCall,
  answer: Answer,
  perform: (draft: IdempotencyDraft | undefined) => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: unknown }> {
  const draft = draftOf(call);
  if (!draft) return perform(undefined);
  try {
    return await perform(draft);
  } catch (error) {
    const keyTaken = error instanceof WriteConflictError && error.reason === 'idempotency';
    const stateConflict = error instanceof DomainError && error.code === 'conflict';
    if (!keyTaken && !stateConflict) throw error;
    const winner =
      (keyTaken && unexpired(error.holder)) || (await ports.idempotency.findIdempotencyRecord(draft.keyHash));
    if (!winner) throw error;
    if (winner.bodyHash !== draft.bodyHash) throw new DomainError('conflict', t(call.locale, 'idempotencyReused'));
    return replay(ports, winner, answer, call.locale);
  }
}
