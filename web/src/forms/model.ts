/**
 * A service form as the portal works with it: the served JSON Schema turned back into the domain's
 * field definitions, so the very validator the API runs (functions/domain/forms/validate.ts) checks
 * the form in the browser and shows the server's own messages.
 */
import type { Field } from '../../../functions/domain/catalog/schema';
import { conditionHolds } from '../../../functions/domain/forms/conditions';
import { isEmpty, validateForm } from '../../../functions/domain/forms/validate';
import type { ErrorDetail, FormSchema, Locale, PropertySchema } from '../api/types';

/** The element id of a field's first input (for focusing and error links). */
export const inputId = (fieldId: string, prefix = 'f') => `${prefix}-${fieldId}`;

export type Values = Record<string, unknown>;
export type Errors = Record<string, string>;

export interface FormModel {
  /** Field ids in display order. */
  order: string[];
  props: Record<string, PropertySchema>;
  fields: Field[];
  /** Required whenever shown. */
  required: Set<string>;
}

const labelOf = (p: PropertySchema) => ({ en: p.title, ru: p.title });
const optionsOf = (values: string[] = [], names: string[] = []) =>
  values.map((value, i) => ({ value, label: { en: names[i] ?? value, ru: names[i] ?? value } }));

type Builder = (p: PropertySchema) => Omit<Field, 'id' | 'label' | 'required' | 'showIf' | 'help'>;

const builders: Record<PropertySchema['x-kind'], Builder> = {
  text: (p) => ({ kind: 'text', maxLength: p.maxLength ?? 200, minLength: p.minLength, pattern: p.pattern }),
  textarea: (p) => ({ kind: 'textarea', maxLength: p.maxLength ?? 4000 }),
  number: (p) => ({ kind: 'number', integer: p.type === 'integer', min: p.minimum, max: p.maximum }),
  money: (p) => ({
    kind: 'money',
    min: p.properties?.amount?.minimum ?? 0,
    max: p.properties?.amount?.maximum,
    currencies: p.properties?.currency?.enum ?? ['RUB'],
  }),
  date: (p) => ({ kind: 'date', notInPast: p['x-notInPast'] === true }),
  dateRange: (p) => ({ kind: 'dateRange', notInPast: p['x-notInPast'] === true, maxDays: p['x-maxDays'] }),
  select: (p) => ({ kind: 'select', options: optionsOf(p.enum, p['x-enumNames']) }),
  multiselect: (p) => ({
    kind: 'multiselect',
    options: optionsOf(p.items?.enum, p.items?.['x-enumNames']),
    minItems: p.minItems,
    maxItems: p.maxItems,
  }),
  checkbox: (p) => ({ kind: 'checkbox', mustBeTrue: p.const === true }),
  email: () => ({ kind: 'email' }),
  user: () => ({ kind: 'user' }),
};

export function formModel(schema: FormSchema): FormModel {
  const order = schema['x-order'] ?? Object.keys(schema.properties);
  const required = new Set([...(schema.required ?? []), ...(schema.allOf ?? []).flatMap((rule) => rule.then.required)]);
  const fields = order.flatMap((id): Field[] => {
    const p = schema.properties[id];
    if (!p) return [];
    const field = {
      id,
      label: labelOf(p),
      required: required.has(id),
      showIf: p['x-showIf'],
      ...builders[p['x-kind']](p),
    };
    return [field as Field];
  });
  return { order: fields.map((f) => f.id), props: schema.properties, fields, required };
}

/** What a fresh form starts with: schema defaults (the currency), checkboxes unticked. */
export function initialValues(model: FormModel): Values {
  const values: Values = {};
  for (const field of model.fields) {
    const p = model.props[field.id];
    if (field.kind === 'checkbox') values[field.id] = false;
    if (field.kind === 'money') values[field.id] = { amount: undefined, currency: field.currencies[0] };
    if (p?.default !== undefined) values[field.id] = p.default;
  }
  return values;
}

/** Fields shown for these values: a `showIf` on a hidden or unmet field hides the field. */
export function visibleFields(model: FormModel, values: Values): Set<string> {
  const visible = new Set<string>();
  const seen: Values = {};
  for (const field of model.fields) {
    if (field.showIf && !conditionHolds(field.showIf, seen)) continue;
    visible.add(field.id);
    seen[field.id] = values[field.id];
  }
  return visible;
}

/** Nothing entered, including an amount-less money value and a range with neither end. */
function emptyValue(value: unknown): boolean {
  if (isEmpty(value)) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if ('amount' in v) return isEmpty(v.amount);
  if ('from' in v || 'to' in v) return isEmpty(v.from) && isEmpty(v.to);
  return false;
}

/** The `fields` to send: shown, filled-in fields only. */
export function payloadOf(model: FormModel, values: Values): Values {
  const visible = visibleFields(model, values);
  const payload: Values = {};
  for (const id of model.order) {
    const value = values[id];
    if (visible.has(id) && !emptyValue(value)) payload[id] = value;
  }
  return payload;
}

export interface CheckContext {
  locale: Locale;
  today: string;
  isKnownUser(id: string): boolean;
}

/** Checks the form with the API's own validator: field id -> the server's message. */
export function checkForm(model: FormModel, values: Values, ctx: CheckContext): Errors {
  const result = validateForm(model.fields, payloadOf(model, values), ctx);
  return result.ok ? {} : fieldErrors(result.details);
}

/** `details` of an API error (`fields.<id>`) as field id -> message. */
export function fieldErrors(details: ErrorDetail[]): Errors {
  const prefix = 'fields.';
  const errors: Errors = {};
  for (const detail of details) {
    if (!detail.path.startsWith(prefix)) continue;
    const id = detail.path.slice(prefix.length).split('.')[0] ?? '';
    errors[id] ??= detail.message;
  }
  return errors;
}
