import type { Condition } from '../catalog/schema';

export type FieldValues = Record<string, unknown>;

/** The comparable value of a field: money compares its amount, a multiselect its items. */
function comparable(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'amount' in value)
    return (value as { amount: unknown }).amount;
  return value;
}

const equals = (value: unknown, expected: unknown) =>
  Array.isArray(value) ? value.includes(expected) : value === expected;

/** True when every operator of the condition holds for the current form values. */
export function conditionHolds(condition: Condition, values: FieldValues): boolean {
  const value = comparable(values[condition.field]);
  if (value === undefined || value === null) return false;
  const num = typeof value === 'number' ? value : NaN;
  const checks: boolean[] = [];
  if (condition.eq !== undefined) checks.push(equals(value, condition.eq));
  if (condition.ne !== undefined) checks.push(!equals(value, condition.ne));
  if (condition.in !== undefined) checks.push(condition.in.some((option) => equals(value, option)));
  if (condition.gt !== undefined) checks.push(num > condition.gt);
  if (condition.gte !== undefined) checks.push(num >= condition.gte);
  if (condition.lt !== undefined) checks.push(num < condition.lt);
  if (condition.lte !== undefined) checks.push(num <= condition.lte);
  return checks.every(Boolean);
}
