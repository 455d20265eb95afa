import { describe, expect, it } from 'vitest';
import type { Field } from '../../functions/domain/catalog/schema';
import { fieldSchema as fieldShape } from '../../functions/domain/catalog/schema';
import { validateForm, type FormContext } from '../../functions/domain/forms/validate';
import { formJsonSchema } from '../../functions/domain/forms/json-schema';

const fields: Field[] = [
  { kind: 'select', id: 'purpose', options: [{ value: 'bank' }, { value: 'other' }] },
  { kind: 'text', id: 'other', required: true, showIf: { field: 'purpose', eq: 'other' } },
  { kind: 'number', id: 'copies', required: true, integer: true, min: 1, max: 5 },
  { kind: 'money', id: 'amount', max: 1000 },
  { kind: 'dateRange', id: 'period', notInPast: true, maxDays: 14 },
  { kind: 'multiselect', id: 'areas', options: [{ value: 'a' }, { value: 'b' }], maxItems: 1 },
  { kind: 'checkbox', id: 'agree', mustBeTrue: true },
  { kind: 'email', id: 'contact' },
  { kind: 'user', id: 'deputy' },
].map((f) =>
  fieldShape.parse({
    ...f,
    label: { en: f.id, ru: f.id },
    ...('options' in f ? { options: f.options?.map((o) => ({ ...o, label: { en: o.value, ru: o.value } })) } : {}),
  }),
);

const ctx: FormContext = { locale: 'en', today: '2026-11-26', isKnownUser: (id) => id === 'maria.ivanova' };
const errors = (input: Record<string, unknown>, context = ctx) => {
  const result = validateForm(fields, { purpose: 'bank', copies: 1, ...input }, context);
  return result.ok ? {} : Object.fromEntries(result.details.map((d) => [d.path, d.message]));
};

describe('form validation', () => {
  it('should accept a valid form and normalise values', () => {
    const result = validateForm(
      fields,
      { purpose: 'bank', copies: 2, amount: { amount: 10.5 }, contact: ' a@b.co ' },
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      values: { purpose: 'bank', copies: 2, amount: { amount: 10.5, currency: 'RUB' }, contact: 'a@b.co' },
    });
  });

  it.each([
    [{ copies: undefined }, 'fields.copies', 'This field is required'],
    [{ copies: 1.5 }, 'fields.copies', 'Must be a whole number'],
    [{ copies: 6 }, 'fields.copies', 'Must be at most 5'],
    [{ copies: '2' }, 'fields.copies', 'Must be a number'],
    [{ amount: { amount: 1001 } }, 'fields.amount', 'Must be at most 1000'],
    [{ amount: { amount: 1, currency: 'USD' } }, 'fields.amount', 'Currency must be one of: RUB'],
    [{ amount: { amount: 1.005 } }, 'fields.amount', 'Has an invalid format'],
    [{ period: { from: '2026-11-25', to: '2026-11-27' } }, 'fields.period', 'Must not be in the past'],
    [{ period: { from: '2026-12-10', to: '2026-12-01' } }, 'fields.period', 'The end must not be before the start'],
    [{ period: { from: '2026-12-01', to: '2026-12-31' } }, 'fields.period', 'At most 14 days'],
    [{ period: { from: '2026-02-30', to: '2026-03-01' } }, 'fields.period', 'Must be a date (YYYY-MM-DD)'],
    [{ areas: ['a', 'a'] }, 'fields.areas', 'Each option at most once'],
    [{ areas: ['a', 'b'] }, 'fields.areas', 'Choose at most 1'],
    [{ areas: ['c'] }, 'fields.areas', 'Must be one of: a, b'],
    [{ agree: false }, 'fields.agree', 'Must be checked'],
    [{ agree: 'yes' }, 'fields.agree', 'Must be true or false'],
    [{ contact: 'not-an-email' }, 'fields.contact', 'Must be an e-mail address'],
    [{ deputy: 'nobody' }, 'fields.deputy', 'No such person in the directory'],
    [{ other: 'hidden' }, 'fields.other', 'This field does not apply here'],
    [{ purpose: 'other' }, 'fields.other', 'This field is required'],
    [{ extra: 1 }, 'fields.extra', 'Unknown field'],
  ])('should reject %j at %s', (input, path, message) => {
    expect(errors(input)).toMatchObject({ [path]: message });
  });

  it('should speak Russian when asked', () => {
    expect(errors({ copies: 9 }, { ...ctx, locale: 'ru' })).toEqual({ 'fields.copies': 'Не больше 5' });
  });

  it('should drop hidden values when merging an update', () => {
    const result = validateForm(fields, { purpose: 'bank', copies: 1, other: 'stale' }, { ...ctx, dropHidden: true });
    expect(result).toEqual({ ok: true, values: { purpose: 'bank', copies: 1 } });
  });
});

describe('form JSON Schema', () => {
  it('should describe fields, limits and conditional requirements', () => {
    const schema = formJsonSchema(fields, 'en') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON document under test
    expect(schema.required).toEqual(['copies']);
    expect(schema.properties.copies).toMatchObject({ type: 'integer', minimum: 1, maximum: 5, 'x-kind': 'number' });
    expect(schema.allOf).toEqual([
      { if: { properties: { purpose: { const: 'other' } }, required: ['purpose'] }, then: { required: ['other'] } },
    ]);
  });
});
