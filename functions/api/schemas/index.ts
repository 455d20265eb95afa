/**
 * The API's request bodies and queries as zod schemas: the handlers parse with them, and
 * /openapi.json is generated from them (with the answers, responses.ts, and GET /analytics,
 * analytics.ts), so the document cannot drift from the code.
 *
 * Written with `zod/mini` (see domain/catalog/schema.ts). Where classic zod has `.meta()` and
 * `.describe()`, zod/mini registers the metadata: `.register(z.globalRegistry, { id })`, `describe()`.
 */
import * as z from 'zod/mini';
import { ACTION_TYPES } from '../../domain/requests/actions';
import { STATUSES } from '../../domain/requests/model';
import { day, describe, nonEmptyText, text } from './parts';

/** Fields the server owns: a client that sends them is told so by name. */
export const SERVER_OWNED_FIELDS = [
  'id',
  'status',
  'assigneeId',
  'assigneeName',
  'requesterId',
  'requesterName',
  'approvals',
  'version',
  'createdAt',
  'updatedAt',
  'sla',
  'team',
  'history',
  'serviceTitle',
] as const;

/** A form's values by field id. */
const formValues = () => z.record(text(64), z.unknown());

export const createRequestBody = z
  .strictObject({ serviceId: nonEmptyText(64), fields: formValues() })
  .register(z.globalRegistry, { id: 'CreateRequest' });

export const commentBody = z
  .strictObject({
    text: z.string().check(z.trim(), z.minLength(1), z.maxLength(10_000)),
    internal: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, { id: 'CreateComment' });

export const actionBody = z
  .strictObject({
    type: z.enum(ACTION_TYPES),
    version: z.optional(z.number().check(z.int(), z.minimum(1))),
    comment: z.optional(text(10_000)),
    assigneeId: z.optional(nonEmptyText(128)),
    fields: z.optional(formValues()),
  })
  .register(z.globalRegistry, { id: 'RequestAction' });

export const delegationBody = z
  .strictObject({ delegateId: nonEmptyText(128), from: day, until: day })
  .register(z.globalRegistry, { id: 'Delegation' });

export const previewBody = z
  .strictObject({ fields: formValues() })
  .register(z.globalRegistry, { id: 'RoutePreviewRequest' });

export const decisionBody = z
  .strictObject({ decision: z.enum(['approve', 'reject', 'return']), comment: z.optional(text(10_000)) })
  .register(z.globalRegistry, { id: 'Decision' });

export const emailDecisionBody = z
  .strictObject({
    token: nonEmptyText(200),
    decision: z.enum(['approve', 'reject', 'return']),
    comment: z.optional(text(10_000)),
  })
  .register(z.globalRegistry, { id: 'EmailDecision' });

/** What the opener page posts (url-encoded): the token alone, answered with the confirmation page. */
export const emailDecisionOpenBody = z.strictObject({ token: nonEmptyText(200) });

export const listQuery = z.strictObject({
  view: z._default(z.enum(['mine', 'queue', 'approvals', 'all']), 'mine'),
  status: z.optional(z.enum(STATUSES)),
  serviceId: z.optional(text(64)),
  team: z.optional(text(64)),
  assigneeId: describe(z.optional(text(128)), 'Only requests assigned to this user id; `none`: only unassigned ones'),
  q: describe(
    z.optional(text(100)),
    'Words to find (any case) in the service title, summary, requester, assignee or request code',
  ),
  limit: z._default(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^\d{1,3}$/, 'a whole number from 1 to 100')), z.transform(Number)),
      z.number().check(z.int(), z.minimum(1), z.maximum(100)),
    ),
    20,
  ),
  cursor: z.optional(text(2048)),
});

/** The bodies as types, for readers of the API (the web portal imports them with `import type`). */
export type ActionBody = z.input<typeof actionBody>;
export type DecisionBody = z.input<typeof decisionBody>;
export type DelegationBody = z.input<typeof delegationBody>;

// The answers are described for /openapi.json only: no handler parses them, so no function bundles them.
export type * from './responses';
