/** Called with the task token when the workflow starts waiting for a stage (functions/usecases/stage-wait.ts). */
import { approvalStore } from '../adapters/store/approvals';
import { requestStore } from '../adapters/store/requests';
import { stepFunctions } from '../adapters/workflow';
import { awaitDecision, type StageInput } from '../usecases/stage-wait';
import { workflowTask } from './task';

const ports = { requests: requestStore, approvals: approvalStore, workflows: stepFunctions };

export const handler = workflowTask('await-decision', (input: StageInput & { token: string }) =>
  awaitDecision(ports, input),
);
