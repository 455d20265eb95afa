/** The adapters the request handlers hand their use cases: deciding, and the keyed API calls. */
import { clock } from '../adapters/clock';
import { absenceStore } from '../adapters/store/absences';
import { approvalStore } from '../adapters/store/approvals';
import { idempotencyStore } from '../adapters/store/idempotency';
import { requestStore } from '../adapters/store/requests';
import { stepFunctions } from '../adapters/workflow';
import { catalog } from '../usecases/catalog';

/** What a decision needs, in the API and from an e-mailed link. */
export const decisionPorts = {
  clock,
  directory: catalog,
  requests: requestStore,
  approvals: approvalStore,
  absences: absenceStore,
  workflows: stepFunctions,
};

/** Submitting, reading and deciding through the API: the same, plus the idempotency records. */
export const requestPorts = { ...decisionPorts, idempotency: idempotencyStore };
