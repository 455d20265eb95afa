/** GET /analytics: its query and its answer (functions/usecases/analytics.ts). */
import * as z from 'zod/mini';
import { day, describe, time } from './parts';

export const analyticsQuery = z.strictObject({
  from: describe(z.optional(day), 'First day (YYYY-MM-DD, company calendar); default: 29 days before `to`'),
  to: describe(z.optional(day), 'Last day, inclusive; default: today. At most 366 days in all'),
});

const hours = describe(z.nullable(z.number()), 'Business hours (null: no samples)');

export const analyticsSchema = z
  .object({
    period: z.object({ from: day, to: day, days: z.number().check(z.int()) }),
    scope: z.object({ kind: z.enum(['all', 'department']), department: z.optional(z.string()) }),
    generatedAt: time,
    hoursPerDay: describe(z.number(), 'Business hours in a working day of the company calendar'),
    volume: z.array(
      z.object({
        serviceId: z.string(),
        title: describe(z.string(), 'In the caller’s language'),
        category: z.string(),
        submitted: z.number(),
        resolved: z.number(),
      }),
    ),
    sla: z.object({
      compliancePct: describe(
        z.nullable(z.number()),
        '`met` of the resolutions in the period, % (null: none resolved)',
      ),
      met: describe(z.number(), 'Resolutions in the period without a breach before them'),
      missed: describe(z.number(), 'Resolutions in the period after a breach (resolved late)'),
      breached: describe(z.number(), 'Requests whose SLA was breached in the period, resolved or not'),
      byService: z.array(
        z.object({
          serviceId: z.string(),
          title: describe(z.string(), 'In the caller’s language'),
          compliancePct: z.nullable(z.number()),
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
        pending: describe(z.number(), 'Approvals waiting for this person now'),
        p50Hours: hours,
        p90Hours: hours,
        decisions: z.number(),
        totalWaitHours: z.number(),
      }),
    ),
    backlog: z.array(
      z.object({
        team: z.string(),
        name: describe(z.string(), 'The team’s name in the caller’s language'),
        open: z.number(),
        breached: z.number(),
        oldestAgeHours: hours,
      }),
    ),
    open: describe(
      z.object({
        total: z.number(),
        overdue: describe(z.number(), 'Of `total`: approvals past their deadline and team requests past their SLA'),
        inApproval: describe(z.number(), 'Requests waiting for an approval decision, each once'),
        inApprovalOverdue: z.number(),
        atTeams: describe(z.number(), 'Requests in the teams’ queues (in progress or waiting for the requester)'),
        atTeamsOverdue: z.number(),
      }),
      'Work open now, approvals included',
    ),
    bottlenecks: z.array(
      z.object({
        kind: describe(
          z.enum(['approver', 'stage', 'team', 'approval']),
          '`approval`: approvals of one catalog stage (`id`) waiting now, overdue or for a working day or more',
        ),
        id: z.string(),
        totalWaitHours: z.number(),
        share: describe(z.number(), '0..1 of the waiting of its kind (approval, queue, all waiting, or waiting now)'),
        p50Hours: hours,
        sentence: describe(z.string(), 'In the caller’s language'),
        open: z.optional(z.number()),
        overdue: z.optional(z.number()),
        oldestHours: z.optional(z.number()),
      }),
    ),
    approvalStages: z.array(z.object({ stage: z.string(), p50Hours: hours, p90Hours: hours, count: z.number() })),
    categories: z.array(z.record(z.string(), z.unknown())),
    departments: z.array(z.record(z.string(), z.unknown())),
    teams: z.array(z.record(z.string(), z.unknown())),
  })
  .register(z.globalRegistry, { id: 'Analytics' });
