import { clock } from '../adapters/clock';
import { delegatorsOf } from '../adapters/store/absences';
import { getStageToken } from '../adapters/store/approvals';
import { findIdempotencyRecord } from '../adapters/store/idempotency';
import { commitChange, getRequest, getRequestWithHistory } from '../adapters/store/requests';
import { stepFunctions } from '../adapters/workflow';
import { decide } from '../usecases/decisions';
import { idempotentChange } from '../usecases/idempotency';
import { catalog } from '../usecases/catalog';
import { httpHandler, keyedCall } from './http';
import { parseWith } from './parse';
import { decisionBody } from './schemas';

const ports = {
  clock,
  directory: catalog,
  requests: { getRequest, getRequestWithHistory, commitChange },
  approvals: { getStageToken },
  absences: { delegatorsOf },
  idempotency: { findIdempotencyRecord },
  workflows: stepFunctions,
};

export const handler = httpHandler(
  {
    'POST /requests/{id}/approvals/{stage}/decision': async (request) => {
      const { locale, principal } = request;
      const id = request.params.id ?? '';
      const stage = request.params.stage ?? '';
      const input = parseWith(decisionBody, request.body, { locale });
      const call = keyedCall(request, `POST /requests/${id}/approvals/${stage}/decision`);
      return idempotentChange(ports, call, 'request', async (idempotency) => ({
        status: 200,
        body: await decide(ports, principal, id, { stage, ...input }, { locale, idempotency }),
      }));
    },
  },
  {},
  catalog,
);
