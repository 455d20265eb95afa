/** The route a request would take: who approves, on whose behalf, and when it should be done. */
import type { Locale, Service } from '../domain/catalog/schema';
import { validationFailed } from '../domain/errors';
import { t } from '../domain/i18n';
import type { Principal } from '../domain/requests/model';
import { clock } from '../adapters/clock';
import { calendarOf } from './catalog';
import { requesterOf } from './org';
import { validateFields } from './form-fields';
import { routeRequest } from './routing';

export async function previewRoute(principal: Principal, service: Service, fields: unknown, locale: Locale) {
  const form = validateFields(service, fields, locale);
  if (!form.ok) throw validationFailed(t(locale, 'formInvalid'), form.details);
  const now = clock.now();
  const route = await routeRequest(service, requesterOf(principal), form.values, now);
  const pending = route.approvals.filter((s) => s.status === 'pending');
  const hours = pending.reduce((sum, s) => sum + s.dueHours, 0) + service.sla.resolutionHours;
  return {
    approvals: route.approvals.map((s) => ({
      stage: s.stage,
      title: s.title[locale],
      mode: s.mode,
      status: s.status,
      approvers: s.approvers.map(({ id, name, onBehalfOf }) => ({ id, name, ...(onBehalfOf ? { onBehalfOf } : {}) })),
      ...(s.notes ? { notes: s.notes } : {}),
    })),
    team: service.team,
    dueAt: calendarOf(service).addBusinessHours(now, hours).toISOString(),
  };
}
