/** The lifecycle's assign step (functions/usecases/assign.ts decides). */
import { clock } from '../adapters/clock';
import { absenceStore } from '../adapters/store/absences';
import { requestStore } from '../adapters/store/requests';
import { teamStore } from '../adapters/store/teams';
import { stepFunctions } from '../adapters/workflow';
import { enterQueue } from '../usecases/assign';
import { catalog } from '../usecases/catalog';
import { workflowTask } from './task';

const ports = {
  requests: requestStore,
  workflows: stepFunctions,
  clock,
  absences: absenceStore,
  teams: teamStore,
  directory: catalog,
};

export const handler = workflowTask('assign', (input: { requestId: string; round: number }) =>
  enterQueue(ports, input),
);
