/**
 * The API's answers as zod schemas: /openapi.json is generated from them (functions/api/openapi-document.ts)
 * and the web portal takes their types. No handler parses an answer, so only the openapi function bundles them.
 */
import * as z from 'zod/mini';
import { CATEGORIES, LOCALES, ROLES } from '../../domain/catalog/schema';
import { EVENT_TYPES, STATUSES } from '../../domain/requests/model';
import type { analyticsSchema } from './analytics';
import { describe, time, timeOf } from './parts';

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
 * The answers as types, for readers of the API (the web portal imports them with `import type`:
 * nothing of zod or the server enters its bundle).
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
