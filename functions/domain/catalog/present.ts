/** Catalog entries as the API shows them, in the reader's language. */
import { formJsonSchema } from '../forms/json-schema';
import type { Locale, Service } from './schema';

export function presentService(service: Service, locale: Locale) {
  return {
    id: service.id,
    category: service.category,
    title: service.title[locale],
    description: service.description[locale],
    keywords: service.keywords?.[locale] ?? [],
    team: service.team,
    form: formJsonSchema(service.fields, locale),
    sla: {
      responseHours: service.sla.responseHours,
      resolutionHours: service.sla.resolutionHours,
      calendar: service.sla.calendar,
    },
    approvalStages: service.approvals.map((stage) => ({
      id: stage.id,
      title: stage.title[locale],
      mode: stage.mode,
      conditional: stage.when !== undefined,
    })),
  };
}
export type ServiceView = ReturnType<typeof presentService>;
