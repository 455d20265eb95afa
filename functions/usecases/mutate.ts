/**
 * The one way a request changes: read it, let a decision function compute the new state and its
 * history events, commit both in one conditional transaction; if another change landed in between,
 * decide again on fresh data.
 */
import { DomainError } from '../domain/errors';
import type { HistoryEvent, NewEvent, RequestRecord } from '../domain/requests/model';
import { WriteConflictError, type AbsenceWrites, type Calls, type IdempotencyRecord, type Needs } from '../ports';
import { commitUpdate, rateLimitFor, withSlaTimer } from './commit';

export type MutatePorts = Calls<'requests', 'getRequest' | 'commitChange'> &
  Calls<'workflows', 'start' | 'stop'> &
  Needs<'clock'>;

/** Request ids are ULIDs; anything else cannot name a request (and must not reach the table). */
export const isRequestId = (id: string) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id);

export interface Mutation {
  /** The request's new state (seq, version and updatedAt are filled in here). */
  changes: Partial<RequestRecord>;
  events: NewEvent[];
  /** State changes bump the version; comments and system notes only append history. */
  bumpsVersion: boolean;
  /** What an approved absence records with this change. */
  absence?: AbsenceWrites;
}

export interface MutateOptions {
  attempts?: number;
  idempotency?: (request: RequestRecord, seq: number) => IdempotencyRecord | undefined;
  /** Called when the request is missing. */
  missing?: () => Error;
  /** The person making the change, for their per-minute write allowance (API calls only). */
  actorId?: string;
}

export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export function applyMutation(
  request: RequestRecord,
  mutation: Mutation,
): { after: RequestRecord; events: HistoryEvent[] } {
  const events = mutation.events.map((event, i) => ({ ...event, seq: request.lastSeq + 1 + i }));
  const last = events[events.length - 1];
  const after: RequestRecord = {
    ...request,
    ...mutation.changes,
    lastSeq: last?.seq ?? request.lastSeq,
    version: request.version + (mutation.bumpsVersion ? 1 : 0),
    updatedAt: last?.at ?? request.updatedAt,
  };
  return { after: withSlaTimer(request, after), events };
}

/** Commits one decided mutation; undefined when the request changed since it was read. */
async function tryCommit(ports: MutatePorts, request: RequestRecord, mutation: Mutation, options: MutateOptions) {
  const { after, events } = applyMutation(request, mutation);
  try {
    await commitUpdate(ports, request, after, events, {
      idempotency: options.idempotency?.(request, events[0]?.seq ?? request.lastSeq),
      absence: mutation.absence,
      rateLimit: options.actorId ? rateLimitFor(ports.clock, options.actorId) : undefined,
    });
    return { request: after, events };
  } catch (error) {
    if (error instanceof WriteConflictError && error.reason === 'changed') return undefined;
    throw error;
  }
}

/**
 * Returns the committed state, or the unchanged request when `decide` returns null (nothing to do).
 * A `decide` that throws (403, 409, 400...) ends it with that error.
 */
export async function mutate(
  ports: MutatePorts,
  id: string,
  decide: (request: RequestRecord) => Mutation | null | Promise<Mutation | null>,
  options: MutateOptions = {},
): Promise<{ request: RequestRecord; events: HistoryEvent[] }> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const request = isRequestId(id) ? await ports.requests.getRequest(id) : undefined;
    if (!request) throw options.missing?.() ?? new DomainError('not_found', `No request ${id}`);
    const mutation = await decide(request);
    if (!mutation) return { request, events: [] };
    const committed = await tryCommit(ports, request, mutation, options);
    if (committed) return committed;
  }
  throw new TransientError(`Request ${id} kept changing`);
}
