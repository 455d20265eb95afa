/** A service's form checked against the catalog: known people, dates relative to the team's today. */
import type { Locale, Service } from '../domain/catalog/schema';
import { validateForm } from '../domain/forms/validate';
import type { Needs } from '../ports';
import { todayFor } from './catalog';

export function validateFields(
  ports: Needs<'clock' | 'directory'>,
  service: Service,
  fields: unknown,
  locale: Locale,
  dropHidden = false,
) {
  return validateForm(service.fields, fields, {
    locale,
    today: todayFor(service, ports.clock.now()),
    isKnownUser: (id) => ports.directory.person(id) !== undefined,
    dropHidden,
  });
}
