/** The SLA timer's wake-up (functions/usecases/sla-check.ts decides what it announces and when to wake). */
import { clock } from '../adapters/clock';
import { commitChange, getRequest } from '../adapters/store/requests';
import { stepFunctionStarts } from '../adapters/workflow';
import { catalog } from '../usecases/catalog';
import { checkSla } from '../usecases/sla-check';
import { workflowTask } from './task';

const ports = { requests: { getRequest, commitChange }, workflows: stepFunctionStarts, clock, directory: catalog };

export const handler = workflowTask('sla-check', (input: { requestId: string; timer: string }) =>
  checkSla(ports, input),
);
