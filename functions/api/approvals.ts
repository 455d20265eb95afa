import { getRequest } from '../adapters/store/requests';
import { notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { decide } from '../usecases/decisions';
import { idempotent } from '../usecases/idempotency';
import { presentRequest } from '../usecases/present';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { decisionBody } from './schemas';

export const handler = httpHandler(
  {
    'POST /requests/{id}/approvals/{stage}/decision': async (request) => {
      const { locale, principal } = request;
      const id = request.params.id ?? '';
      const stage = request.params.stage ?? '';
      const input = parseWith(decisionBody, request.body, { locale });
      return idempotent(request, `POST /requests/${id}/approvals/${stage}/decision`, {
        perform: async (idempotency) => ({
          status: 200,
          body: await decide(principal, id, { stage, ...input }, { locale, idempotency }),
        }),
        async replay(record) {
          const stored = await getRequest(record.requestId);
          if (!stored) throw notFound(t(locale, 'requestNotFound'));
          return { status: record.status, body: presentRequest(stored, locale) };
        },
      });
    },
  },
  {},
  catalog,
);
