/** Plausible form values for any catalog service, so demo requests look like real ones. */
import type { Field, Person, Service } from '../../functions/domain/catalog/schema';
import type { FieldValues } from '../../functions/domain/forms/conditions';
import { addDays } from '../../functions/domain/sla/local-time';
import type { Random } from './random';

export interface FillContext {
  rng: Random;
  requester: Person;
  colleagues: readonly Person[];
  /** The submission's local date. */
  today: string;
}

/** Amounts are log-normal around 60 000 RUB: about a third need the CFO (over 100 000). */
const money = (rng: Random) => ({ amount: Math.round(rng.lognormal(60_000, 1.1)), currency: 'RUB' });

type Generator<K extends Field['kind']> = (field: Extract<Field, { kind: K }>, ctx: FillContext) => unknown;

const GENERATORS: { [K in Field['kind']]: Generator<K> } = {
  text: (field) => (field.pattern ? undefined : 'Demo'),
  textarea: () => 'Demo request from the imported history',
  number: (field, { rng }) => Math.max(field.min ?? 1, Math.min(field.max ?? 5, rng.int(1, 5))),
  money: (_field, { rng }) => money(rng),
  date: (_field, ctx) => addDays(ctx.today, ctx.rng.int(1, 20)),
  dateRange: (field, { rng, today }) => {
    const from = addDays(today, rng.int(1, 20));
    return { from, to: addDays(from, rng.int(1, Math.min(field.maxDays ?? 10, 10))) };
  },
  select: (field, { rng }) => rng.pick(field.options).value,
  multiselect: (field, { rng }) => [rng.pick(field.options).value],
  checkbox: (field, { rng }) => field.mustBeTrue || rng.chance(0.5),
  email: (_field, ctx) => ctx.requester.email,
  user: (_field, ctx) => ctx.rng.pick(ctx.colleagues).id,
};

const valueOf = (field: Field, ctx: FillContext): unknown =>
  (GENERATORS[field.kind] as Generator<Field['kind']>)(field as never, ctx);

export function fillForm(service: Service, ctx: FillContext): FieldValues {
  const values: FieldValues = {};
  for (const field of service.fields) {
    const value = valueOf(field, ctx);
    if (value !== undefined && (field.required || ctx.rng.chance(0.6))) values[field.id] = value;
  }
  return values;
}
