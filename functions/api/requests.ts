import { getRequest } from '../adapters/store/requests';
import { notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { presentRequest } from '../usecases/present';
import { idempotent } from '../usecases/idempotency';
import { listRequests, requestDetail, submitRequest } from '../usecases/requests';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { createRequestBody, listQuery, SERVER_OWNED_FIELDS } from './schemas';

export const handler = httpHandler(
  {
    'POST /requests': async (request) => {
      const { locale, principal } = request;
      const input = parseWith(createRequestBody, request.body, { locale, serverOwned: SERVER_OWNED_FIELDS });
      return idempotent(request, 'POST /requests', {
        perform: async (draft) => ({ status: 201, body: await submitRequest(principal, input, locale, draft) }),
        async replay(record) {
          const stored = await getRequest(record.requestId);
          if (!stored) throw notFound(t(locale, 'requestNotFound'));
          return { status: record.status, body: presentRequest(stored, locale) };
        },
      });
    },
    'GET /requests': async ({ locale, principal, query }) => {
      const input = parseWith(listQuery, query, { locale, prefix: 'query' });
      return { status: 200, body: await listRequests(principal, input, locale) };
    },
    'GET /requests/{id}': async ({ locale, principal, params }) => ({
      status: 200,
      body: await requestDetail(principal, params.id ?? '', locale),
    }),
  },
  {},
  catalog,
);
