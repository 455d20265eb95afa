/**
 * The catalog as data: services, teams, calendars and the company directory, validated with zod
 * at load so a broken catalog fails `npm test` and `cdk synth` with the service and field named.
 */
import * as z from 'zod';

// Before any schema is built (every other schema module imports this one): without it zod compiles
// each object schema with `new Function` on its first parse, which at a cold start costs more
// (~10 ms for the catalog alone) than it saves over the few parses a function instance makes.
z.config({ jitless: true });

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export const localizedSchema = z.object({ en: z.string().min(1), ru: z.string().min(1) }).strict();
export type Localized = z.infer<typeof localizedSchema>;

export const CATEGORIES = ['hr', 'finance', 'legal', 'it', 'procurement', 'admin'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ROLES = ['employee', 'agent', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const idSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
const fieldIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase identifier');

/** A structured condition on one form field; money fields compare their amount. */
export const conditionSchema = z
  .object({
    field: fieldIdSchema,
    eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
    ne: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length >= 2, 'a condition needs an operator (eq, ne, in, gt, gte, lt, lte)');
export type Condition = z.infer<typeof conditionSchema>;

const optionSchema = z.object({ value: z.string().min(1).max(64), label: localizedSchema }).strict();

const fieldBase = {
  id: fieldIdSchema,
  label: localizedSchema,
  help: localizedSchema.optional(),
  required: z.boolean().default(false),
  /** The field is shown (and validated) only when the condition holds. */
  showIf: conditionSchema.optional(),
};

export const fieldSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...fieldBase,
      kind: z.literal('text'),
      minLength: z.number().int().min(0).optional(),
      maxLength: z.number().int().min(1).max(1000).default(200),
      pattern: z.string().optional(),
    })
    .strict(),
  z
    .object({ ...fieldBase, kind: z.literal('textarea'), maxLength: z.number().int().min(1).max(20000).default(4000) })
    .strict(),
  z
    .object({
      ...fieldBase,
      kind: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...fieldBase,
      kind: z.literal('money'),
      min: z.number().min(0).default(0),
      max: z.number().positive().optional(),
      currencies: z
        .array(z.string().regex(/^[A-Z]{3}$/))
        .min(1)
        .default(['RUB']),
    })
    .strict(),
  z.object({ ...fieldBase, kind: z.literal('date'), notInPast: z.boolean().default(false) }).strict(),
  z
    .object({
      ...fieldBase,
      kind: z.literal('dateRange'),
      notInPast: z.boolean().default(false),
      maxDays: z.number().int().positive().optional(),
    })
    .strict(),
  z.object({ ...fieldBase, kind: z.literal('select'), options: z.array(optionSchema).min(1) }).strict(),
  z
    .object({
      ...fieldBase,
      kind: z.literal('multiselect'),
      options: z.array(optionSchema).min(1),
      minItems: z.number().int().min(0).optional(),
      maxItems: z.number().int().min(1).optional(),
    })
    .strict(),
  z.object({ ...fieldBase, kind: z.literal('checkbox'), mustBeTrue: z.boolean().default(false) }).strict(),
  z.object({ ...fieldBase, kind: z.literal('email') }).strict(),
  /** A person from the directory (their user id). */
  z.object({ ...fieldBase, kind: z.literal('user') }).strict(),
]);
export type Field = z.infer<typeof fieldSchema>;
export type FieldKind = Field['kind'];

/** `manager` | `role:<approvalRole>` | `user:<userId>` | `team-lead:<teamId>` */
export const approverRuleSchema = z
  .string()
  .regex(
    /^(manager|role:[a-z][a-z0-9-]*|user:[a-z0-9.-]+|team-lead:[a-z][a-z0-9-]*)$/,
    'manager, role:<r>, user:<id> or team-lead:<team>',
  );
export type ApproverRule = z.infer<typeof approverRuleSchema>;

export const approvalStageSchema = z
  .object({
    id: idSchema,
    title: localizedSchema,
    approvers: z.array(approverRuleSchema).min(1),
    mode: z.enum(['all', 'any']).default('any'),
    /** The stage applies only when the condition holds (e.g. amount over 100 000). */
    when: conditionSchema.optional(),
    /** Business hours the approvers have to decide. */
    dueHours: z.number().positive().default(16),
  })
  .strict();
export type ApprovalStage = z.infer<typeof approvalStageSchema>;

export const serviceSchema = z
  .object({
    id: idSchema,
    category: z.enum(CATEGORIES),
    title: localizedSchema,
    description: localizedSchema,
    /** Extra search words, per language. */
    keywords: z
      .object({ en: z.array(z.string()), ru: z.array(z.string()) })
      .strict()
      .optional(),
    team: idSchema,
    fields: z.array(fieldSchema).min(1),
    approvals: z.array(approvalStageSchema).default([]),
    sla: z
      .object({ responseHours: z.number().positive(), resolutionHours: z.number().positive(), calendar: idSchema })
      .strict(),
    assignment: z.enum(['least-loaded', 'round-robin', 'manual']).default('least-loaded'),
    /**
     * Approving this request records an absence of the requester for the date range in
     * `periodField`, and a delegation of their approvals to the person in `deputyField`.
     */
    absence: z.object({ periodField: fieldIdSchema, deputyField: fieldIdSchema.optional() }).strict().optional(),
  })
  .strict();
export type Service = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;

export const teamSchema = z
  .object({ id: idSchema, name: localizedSchema, leadId: z.string().min(1), email: z.string().email().optional() })
  .strict();
export type Team = z.infer<typeof teamSchema>;

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const calendarSchema = z
  .object({
    id: idSchema,
    name: localizedSchema,
    timeZone: z.string().min(1),
    workdayStart: timeSchema,
    workdayEnd: timeSchema,
    /** ISO weekdays, 1 = Monday. */
    workdays: z.array(z.number().int().min(1).max(7)).min(1),
    /** Public holidays from date-holidays, e.g. { country: 'RU' } (npm run generate:holidays after a change). */
    holidays: z
      .object({ country: z.string().length(2), region: z.string().optional() })
      .strict()
      .optional(),
    /** Company overrides: extra days off or extra working days. */
    overrides: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), working: z.boolean() }).strict())
      .default([]),
    /** Breaks inside the working day (local times, e.g. lunch 13:00-14:00): not business time. */
    breaks: z.array(z.object({ start: timeSchema, end: timeSchema }).strict()).default([]),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    // 'HH:MM' strings (already checked by timeSchema) compare like the times they name.
    const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
    const issue = (index: number, message: string): void =>
      ctx.addIssue({ code: 'custom', path: ['breaks', index], message: `calendar ${calendar.id}: ${message}` });
    const label = (b: { start: string; end: string }): string => `break ${b.start}-${b.end}`;
    calendar.breaks.forEach((b, index) => {
      if (b.start >= b.end) issue(index, `${label(b)} must start before it ends`);
      else if (b.start < calendar.workdayStart || b.end > calendar.workdayEnd) {
        issue(index, `${label(b)} must lie within ${calendar.workdayStart}-${calendar.workdayEnd}`);
      }
    });
    const sorted = calendar.breaks.map((b, index) => ({ ...b, index })).sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < sorted.length; i += 1) {
      const [prev, next] = [sorted[i - 1], sorted[i]];
      if (prev && next && next.start < prev.end) issue(next.index, `${label(next)} overlaps ${label(prev)}`);
    }
    const breakMinutes = calendar.breaks.reduce(
      (sum, b) => sum + Math.max(0, minutesOf(b.end) - minutesOf(b.start)),
      0,
    );
    if (
      calendar.breaks.length > 0 &&
      breakMinutes >= minutesOf(calendar.workdayEnd) - minutesOf(calendar.workdayStart)
    ) {
      issue(0, 'breaks leave no working time in the day');
    }
  });
export type Calendar = z.infer<typeof calendarSchema>;

export const departmentSchema = z.object({ id: idSchema, name: localizedSchema, headId: z.string().min(1) }).strict();
export type Department = z.infer<typeof departmentSchema>;

export const personSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9.-]+$/),
    email: z.string().email(),
    name: z.string().min(1).max(200),
    locale: z.enum(LOCALES),
    department: idSchema,
    managerId: z.string().nullable(),
    teams: z.array(idSchema).default([]),
    roles: z.array(z.enum(ROLES)).min(1),
    /** Positions that approval rules name as `role:<r>` (e.g. cfo, ceo, security-officer). */
    approvalRoles: z.array(idSchema).default([]),
    jobTitle: localizedSchema.optional(),
  })
  .strict();
export type Person = z.infer<typeof personSchema>;

export const catalogSchema = z
  .object({
    company: z.object({ name: localizedSchema, defaultCalendar: idSchema }).strict(),
    calendars: z.array(calendarSchema).min(1),
    departments: z.array(departmentSchema).min(1),
    teams: z.array(teamSchema).min(1),
    services: z.array(serviceSchema).min(1),
    directory: z.array(personSchema).min(1),
  })
  .strict();
export type CatalogData = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
