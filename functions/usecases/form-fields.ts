/** A service's form checked against the catalog: known people, dates relative to the team's today. */
import type { Locale, Service } from '../domain/catalog/schema';
import { validateForm } from '../domain/forms/validate';
import { clock } from '../adapters/clock';
import { catalog, todayFor } from './catalog';

export function validateFields(service: Service, fields: unknown, locale: Locale, dropHidden = false) {
  return validateForm(service.fields, fields, {
    locale,
    today: todayFor(service, clock.now()),
    isKnownUser: (id) => catalog.person(id) !== undefined,
    dropHidden,
  });
}
