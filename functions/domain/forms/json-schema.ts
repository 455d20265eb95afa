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

function fieldSchema(field: Field, locale: Locale): JsonSchema {
  const base: JsonSchema = { title: field.label[locale], 'x-kind': field.kind };
  if (field.help) base.description = field.help[locale];
  if (field.showIf) base['x-showIf'] = field.showIf;
  const options = (opts: { value: string; label: { en: string; ru: string } }[]) => ({
    enum: opts.map((o) => o.value),
    'x-enumNames': opts.map((o) => o.label[locale]),
  });
  switch (field.kind) {
    case 'text':
      return {
        ...base,
        type: 'string',
        maxLength: field.maxLength,
        minLength: field.minLength,
        pattern: field.pattern,
      };
    case 'textarea':
      return { ...base, type: 'string', maxLength: field.maxLength };
    case 'number':
      return { ...base, type: field.integer ? 'integer' : 'number', minimum: field.min, maximum: field.max };
    case 'money':
      return {
        ...base,
        type: 'object',
        properties: {
          amount: { type: 'number', minimum: field.min, maximum: field.max, multipleOf: 0.01 },
          currency: { type: 'string', enum: field.currencies, default: field.currencies[0] },
        },
        required: ['amount'],
        additionalProperties: false,
      };
    case 'date':
      return { ...base, ...DATE, 'x-notInPast': field.notInPast || undefined };
    case 'dateRange':
      return {
        ...base,
        type: 'object',
        properties: { from: DATE, to: DATE },
        required: ['from', 'to'],
        additionalProperties: false,
        'x-notInPast': field.notInPast || undefined,
        'x-maxDays': field.maxDays,
      };
    case 'select':
      return { ...base, type: 'string', ...options(field.options) };
    case 'multiselect':
      return {
        ...base,
        type: 'array',
        items: { type: 'string', ...options(field.options) },
        uniqueItems: true,
        minItems: field.minItems,
        maxItems: field.maxItems,
      };
    case 'checkbox':
      return { ...base, type: 'boolean', const: field.mustBeTrue ? true : undefined };
    case 'email':
      return { ...base, type: 'string', format: 'email', maxLength: 254 };
    case 'user':
      return { ...base, type: 'string', 'x-directory': 'users' };
  }
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
