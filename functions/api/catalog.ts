import { clock } from '../adapters/clock';
import { currentAbsences } from '../adapters/store/absences';
import { presentService } from '../domain/catalog/present';
import { notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { catalog } from '../usecases/catalog';
import { previewRoute } from '../usecases/preview';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { previewBody } from './schemas';

const ports = { clock, directory: catalog, absences: { currentAbsences } };

export const handler = httpHandler(
  {
    'GET /services': async ({ locale }) => ({
      status: 200,
      body: { items: catalog.services.map((service) => presentService(service, locale)) },
    }),
    'GET /services/{serviceId}': async ({ locale, params }) => {
      const service = catalog.service(params.serviceId ?? '');
      if (!service) throw notFound(t(locale, 'serviceNotFound'));
      return { status: 200, body: presentService(service, locale) };
    },
    'POST /services/{serviceId}/preview': async ({ locale, params, principal, body }) => {
      const service = catalog.service(params.serviceId ?? '');
      if (!service) throw notFound(t(locale, 'serviceNotFound'));
      const input = parseWith(previewBody, body, { locale });
      return { status: 200, body: await previewRoute(ports, principal, service, input.fields, locale) };
    },
  },
  {},
  catalog,
);
