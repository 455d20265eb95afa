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

function valueOf(field: Field, ctx: FillContext): unknown {
  const { rng } = ctx;
  switch (field.kind) {
    case 'text':
      return field.pattern ? undefined : 'Demo';
    case 'textarea':
      return 'Demo request from the imported history';
    case 'number':
      return Math.max(field.min ?? 1, Math.min(field.max ?? 5, rng.int(1, 5)));
    case 'money':
      return money(rng);
    case 'date':
      return addDays(ctx.today, rng.int(1, 20));
    case 'dateRange': {
      const from = addDays(ctx.today, rng.int(1, 20));
      return { from, to: addDays(from, rng.int(1, Math.min(field.maxDays ?? 10, 10))) };
    }
    case 'select':
      return rng.pick(field.options).value;
    case 'multiselect':
      return [rng.pick(field.options).value];
    case 'checkbox':
      return field.mustBeTrue || rng.chance(0.5);
    case 'email':
      return ctx.requester.email;
    case 'user':
      return rng.pick(ctx.colleagues).id;
  }
}

export function fillForm(service: Service, ctx: FillContext): FieldValues {
  const values: FieldValues = {};
  for (const field of service.fields) {
    const value = valueOf(field, ctx);
    if (value !== undefined && (field.required || ctx.rng.chance(0.6))) values[field.id] = value;
  }
  return values;
}
