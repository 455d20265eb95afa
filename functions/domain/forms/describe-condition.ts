/**
 * A field condition in words, for a route stage that depends on a field not filled in yet:
 * "если «Ориентировочная общая стоимость» больше 100 000 ₽", "if “System” is “Finance ERP”".
 */
import type { Condition, Field, Locale } from '../catalog/schema';
import { t, type MessageKey } from '../i18n';

const TAG: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

/** A compared value as the form shows it: an option's label, an amount with its currency, a number. */
function shown(value: string | number | boolean, field: Field | undefined, locale: Locale): string {
  if (typeof value === 'boolean')
    return t(locale, 'conditionQuoted', { value: t(locale, value ? 'conditionYes' : 'conditionNo') });
  if (typeof value === 'number') {
    const currency = field?.kind === 'money' ? field.currencies[0] : undefined;
    return new Intl.NumberFormat(TAG[locale], {
      maximumFractionDigits: 2,
      ...(currency ? { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 0 } : {}),
    }).format(value);
  }
  const options = field && 'options' in field ? field.options : [];
  const label = options.find((o) => o.value === value)?.label[locale] ?? value;
  return t(locale, 'conditionQuoted', { value: label });
}

const OPERATORS = [
  ['eq', 'conditionEq'],
  ['ne', 'conditionNe'],
  ['in', 'conditionEq'],
  ['gt', 'conditionGt'],
  ['gte', 'conditionGte'],
  ['lt', 'conditionLt'],
  ['lte', 'conditionLte'],
] as const satisfies readonly (readonly [keyof Condition, MessageKey])[];

const joined = (parts: string[], key: 'conditionAnd' | 'conditionOr', locale: Locale) =>
  parts.reduce((a, b) => t(locale, key, { a, b }));

export function describeCondition(condition: Condition, fields: readonly Field[], locale: Locale): string {
  const field = fields.find((f) => f.id === condition.field);
  const clauses = OPERATORS.flatMap(([operator, key]) => {
    const operand = condition[operator];
    if (operand === undefined) return [];
    const values = Array.isArray(operand) ? operand : [operand];
    const value = joined(
      values.map((v) => shown(v, field, locale)),
      'conditionOr',
      locale,
    );
    return [t(locale, key, { value })];
  });
  return t(locale, 'conditionIf', {
    field: field?.label[locale] ?? condition.field,
    clauses: joined(clauses, 'conditionAnd', locale),
  });
}
