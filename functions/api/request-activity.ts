import { getRequestWithHistory } from '../adapters/store/requests';
import { notFound } from '../domain/errors';
import { t } from '../domain/i18n';
import { addComment, performAction } from '../usecases/activity';
import { idempotent } from '../usecases/idempotency';
import { presentRequest } from '../usecases/present';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { actionBody, commentBody } from './schemas';

export const handler = httpHandler(
  {
    'POST /requests/{id}/comments': async (request) => {
      const { locale, principal } = request;
      const id = request.params.id ?? '';
      const input = parseWith(commentBody, request.body, { locale });
      return idempotent(request, `POST /requests/${id}/comments`, {
        perform: async (idempotency) => ({
          status: 201,
          body: await addComment(principal, id, input, { locale, idempotency }),
        }),
        async replay(record) {
          const found = await getRequestWithHistory(record.requestId);
          const event = found?.history.find((e) => e.seq === record.seq);
          if (!event) throw notFound(t(locale, 'requestNotFound'));
          return { status: record.status, body: event };
        },
      });
    },
    'POST /requests/{id}/actions': async (request) => {
      const { locale, principal } = request;
      const id = request.params.id ?? '';
      const input = parseWith(actionBody, request.body, { locale });
      return idempotent(request, `POST /requests/${id}/actions`, {
        perform: async (idempotency) => ({
          status: 200,
          body: await performAction(principal, id, input, { locale, idempotency }),
        }),
        async replay(record) {
          const found = await getRequestWithHistory(record.requestId);
          if (!found) throw notFound(t(locale, 'requestNotFound'));
          return { status: record.status, body: presentRequest(found.request, locale) };
        },
      });
    },
  },
  {},
  catalog,
);
