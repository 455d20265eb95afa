/** An approval stage's wait timed out (functions/usecases/escalate.ts decides what follows). */
import { clock } from '../adapters/clock';
import { requestStore } from '../adapters/store/requests';
import { stepFunctions } from '../adapters/workflow';
import { catalog } from '../usecases/catalog';
import { escalateApproval } from '../usecases/escalate';
import type { StageInput } from '../usecases/stage-wait';
import { workflowTask } from './task';

const ports = { requests: requestStore, workflows: stepFunctions, clock, directory: catalog };

export const handler = workflowTask('escalate-approval', async (input: StageInput) => {
  await escalateApproval(ports, input);
  return {};
});
