import { clock } from '../adapters/clock';
import { currentAbsences } from '../adapters/store/absences';
import { findIdempotencyRecord } from '../adapters/store/idempotency';
import { commitChange, getRequest, getRequestWithHistory } from '../adapters/store/requests';
import { stepFunctionStarts } from '../adapters/workflow';
import { addComment, performAction } from '../usecases/activity';
import { idempotentChange } from '../usecases/idempotency';
import { catalog } from '../usecases/catalog';
import { httpHandler, keyedCall } from './http';
import { parseWith } from './parse';
import { actionBody, commentBody } from './schemas';

const ports = {
  clock,
  directory: catalog,
  requests: { getRequest, getRequestWithHistory, commitChange },
  absences: { currentAbsences },
  idempotency: { findIdempotencyRecord },
  workflows: stepFunctionStarts,
};

export const handler = httpHandler(
  {
    'POST /requests/{id}/comments': async (request) => {
      const { locale, principal } = request;
      const id = request.params.id ?? '';
      const input = parseWith(commentBody, request.body, { locale });
      return idempotentChange(
        ports,
        keyedCall(request, `POST /requests/${id}/comments`),
        'event',
        async (idempotency) => ({
          status: 201,
          body: await addComment(ports, principal, id, input, { locale, idempotency }),
        }),
      );
    },
    'POST /requests/{id}/actions': async (request) => {
      const { locale, principal } = request;
      const id = request.params.id ?? '';
      const input = parseWith(actionBody, request.body, { locale });
      return idempotentChange(
        ports,
        keyedCall(request, `POST /requests/${id}/actions`),
        'request',
        async (idempotency) => ({
          status: 200,
          body: await performAction(ports, principal, id, input, { locale, idempotency }),
        }),
      );
    },
  },
  {},
  catalog,
);
