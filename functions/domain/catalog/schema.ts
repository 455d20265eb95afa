/**
 * The catalog as data: services, teams, calendars and the company directory, validated with zod
 * at load so a broken catalog fails `npm test` and `cdk synth` with the service and field named.
 *
 * Written with `zod/mini` (zod's tree-shakable API: `z.optional(x)`, `x.check(z.minLength(1))`):
 * the Lambda bundles carry only the parts of zod they use.
 */
import * as z from 'zod/mini';
// Each locale by its own path: `z.locales.en()` would keep all ~50 of zod's locales in the bundle.
import en from 'zod/v4/locales/en.js';
import { CATEGORIES, LOCALES, ROLES } from './vocabulary';

// Before any schema is built (every other schema module imports this one): without `jitless` zod
// compiles each object schema with `new Function` on its first parse, which at a cold start costs
// more (~10 ms for the catalog alone) than it saves over the few parses a function instance makes.
// English messages by default (classic zod sets them itself; zod/mini leaves them to us): the
// catalog's problems are reported in English, and API bodies are parsed in the caller's language.
z.config({ jitless: true, ...en() });

export { CATEGORIES, LOCALES, ROLES, type Category, type Locale, type Role } from './vocabulary';

const nonEmpty = z.string().check(z.minLength(1));

export const localizedSchema = z.strictObject({ en: nonEmpty, ru: nonEmpty });
export type Localized = z.infer<typeof localizedSchema>;

const idSchema = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes'));
const fieldIdSchema = z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase identifier'));
/** An integer, with further checks (e.g. `int(z.minimum(1))`). */
const int = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(z.int(), ...checks);
/** A boolean option, false unless set. */
const flag = z._default(z.boolean(), false);

/** A structured condition on one form field; money fields compare their amount. */
export const conditionSchema = z
  .strictObject({
    field: fieldIdSchema,
    eq: z.optional(z.union([z.string(), z.number(), z.boolean()])),
    ne: z.optional(z.union([z.string(), z.number(), z.boolean()])),
    in: z.optional(z.array(z.union([z.string(), z.number()])).check(z.minLength(1))),
    gt: z.optional(z.number()),
    gte: z.optional(z.number()),
    lt: z.optional(z.number()),
    lte: z.optional(z.number()),
  })
  .check(z.refine((c) => Object.keys(c).length >= 2, 'a condition needs an operator (eq, ne, in, gt, gte, lt, lte)'));
export type Condition = z.infer<typeof conditionSchema>;

const optionSchema = z.strictObject({
  value: z.string().check(z.minLength(1), z.maxLength(64)),
  label: localizedSchema,
});
const optionsSchema = z.array(optionSchema).check(z.minLength(1));

const fieldBase = {
  id: fieldIdSchema,
  label: localizedSchema,
  help: z.optional(localizedSchema),
  required: flag,
  /** The field is shown (and validated) only when the condition holds. */
  showIf: z.optional(conditionSchema),
};

// F2 (approved content): a free-text clarification the requester may still change after approval
// without a new approval round; every other field the approvers saw is frozen by their approval.
const clarification = { editableAfterApproval: z.optional(z.boolean()) };

export const fieldSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...fieldBase,
    ...clarification,
    kind: z.literal('text'),
    minLength: z.optional(int(z.minimum(0))),
    maxLength: z._default(int(z.minimum(1), z.maximum(1000)), 200),
    pattern: z.optional(z.string()),
  }),
  z.strictObject({
    ...fieldBase,
    ...clarification,
    kind: z.literal('textarea'),
    maxLength: z._default(int(z.minimum(1), z.maximum(20000)), 4000),
  }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal('number'),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    integer: flag,
  }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal('money'),
    min: z._default(z.number().check(z.minimum(0)), 0),
    max: z.optional(z.number().check(z.positive())),
    currencies: z._default(z.array(z.string().check(z.regex(/^[A-Z]{3}$/))).check(z.minLength(1)), ['RUB']),
  }),
  z.strictObject({ ...fieldBase, kind: z.literal('date'), notInPast: flag }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal('dateRange'),
    notInPast: flag,
    maxDays: z.optional(int(z.positive())),
  }),
  z.strictObject({ ...fieldBase, kind: z.literal('select'), options: optionsSchema }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal('multiselect'),
    options: optionsSchema,
    minItems: z.optional(int(z.minimum(0))),
    maxItems: z.optional(int(z.minimum(1))),
  }),
  z.strictObject({ ...fieldBase, kind: z.literal('checkbox'), mustBeTrue: flag }),
  z.strictObject({ ...fieldBase, kind: z.literal('email') }),
  /**
   * A person from the directory (their user id). `beneficiary`: the person the request is for (access
   * for a colleague, a pass for a guest's host): routed like the requester, never their own approver.
   */
  z.strictObject({ ...fieldBase, kind: z.literal('user'), beneficiary: flag }),
]);
export type Field = z.infer<typeof fieldSchema>;
export type FieldKind = Field['kind'];

/** `manager` | `department-head` | `role:<approvalRole>` | `user:<userId>` | `team-lead:<teamId>` */
export const approverRuleSchema = z
  .string()
  .check(
    z.regex(
      /^(manager|department-head|role:[a-z][a-z0-9-]*|user:[a-z0-9.-]+|team-lead:[a-z][a-z0-9-]*)$/,
      'manager, department-head, role:<r>, user:<id> or team-lead:<team>',
    ),
  );
export type ApproverRule = z.infer<typeof approverRuleSchema>;

export const approvalStageSchema = z.strictObject({
  id: idSchema,
  title: localizedSchema,
  approvers: z.array(approverRuleSchema).check(z.minLength(1)),
  mode: z._default(z.enum(['all', 'any']), 'any'),
  /** The stage applies only when the condition holds (e.g. amount over 100 000). */
  when: z.optional(conditionSchema),
  /** Business hours the approvers have to decide. */
  dueHours: z._default(z.number().check(z.positive()), 16),
});
export type ApprovalStage = z.infer<typeof approvalStageSchema>;

const hoursSchema = z.number().check(z.positive());

export const serviceSchema = z.strictObject({
  id: idSchema,
  category: z.enum(CATEGORIES),
  title: localizedSchema,
  description: localizedSchema,
  /** Extra search words, per language. */
  keywords: z.optional(z.strictObject({ en: z.array(z.string()), ru: z.array(z.string()) })),
  team: idSchema,
  fields: z.array(fieldSchema).check(z.minLength(1)),
  /** The 1–3 fields that say what was asked (item and amount, dates): lists show them next to the title. */
  summary: z.array(fieldIdSchema).check(z.minLength(1), z.maxLength(3)),
  approvals: z._default(z.array(approvalStageSchema), []),
  sla: z.strictObject({ responseHours: hoursSchema, resolutionHours: hoursSchema, calendar: idSchema }),
  assignment: z._default(z.enum(['least-loaded', 'round-robin', 'manual']), 'least-loaded'),
  /**
   * Approving this request records an absence of the requester for the date range in
   * `periodField`, and a delegation of their approvals to the person in `deputyField`.
   */
  absence: z.optional(z.strictObject({ periodField: fieldIdSchema, deputyField: z.optional(fieldIdSchema) })),
  // F2 (segregation of duties in fulfilment).
  fulfilment: z.optional(
    z.strictObject({
      /** Whoever approved the request (this round) is not auto-assigned to fulfil it (access, payments). */
      separateFromApprovers: flag,
    }),
  ),
});
export type Service = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;

export const teamSchema = z.strictObject({
  id: idSchema,
  name: localizedSchema,
  leadId: nonEmpty,
  email: z.optional(z.string().check(z.email())),
});
export type Team = z.infer<typeof teamSchema>;

const timeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'));
export const calendarSchema = z
  .strictObject({
    id: idSchema,
    name: localizedSchema,
    timeZone: nonEmpty,
    workdayStart: timeSchema,
    workdayEnd: timeSchema,
    /** ISO weekdays, 1 = Monday. */
    workdays: z.array(int(z.minimum(1), z.maximum(7))).check(z.minLength(1)),
    /** Public holidays from date-holidays, e.g. { country: 'RU' } (npm run generate:holidays after a change). */
    holidays: z.optional(z.strictObject({ country: z.string().check(z.length(2)), region: z.optional(z.string()) })),
    /** Company overrides: extra days off or extra working days. */
    overrides: z._default(
      z.array(z.strictObject({ date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), working: z.boolean() })),
      [],
    ),
    /** Breaks inside the working day (local times, e.g. lunch 13:00-14:00): not business time. */
    breaks: z._default(z.array(z.strictObject({ start: timeSchema, end: timeSchema })), []),
  })
  .check(
    z.superRefine((calendar, ctx) => {
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
      const sorted = calendar.breaks
        .map((b, index) => ({ ...b, index }))
        .sort((a, b) => a.start.localeCompare(b.start));
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
    }),
  );
export type Calendar = z.infer<typeof calendarSchema>;

export const departmentSchema = z.strictObject({ id: idSchema, name: localizedSchema, headId: nonEmpty });
export type Department = z.infer<typeof departmentSchema>;

export const personSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9.-]+$/)),
  email: z.string().check(z.email()),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  locale: z.enum(LOCALES),
  department: idSchema,
  managerId: z.nullable(z.string()),
  teams: z._default(z.array(idSchema), []),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
  /** Positions that approval rules name as `role:<r>` (e.g. cfo, ceo, security-officer). */
  approvalRoles: z._default(z.array(idSchema), []),
  jobTitle: z.optional(localizedSchema),
});
export type Person = z.infer<typeof personSchema>;

export const catalogSchema = z.strictObject({
  company: z.strictObject({
    name: localizedSchema,
    defaultCalendar: idSchema,
    /** Who approves a stage that resolves to nobody, in order: routing never skips a stage for want of a person. */
    fallbackApprovers: z._default(z.array(approverRuleSchema).check(z.minLength(1)), ['department-head']),
  }),
  calendars: z.array(calendarSchema).check(z.minLength(1)),
  departments: z.array(departmentSchema).check(z.minLength(1)),
  teams: z.array(teamSchema).check(z.minLength(1)),
  services: z.array(serviceSchema).check(z.minLength(1)),
  directory: z.array(personSchema).check(z.minLength(1)),
});
export type CatalogData = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
