/**
 * Scheduled (an EventBridge rule every BACKLOG_SAMPLE_MINUTES; locally the runtime's virtual clock):
 * samples each team's backlog into the gauges the dashboard's backlog widgets read
 * (functions/usecases/backlog.ts). The event carries nothing the sample needs: it reads the backlog
 * as it is now, so a retried or late invocation is as good as a punctual one.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { sampleBacklog } from '../usecases/backlog';

export const handler = async (_event: ScheduledEvent): Promise<void> => {
  await sampleBacklog();
};
