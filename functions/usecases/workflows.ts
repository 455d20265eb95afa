/**
 * What the history stream consumer (functions/events/history.ts) does first with one new history event:
 * the workflows the request now needs are (re)started if they are not running, and a stage the event
 * decided resumes the workflow waiting on it. Every call is idempotent (named executions, task tokens
 * that resume once), so redeliveries are harmless.
 */
import type { HistoryEvent } from '../domain/requests/model';
import type { Calls, Needs } from '../ports';
import { ensureWorkflows } from './commit';
import { endedStage, reportStageOutcome } from './decisions';
import { isImported } from './imported';

export async function followUpWorkflows(
  ports: Calls<'requests', 'getRequest'> & Calls<'approvals', 'getStageToken'> & Needs<'workflows'>,
  { requestId, event }: { requestId: string; event: HistoryEvent },
): Promise<void> {
  // A comment changes no state. Imported history is finished: its requests never had executions, and
  // starting some would replay a quarter of approvals and SLA timers.
  if (event.type === 'comment' || isImported(event)) return;
  const request = await ports.requests.getRequest(requestId);
  if (!request) return;
  await ensureWorkflows(ports.workflows, request);
  const ended = endedStage(request, event);
  if (ended) await reportStageOutcome(ports, request, ended.stageIndex, ended.outcome);
}
