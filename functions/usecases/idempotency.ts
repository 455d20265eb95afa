/**
 * `Idempotency-Key` for POST routes: the same key and body replay the first answer; the same key
 * with another body is a 409. The record is written in the same transaction as the change.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { t } from '../domain/i18n';
import { findIdempotencyRecord, unexpired, type IdempotencyRecord } from '../adapters/store/idempotency';
import { WriteConflictError } from '../adapters/store/requests';
import type { HttpRequest, HttpResponse } from '../api/http';

const TTL_SECONDS = 24 * 3600;

export type IdempotencyDraft = Omit<IdempotencyRecord, 'status' | 'requestId' | 'seq'>;

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

export async function idempotent(
  request: HttpRequest,
  scope: string,
  handlers: {
    perform(draft: IdempotencyDraft | undefined): Promise<HttpResponse>;
    replay(record: IdempotencyRecord): Promise<HttpResponse>;
  },
): Promise<HttpResponse> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return handlers.perform(undefined);
  if (key.length < 1 || key.length > 128)
    throw new DomainError('validation_failed', t(request.locale, 'badIdempotencyKey'), [
      { path: 'Idempotency-Key', message: t(request.locale, 'badIdempotencyKey') },
    ]);
  const draft: IdempotencyDraft = {
    keyHash: sha256(`${request.principal.id}\n${scope}\n${key}`),
    bodyHash: sha256(canonical(request.body)),
    expiresAt: Math.floor(Date.now() / 1000) + TTL_SECONDS,
  };
  const replayOrReject = async (record: IdempotencyRecord) => {
    if (record.bodyHash !== draft.bodyHash) throw new DomainError('conflict', t(request.locale, 'idempotencyReused'));
    return handlers.replay(record);
  };
  // No read first: the record is written in the change's own transaction, and a conflict on it (a
  // retry, or a concurrent call with the same key) returns the record that answers like the first
  // call. A state conflict costs a read: the first call may have made the very change that the
  // retry's own check now refuses (resolve, then resolve again: 409), and the retry must still get it.
  try {
    return await handlers.perform(draft);
  } catch (error) {
    const keyTaken = error instanceof WriteConflictError && error.reason === 'idempotency';
    const stateConflict = error instanceof DomainError && error.code === 'conflict';
    if (!keyTaken && !stateConflict) throw error;
    const winner = (keyTaken && unexpired(error.holder)) || (await findIdempotencyRecord(draft.keyHash));
    if (!winner) throw error;
    return replayOrReject(winner);
  }
}
