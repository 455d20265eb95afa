import { clock } from '../adapters/clock';
import { currentAbsences, delegatorsOf } from '../adapters/store/absences';
import { listApprovalTasks } from '../adapters/store/approvals';
import { findIdempotencyRecord } from '../adapters/store/idempotency';
import {
  getRequest,
  getRequestWithHistory,
  insertRequest,
  listAll,
  listByRequester,
  listTeamQueue,
} from '../adapters/store/requests';
import { stepFunctionStarts } from '../adapters/workflow';
import { idempotentChange } from '../usecases/idempotency';
import { listRequests, requestDetail, submitRequest } from '../usecases/requests';
import { catalog } from '../usecases/catalog';
import { httpHandler, keyedCall } from './http';
import { parseWith } from './parse';
import { createRequestBody, listQuery, SERVER_OWNED_FIELDS } from './schemas';

const ports = {
  clock,
  directory: catalog,
  requests: { getRequest, getRequestWithHistory, insertRequest, listAll, listByRequester, listTeamQueue },
  approvals: { listApprovalTasks },
  absences: { currentAbsences, delegatorsOf },
  idempotency: { findIdempotencyRecord },
  workflows: stepFunctionStarts,
};

export const handler = httpHandler(
  {
    'POST /requests': async (request) => {
      const { locale, principal } = request;
      const input = parseWith(createRequestBody, request.body, { locale, serverOwned: SERVER_OWNED_FIELDS });
      return idempotentChange(ports, keyedCall(request, 'POST /requests'), 'request', async (draft) => ({
        status: 201,
        body: await submitRequest(ports, principal, input, locale, draft),
      }));
    },
    'GET /requests': async ({ locale, principal, query }) => {
      const input = parseWith(listQuery, query, { locale, prefix: 'query' });
      return { status: 200, body: await listRequests(ports, principal, input, locale) };
    },
    'GET /requests/{id}': async ({ locale, principal, params }) => ({
      status: 200,
      body: await requestDetail(ports, principal, params.id ?? '', locale),
    }),
  },
  {},
  catalog,
);
