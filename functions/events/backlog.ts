/**
 * Scheduled (an EventBridge rule every BACKLOG_SAMPLE_MINUTES; locally the runtime's virtual clock):
 * samples each team's backlog into the gauges the dashboard's backlog widgets read, read exactly as
 * GET /analytics reads its backlog (one Query per team on the queue index, never a Scan) and emitted
 * as EMF with the dimension `Team` only (functions/adapters/emf.ts). The event carries nothing the
 * sample needs: a gauge states the current level, so a retried, late or missed invocation is as good
 * as a punctual one (the next sample replaces it).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { clock } from '../adapters/clock';
import { publishBacklog } from '../adapters/emf';
import { teamQueue } from '../adapters/store/open-work';
import { backlog } from '../usecases/analytics';
import { catalog } from '../usecases/catalog';

const ports = { aggregates: { teamQueue }, directory: catalog };

export const handler = async (_event: ScheduledEvent): Promise<void> => {
  publishBacklog(await backlog(ports, { kind: 'all' }, clock.now()));
};
