/**
 * The per-user read allowance (F7): a token bucket per user in this Lambda instance's memory. A read
 * stays one DynamoDB call (a counter item in the table, as the write allowance keeps, would double
 * every read's calls and cost), so this is honest about its reach: it caps what one user gets from one
 * warm instance of one function. A user whose calls land on N instances gets N buckets, and a cold
 * instance starts full; the account-wide cap that sees every instance belongs at the edge, a WAF
 * rate-based rule keyed on the Authorization header (lib/, README). What it does stop: a script
 * reading in a loop, whose calls one after the other reuse a warm instance; one that sends K calls at a
 * time gets up to K buckets.
 *
 * Reads are GET routes and the route preview (a POST that writes nothing but reads the absences).
 * Writes have their own, lower allowance, counted in their transaction (usecases/commit.ts).
 */
import { ENV, optionalEnv } from '../shared/env';

/** Keyed token buckets: `capacity` tokens, refilled at `perSecond`; the least recently used key is dropped past `maxKeys`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token for `key` at `nowMs`: 0 when granted, else the whole seconds until one is there. */
  take(key: string, nowMs: number): number {
    const last = this.buckets.get(key);
    const refilled = last ? last.tokens + (Math.max(0, nowMs - last.at) / 1000) * this.perSecond : this.capacity;
    const tokens = Math.min(this.capacity, refilled);
    const granted = tokens >= 1;
    this.keep(key, { tokens: granted ? tokens - 1 : tokens, at: nowMs });
    return granted ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }

  private keep(key: string, bucket: { tokens: number; at: number }) {
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}

/** Refused by the read allowance: 429 with Retry-After (api/http.ts maps it, like the write allowance's). */
export class ReadLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super('read allowance exhausted');
  }
}

const READ_POSTS = new Set(['POST /services/{serviceId}/preview']);
const isRead = (routeKey: string) => routeKey.startsWith('GET ') || READ_POSTS.has(routeKey);

/** Reads one person may make per minute and instance (600 by default), in bursts of up to a fifth of that. */
function readBuckets() {
  const perMinute = Math.max(1, Number(optionalEnv(ENV.readsPerMinute) ?? 600));
  return new TokenBuckets(Math.max(1, Math.round(perMinute / 5)), perMinute / 60);
}
let buckets: TokenBuckets | undefined;

/**
 * Throws ReadLimitedError when the caller has no read left for `routeKey` (`GET /requests/{id}`).
 * Writes and public routes (no caller) pass.
 */
export function spendRead(caller: { id: string } | undefined, routeKey: string, nowMs = Date.now()) {
  if (!caller || !isRead(routeKey)) return;
  // Built at first use, not at import: the environment is read when the handler runs.
  buckets ??= readBuckets();
  const wait = buckets.take(caller.id, nowMs);
  if (wait > 0) throw new ReadLimitedError(wait);
}
