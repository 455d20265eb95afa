/** The lifecycle's assign step (functions/usecases/assign.ts decides). */
import { clock } from '../adapters/clock';
import { currentAbsences, leavesOf } from '../adapters/store/absences';
import { commitChange, getRequest } from '../adapters/store/requests';
import { teamStore } from '../adapters/store/teams';
import { stepFunctionStarts } from '../adapters/workflow';
import { enterQueue } from '../usecases/assign';
import { catalog } from '../usecases/catalog';
import { workflowTask } from './task';

const ports = {
  requests: { getRequest, commitChange },
  workflows: stepFunctionStarts,
  clock,
  absences: { currentAbsences, leavesOf },
  teams: teamStore,
  directory: catalog,
};

export const handler = workflowTask('assign', (input: { requestId: string; round: number }) =>
  enterQueue(ports, input),
);
