/** Opens the wait for one approval stage (functions/usecases/stage-wait.ts says for how long). */
import { clock } from '../adapters/clock';
import { getRequest } from '../adapters/store/requests';
import { stageTimeout, type StageInput } from '../usecases/stage-timeout';
import { workflowTask } from './task';

const ports = { requests: { getRequest }, clock };

export const handler = workflowTask('start-stage', (input: StageInput) => stageTimeout(ports, input));
