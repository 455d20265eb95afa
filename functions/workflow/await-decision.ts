/** Called with the task token when the workflow starts waiting for a stage (functions/usecases/stage-wait.ts). */
import { saveStageToken } from '../adapters/store/approvals';
import { getRequest } from '../adapters/store/requests';
import { resumeTask } from '../adapters/workflow';
import type { StageInput } from '../usecases/stage-timeout';
import { awaitDecision } from '../usecases/stage-wait';
import { workflowTask } from './task';

const ports = { requests: { getRequest }, approvals: { saveStageToken }, workflows: { resume: resumeTask } };

export const handler = workflowTask('await-decision', (input: StageInput & { token: string }) =>
  awaitDecision(ports, input),
);
