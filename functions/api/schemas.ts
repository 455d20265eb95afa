/**
 * The API's bodies and answers as zod schemas: request bodies are parsed with them, and
 * /openapi.json is generated from them, so the document cannot drift from the code.
 */
import * as z from 'zod';
import { CATEGORIES, LOCALES, ROLES } from '../domain/catalog/schema';
import { ACTION_TYPES } from '../domain/requests/actions';
import { EVENT_TYPES, STATUSES } from '../domain/requests/model';

const text = (max: number) => z.string().max(max);
const time = z.iso.datetime({ offset: false }).describe('ISO 8601 UTC');

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

export const createRequestBody = z
  .object({
    serviceId: z.string().min(1).max(64),
    fields: z.record(z.string().max(64), z.unknown()),
  })
  .strict()
  .meta({ id: 'CreateRequest' });

export const commentBody = z
  .object({ text: z.string().trim().min(1).max(10_000), internal: z.boolean().optional() })
  .strict()
  .meta({ id: 'CreateComment' });

export const actionBody = z
  .object({
    type: z.enum(ACTION_TYPES),
    version: z.number().int().min(1).optional(),
    comment: text(10_000).optional(),
    assigneeId: z.string().min(1).max(128).optional(),
    fields: z.record(z.string().max(64), z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'RequestAction' });

const day = z.iso.date();

export const delegationBody = z
  .object({ delegateId: z.string().min(1).max(128), from: day, until: day })
  .strict()
  .meta({ id: 'Delegation' });

export const previewBody = z
  .object({ fields: z.record(z.string().max(64), z.unknown()) })
  .strict()
  .meta({ id: 'RoutePreviewRequest' });

export const decisionBody = z
  .object({ decision: z.enum(['approve', 'reject', 'return']), comment: text(10_000).optional() })
  .strict()
  .meta({ id: 'Decision' });

export const emailDecisionBody = z
  .object({
    token: z.string().min(1).max(200),
    decision: z.enum(['approve', 'reject', 'return']),
    comment: text(10_000).optional(),
  })
  .strict()
  .meta({ id: 'EmailDecision' });

export const previewSchema = z
  .object({
    approvals: z.array(
      z.object({
        stage: z.string(),
        title: z.string(),
        mode: z.enum(['all', 'any']),
        status: z.enum(['pending', 'skipped']),
        approvers: z.array(z.object({ id: z.string(), name: z.string(), onBehalfOf: z.string().optional() })),
      }),
    ),
    team: z.string(),
    dueAt: time,
  })
  .meta({ id: 'RoutePreview' });

export const listQuery = z
  .object({
    view: z.enum(['mine', 'queue', 'approvals', 'all']).default('mine'),
    status: z.enum(STATUSES).optional(),
    serviceId: z.string().max(64).optional(),
    team: z.string().max(64).optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number from 1 to 100')
      .transform(Number)
      .pipe(z.number().int().min(1).max(100))
      .default(20),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const approvalSchema = z.object({
  stage: z.string(),
  title: z.string(),
  mode: z.enum(['all', 'any']),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'skipped']),
  approvers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      decision: z.string().optional(),
      decidedAt: time.optional(),
      onBehalfOf: z.string().optional(),
    }),
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
    version: z.number().int(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    team: z.string(),
    createdAt: time,
    updatedAt: time,
    resolvedAt: time.nullable(),
    sla: z.object({
      responseDueAt: time.nullable(),
      resolutionDueAt: time.nullable(),
      respondedAt: time.nullable(),
      paused: z.boolean(),
      breached: z.boolean(),
    }),
    approvals: z.array(approvalSchema),
  })
  .meta({ id: 'Request' });

export const historyEventSchema = z
  .object({
    seq: z.number().int().min(1),
    at: time,
    actorId: z.string(),
    actorName: z.string(),
    type: z.enum(EVENT_TYPES),
    from: z.enum(STATUSES).optional(),
    to: z.enum(STATUSES).optional(),
    comment: z.string().optional(),
    internal: z.boolean().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'HistoryEvent' });

export const requestDetailSchema = requestSchema
  .extend({ history: z.array(historyEventSchema) })
  .meta({ id: 'RequestDetail' });

export const serviceSchema = z
  .object({
    id: z.string(),
    category: z.enum(CATEGORIES),
    title: z.string(),
    description: z.string(),
    keywords: z.array(z.string()),
    team: z.string(),
    form: z.record(z.string(), z.unknown()).describe('JSON Schema 2020-12 of the form'),
    sla: z.object({ responseHours: z.number(), resolutionHours: z.number(), calendar: z.string() }),
    approvalStages: z.array(
      z.object({ id: z.string(), title: z.string(), mode: z.enum(['all', 'any']), conditional: z.boolean() }),
    ),
  })
  .meta({ id: 'Service' });

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(LOCALES),
    department: z.string().nullable(),
    managerId: z.string().nullable(),
    jobTitle: z.object({ en: z.string(), ru: z.string() }).nullable(),
    teams: z.array(z.string()),
    roles: z.array(z.enum(ROLES)),
    delegation: z.object({ delegateId: z.string(), from: z.string(), until: z.string() }).nullable(),
  })
  .meta({ id: 'Me' });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const schemas = { errorSchema };

export const analyticsQuery = z
  .object({
    from: day.optional().describe('First day (YYYY-MM-DD, company calendar); default: 29 days before `to`'),
    to: day.optional().describe('Last day, inclusive; default: today. At most 366 days in all'),
  })
  .strict();

const hours = z.number().nullable().describe('Business hours (null: no samples)');

export const analyticsSchema = z
  .object({
    period: z.object({ from: day, to: day, days: z.number().int() }),
    scope: z.object({ kind: z.enum(['all', 'department']), department: z.string().optional() }),
    generatedAt: time,
    volume: z.array(
      z.object({ serviceId: z.string(), category: z.string(), submitted: z.number(), resolved: z.number() }),
    ),
    sla: z.object({
      compliancePct: z.number().nullable().describe('Resolutions without a breach, % (null: none resolved)'),
      breached: z.number().describe('Requests whose SLA was breached in the period'),
      byService: z.array(
        z.object({
          serviceId: z.string(),
          compliancePct: z.number().nullable(),
          met: z.number(),
          missed: z.number(),
          breached: z.number(),
        }),
      ),
    }),
    resolutionHours: z.array(z.object({ serviceId: z.string(), p50: hours, p90: hours, count: z.number() })),
    stages: z.array(
      z.object({
        stage: z.enum(['approval', 'queue', 'in_progress', 'waiting_for_requester']),
        p50Hours: hours,
        p90Hours: hours,
        count: z.number(),
        totalHours: z.number(),
      }),
    ),
    approvers: z.array(
      z.object({
        approverId: z.string(),
        name: z.string(),
        pending: z.number().describe('Approvals waiting for this person now'),
        p50Hours: hours,
        p90Hours: hours,
        decisions: z.number(),
        totalWaitHours: z.number(),
      }),
    ),
    backlog: z.array(z.object({ team: z.string(), open: z.number(), breached: z.number(), oldestAgeHours: hours })),
    bottlenecks: z.array(
      z.object({
        kind: z.enum(['approver', 'stage', 'team']),
        id: z.string(),
        totalWaitHours: z.number(),
        share: z.number().describe('0..1 of the waiting of its kind (approval, queue, or all waiting)'),
        p50Hours: hours,
        sentence: z.string().describe('In the caller’s language'),
      }),
    ),
    approvalStages: z.array(z.object({ stage: z.string(), p50Hours: hours, p90Hours: hours, count: z.number() })),
    categories: z.array(z.record(z.string(), z.unknown())),
    departments: z.array(z.record(z.string(), z.unknown())),
    teams: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'Analytics' });
