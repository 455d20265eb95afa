/**
 * The API's bodies and answers as zod schemas: request bodies are parsed with them, and
 * /openapi.json is generated from them, so the document cannot drift from the code.
 *
 * Written with `zod/mini` (see domain/catalog/schema.ts). Where classic zod has `.meta()` and
 * `.describe()`, zod/mini registers the metadata: `.register(z.globalRegistry, { id })`, `describe()`.
 */
import * as z from 'zod/mini';
import { CATEGORIES, LOCALES, ROLES } from '../../domain/catalog/schema';
import { ACTION_TYPES } from '../../domain/requests/actions';
import { EVENT_TYPES, STATUSES } from '../../domain/requests/model';
import { day, describe, nonEmptyText, text, time, timeOf } from './parts';
import type { analyticsSchema } from './analytics';

export { analyticsQuery, analyticsSchema } from './analytics';

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

export const previewSchema = z
  .object({
    approvals: z.array(
      z.object({
        stage: z.string(),
        title: z.string(),
        mode: z.enum(['all', 'any']),
        status: z.enum(['pending', 'skipped']),
        approvers: z.array(z.object({ id: z.string(), name: z.string(), onBehalfOf: z.optional(z.string()) })),
        dueAt: z.optional(timeOf("the stage's expected decision (pending stages), each after the one before")),
        condition: z.optional(
          describe(z.string(), 'When the stage depends on a field not filled in yet: the condition, in words'),
        ),
      }),
    ),
    team: z.string(),
    dueAt: timeOf('expected completion; with conditional stages, the latest (as if they all apply)'),
  })
  .register(z.globalRegistry, { id: 'RoutePreview' });

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

const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .register(z.globalRegistry, { id: 'Error' });

const approvalSchema = z.object({
  stage: z.string(),
  title: z.string(),
  mode: z.enum(['all', 'any']),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'skipped']),
  approvers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      decision: z.optional(z.string()),
      decidedAt: z.optional(time),
      onBehalfOf: z.optional(z.string()),
      escalation: z.optional(describe(z.boolean(), 'Added because the stage was overdue')),
    }),
  ),
  activatedAt: z.optional(time),
  dueAt: z.optional(timeOf('the deadline of the approvers asked last (an escalation gives a new one)')),
  escalations: z.optional(z.number().check(z.int(), z.minimum(0))),
  overdueSince: z.optional(timeOf('the first deadline the stage missed, kept across escalations')),
  escalationExhaustedAt: z.optional(
    timeOf('when nobody was left to escalate to (administrators alerted); the deadline no longer moves'),
  ),
});

export const requestSchema = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceTitle: z.string(),
    requesterId: z.string(),
    requesterName: z.string(),
    status: z.enum(STATUSES),
    fields: z.record(z.string(), z.unknown()),
    version: z.number().check(z.int()),
    assigneeId: z.nullable(z.string()),
    assigneeName: z.nullable(z.string()),
    team: z.string(),
    createdAt: time,
    updatedAt: time,
    resolvedAt: z.nullable(time),
    sla: z.object({
      responseDueAt: z.nullable(time),
      resolutionDueAt: z.nullable(time),
      respondedAt: z.nullable(time),
      paused: z.boolean(),
      breached: z.boolean(),
    }),
    approvals: z.array(approvalSchema),
  })
  .register(z.globalRegistry, { id: 'Request' });

export const requestListItemSchema = z
  .extend(requestSchema, {
    summary: describe(z.string(), 'The request’s key fields in one line, in the caller’s language (may be empty)'),
    slaLeft: describe(
      z.nullable(
        z.object({
          workingHours: describe(z.number(), 'Working hours to the resolution deadline, or past it when overdue'),
          overdue: z.boolean(),
          text: describe(
            z.string(),
            'In the caller’s language, e.g. "2 working days 3 h", "overdue by 5 working hours"',
          ),
        }),
      ),
      'Time to the resolution deadline while the request is in the queue with its clock running, else null',
    ),
  })
  .register(z.globalRegistry, { id: 'RequestListItem' });

export const historyEventSchema = z
  .object({
    seq: z.number().check(z.int(), z.minimum(1)),
    at: time,
    actorId: z.string(),
    actorName: z.string(),
    type: z.enum(EVENT_TYPES),
    from: z.optional(z.enum(STATUSES)),
    to: z.optional(z.enum(STATUSES)),
    comment: z.optional(z.string()),
    internal: z.optional(z.boolean()),
    data: z.optional(z.record(z.string(), z.unknown())),
  })
  .register(z.globalRegistry, { id: 'HistoryEvent' });

export const requestDetailSchema = z
  .extend(requestSchema, {
    history: z.array(historyEventSchema),
    expectedDoneAt: z.nullable(
      timeOf(
        'while approvals are pending, the expected completion (remaining stage deadlines, then the resolution target)',
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'RequestDetail' });

export const serviceSchema = z
  .object({
    id: z.string(),
    category: z.enum(CATEGORIES),
    title: z.string(),
    description: z.string(),
    keywords: z.array(z.string()),
    team: z.string(),
    form: describe(z.record(z.string(), z.unknown()), 'JSON Schema 2020-12 of the form'),
    sla: z.object({ responseHours: z.number(), resolutionHours: z.number(), calendar: z.string() }),
    approvalStages: z.array(
      z.object({ id: z.string(), title: z.string(), mode: z.enum(['all', 'any']), conditional: z.boolean() }),
    ),
  })
  .register(z.globalRegistry, { id: 'Service' });

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(LOCALES),
    department: z.nullable(z.string()),
    managerId: z.nullable(z.string()),
    jobTitle: z.nullable(z.object({ en: z.string(), ru: z.string() })),
    teams: z.array(z.string()),
    roles: z.array(z.enum(ROLES)),
    delegation: z.nullable(z.object({ delegateId: z.string(), from: z.string(), until: z.string() })),
  })
  .register(z.globalRegistry, { id: 'Me' });

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const schemas = { errorSchema };

/*
 * The bodies and answers as types, for readers of the API (the web portal imports them with
 * `import type`: nothing of zod or the server enters its bundle).
 */
export type ApiRequest = z.output<typeof requestSchema>;
export type ApiRequestListItem = z.output<typeof requestListItemSchema>;
export type ApiRequestDetail = z.output<typeof requestDetailSchema>;
export type ApiRequestPage = z.output<ReturnType<typeof page<typeof requestListItemSchema>>>;
export type ApiService = z.output<typeof serviceSchema>;
export type ApiMe = z.output<typeof meSchema>;
export type ApiRoutePreview = z.output<typeof previewSchema>;
export type ApiAnalytics = z.output<typeof analyticsSchema>;
export type ApiErrorBody = z.output<typeof errorSchema>;
export type ActionBody = z.input<typeof actionBody>;
export type DecisionBody = z.input<typeof decisionBody>;
export type DelegationBody = z.input<typeof delegationBody>;
