/**
 * A service's form as a JSON Schema (2020-12) object in the reader's language. `x-kind` tells the
 * web portal which widget to draw; `showIf` becomes `if`/`then` so generic JSON Schema tools agree
 * with our validator, and is also kept verbatim as `x-showIf` for the form renderer.
 */
import type { Condition, Field, Locale } from '../catalog/schema';

type JsonSchema = Record<string, unknown>;

const DATE = { type: 'string', format: 'date' };

function conditionSchema(condition: Condition): JsonSchema {
  const path = (inner: JsonSchema, money = false) => (money ? { properties: { amount: inner } } : inner);
  const numeric = ['gt', 'gte', 'lt', 'lte'].some((op) => op in condition);
  const rule: JsonSchema = {};
  if (condition.eq !== undefined) rule.const = condition.eq;
  if (condition.ne !== undefined) rule.not = { const: condition.ne };
  if (condition.in !== undefined) rule.enum = condition.in;
  if (condition.gt !== undefined) rule.exclusiveMinimum = condition.gt;
  if (condition.gte !== undefined) rule.minimum = condition.gte;
  if (condition.lt !== undefined) rule.exclusiveMaximum = condition.lt;
  if (condition.lte !== undefined) rule.maximum = condition.lte;
  return { properties: { [condition.field]: path(rule, numeric) }, required: [condition.field] };
}

type Option = { value: string; label: { en: string; ru: string } };
const options = (opts: Option[], locale: Locale) => ({
  enum: opts.map((o) => o.value),
  'x-enumNames': opts.map((o) => o.label[locale]),
});

type Widget<K extends Field['kind']> = (field: Extract<Field, { kind: K }>, locale: Locale) => JsonSchema;

const widgets: { [K in Field['kind']]: Widget<K> } = {
  text: (f) => ({ type: 'string', maxLength: f.maxLength, minLength: f.minLength, pattern: f.pattern }),
  textarea: (f) => ({ type: 'string', maxLength: f.maxLength }),
  number: (f) => ({ type: f.integer ? 'integer' : 'number', minimum: f.min, maximum: f.max }),
  money: (f) => ({
    type: 'object',
    properties: {
      amount: { type: 'number', minimum: f.min, maximum: f.max, multipleOf: 0.01 },
      currency: { type: 'string', enum: f.currencies, default: f.currencies[0] },
    },
    required: ['amount'],
    additionalProperties: false,
  }),
  date: (f) => ({ ...DATE, 'x-notInPast': f.notInPast || undefined }),
  dateRange: (f) => ({
    type: 'object',
    properties: { from: DATE, to: DATE },
    required: ['from', 'to'],
    additionalProperties: false,
    'x-notInPast': f.notInPast || undefined,
    'x-maxDays': f.maxDays,
  }),
  select: (f, locale) => ({ type: 'string', ...options(f.options, locale) }),
  multiselect: (f, locale) => ({
    type: 'array',
    items: { type: 'string', ...options(f.options, locale) },
    uniqueItems: true,
    minItems: f.minItems,
    maxItems: f.maxItems,
  }),
  checkbox: (f) => ({ type: 'boolean', const: f.mustBeTrue ? true : undefined }),
  email: () => ({ type: 'string', format: 'email', maxLength: 254 }),
  user: () => ({ type: 'string', 'x-directory': 'users' }),
};

function fieldSchema(field: Field, locale: Locale): JsonSchema {
  const widget = (widgets[field.kind] as Widget<Field['kind']>)(field as never, locale);
  return {
    title: field.label[locale],
    description: field.help?.[locale],
    'x-kind': field.kind,
    'x-showIf': field.showIf,
    // May change after approval without a new approval round (every other field needs one).
    'x-editableAfterApproval': ('editableAfterApproval' in field && field.editableAfterApproval) || undefined,
    ...widget,
  };
}

/** Drops `undefined` members so the document is clean JSON. */
const compact = (schema: JsonSchema): JsonSchema =>
  Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));

export function formJsonSchema(fields: readonly Field[], locale: Locale): JsonSchema {
  const always = fields.filter((f) => f.required && !f.showIf).map((f) => f.id);
  const conditional = fields
    .filter((f) => f.required && f.showIf)
    .map((f) => ({ if: conditionSchema(f.showIf as Condition), then: { required: [f.id] } }));
  return compact({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.id, compact(fieldSchema(f, locale))])),
    required: always,
    additionalProperties: false,
    'x-order': fields.map((f) => f.id),
    allOf: conditional.length > 0 ? conditional : undefined,
  });
}
