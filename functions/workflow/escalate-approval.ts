/** An approval stage's wait timed out (functions/usecases/escalate.ts decides what follows). */
import { clock } from '../adapters/clock';
import { commitChange, getRequest } from '../adapters/store/requests';
import { stepFunctionStarts } from '../adapters/workflow';
import { catalog } from '../usecases/catalog';
import { escalateApproval } from '../usecases/escalate';
import type { StageInput } from '../usecases/stage-timeout';
import { workflowTask } from './task';

const ports = { requests: { getRequest, commitChange }, workflows: stepFunctionStarts, clock, directory: catalog };

export const handler = workflowTask('escalate-approval', async (input: StageInput) => {
  await escalateApproval(ports, input);
  return {};
});
