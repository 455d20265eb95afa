/** Opens the wait for one approval stage (functions/usecases/stage-wait.ts says for how long). */
import { clock } from '../adapters/clock';
import { requestStore } from '../adapters/store/requests';
import { stageTimeout, type StageInput } from '../usecases/stage-wait';
import { workflowTask } from './task';

const ports = { requests: requestStore, clock };

export const handler = workflowTask('start-stage', (input: StageInput) => stageTimeout(ports, input));
