/**
 * Validates a request's form values against its service's fields. Pure, so the web portal runs the
 * same checks (and shows the same messages) as the API.
 */
import type { Field, Locale } from '../catalog/schema';
import type { ErrorDetail } from '../errors';
import { t, type MessageKey, type MessageParams } from '../i18n';
import { conditionHolds, type FieldValues } from './conditions';

export interface FormContext {
  locale: Locale;
  /** Today in the company's time zone (YYYY-MM-DD), for "not in the past" dates. */
  today: string;
  isKnownUser(id: string): boolean;
  /** Drop values of fields hidden by `showIf` instead of rejecting them (used when merging updates). */
  dropHidden?: boolean;
}

/** On failure, `values` still holds the fields that passed (a route preview of a form being filled uses them). */
export type FormResult =
  { ok: true; values: FieldValues } | { ok: false; details: ErrorDetail[]; values?: FieldValues };

type Problem = { key: MessageKey; params?: MessageParams };
type Check = { value: unknown } | Problem;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function validateForm(fields: readonly Field[], input: unknown, ctx: FormContext): FormResult {
  const at = (id: string) => `fields.${id}`;
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, details: [{ path: 'fields', message: t(ctx.locale, 'bodyNotObject') }] };
  const raw = input as Record<string, unknown>;
  const known = new Set(fields.map((f) => f.id));
  const details: ErrorDetail[] = Object.keys(raw)
    .filter((key) => !known.has(key))
    .map((key) => ({ path: at(key), message: t(ctx.locale, 'unknownField') }));
  const values: FieldValues = {};
  for (const field of fields) {
    const checked = checkPresence(field, raw[field.id], values, ctx);
    if (checked === undefined) continue;
    if ('key' in checked) details.push({ path: at(field.id), message: t(ctx.locale, checked.key, checked.params) });
    else values[field.id] = checked.value;
  }
  return details.length > 0 ? { ok: false, details, values } : { ok: true, values };
}

/** Hidden and empty fields first; undefined means "nothing to store and nothing wrong". */
function checkPresence(field: Field, value: unknown, earlier: FieldValues, ctx: FormContext): Check | undefined {
  const present = !isEmpty(value);
  if (field.showIf && !conditionHolds(field.showIf, earlier))
    return present && !ctx.dropHidden ? { key: 'hiddenField' } : undefined;
  if (!present) return field.required ? { key: 'required' } : undefined;
  return checkField(field, value, ctx);
}

/** Nothing entered: absent, null, blank text or an empty list. */
export const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

type Checker<K extends Field['kind']> = (field: Extract<Field, { kind: K }>, value: unknown, ctx: FormContext) => Check;

const checkers: { [K in Field['kind']]: Checker<K> } = {
  text: (field, value) => checkText(field, value),
  textarea: (field, value) => checkText(field, value),
  email: (_field, value) => {
    const email = typeof value === 'string' ? value.trim() : '';
    return email.length <= 254 && EMAIL.test(email) ? { value: email } : { key: 'notAnEmail' };
  },
  number: (field, value) => checkNumber(value, field),
  money: (field, value) => checkMoney(field, value),
  date: (field, value, ctx) => checkDate(value, field.notInPast, ctx.today),
  dateRange: (field, value, ctx) => checkDateRange(field, value, ctx.today),
  select: (field, value) => checkOptions(field.options, value),
  multiselect: (field, value) => checkMulti(field, value),
  checkbox: (field, value) => {
    if (typeof value !== 'boolean') return { key: 'notABoolean' };
    return field.mustBeTrue && !value ? { key: 'mustBeChecked' } : { value };
  },
  user: (_field, value, ctx) =>
    typeof value === 'string' && ctx.isKnownUser(value) ? { value } : { key: 'unknownUser' },
};

const checkField = (field: Field, value: unknown, ctx: FormContext): Check =>
  (checkers[field.kind] as Checker<Field['kind']>)(field as never, value, ctx);

function checkText(field: Extract<Field, { kind: 'text' | 'textarea' }>, value: unknown): Check {
  if (typeof value !== 'string') return { key: 'notAString' };
  const text = value.trim();
  if (text.length > field.maxLength) return { key: 'tooLong', params: { max: field.maxLength } };
  if (field.kind === 'text') {
    if (field.minLength !== undefined && text.length < field.minLength)
      return { key: 'tooShort', params: { min: field.minLength } };
    if (field.pattern && !new RegExp(field.pattern).test(text)) return { key: 'badPattern' };
  }
  return { value: text };
}

function checkNumber(value: unknown, limits: { min?: number; max?: number; integer?: boolean }): Check {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'notANumber' };
  if (limits.integer && !Number.isInteger(value)) return { key: 'notAnInteger' };
  if (limits.min !== undefined && value < limits.min) return { key: 'tooSmall', params: { min: limits.min } };
  if (limits.max !== undefined && value > limits.max) return { key: 'tooBig', params: { max: limits.max } };
  return { value };
}

function checkMoney(field: Extract<Field, { kind: 'money' }>, value: unknown): Check {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { key: 'notANumber' };
  const { amount, currency = field.currencies[0], ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return { key: 'unknownField' };
  const checked = checkNumber(amount, field);
  if ('key' in checked) return checked;
  if (typeof currency !== 'string' || !field.currencies.includes(currency))
    return { key: 'badCurrency', params: { options: field.currencies.join(', ') } };
  // Kopecks: money is kept with at most two decimals.
  const cents = (amount as number) * 100;
  if (Math.abs(Math.round(cents) - cents) > 1e-6) return { key: 'badPattern' };
  return { value: { amount, currency } };
}

function checkDate(value: unknown, notInPast: boolean, today: string): Check {
  if (typeof value !== 'string' || !isRealDate(value)) return { key: 'notADate' };
  if (notInPast && value < today) return { key: 'dateInPast' };
  return { value };
}

function checkDateRange(field: Extract<Field, { kind: 'dateRange' }>, value: unknown, today: string): Check {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { key: 'notADate' };
  const { from, to, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return { key: 'unknownField' };
  for (const end of [from, to]) {
    const checked = checkDate(end, field.notInPast, today);
    if ('key' in checked) return checked;
  }
  const [start, finish] = [from as string, to as string];
  if (finish < start) return { key: 'rangeReversed' };
  const days = (Date.parse(finish) - Date.parse(start)) / 86_400_000 + 1;
  if (field.maxDays !== undefined && days > field.maxDays)
    return { key: 'rangeTooLong', params: { max: field.maxDays } };
  return { value: { from: start, to: finish } };
}

function checkOptions(options: { value: string }[], value: unknown): Check {
  if (typeof value === 'string' && options.some((o) => o.value === value)) return { value };
  return { key: 'notAnOption', params: { options: options.map((o) => o.value).join(', ') } };
}

function checkMulti(field: Extract<Field, { kind: 'multiselect' }>, value: unknown): Check {
  if (!Array.isArray(value)) return checkOptions(field.options, undefined);
  for (const item of value) {
    const checked = checkOptions(field.options, item);
    if ('key' in checked) return checked;
  }
  if (new Set(value).size !== value.length) return { key: 'duplicateOption' };
  if (field.minItems !== undefined && value.length < field.minItems)
    return { key: 'tooFewItems', params: { min: field.minItems } };
  if (field.maxItems !== undefined && value.length > field.maxItems)
    return { key: 'tooManyItems', params: { max: field.maxItems } };
  return { value };
}

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
