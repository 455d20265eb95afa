/**
 * DynamoDB Streams consumer "history" (workflow recovery and analytics): every new history event (the
 * outbox) goes through two steps, in this order.
 * 1. Workflows (functions/usecases/workflows.ts), record by record: the workflows the request needs are
 *    (re)started if they are not running — the guarantee behind the API's fast path, for handlers that
 *    crashed between their commit and their StartExecution — and a decided approval stage resumes the
 *    workflow waiting on it. Imported history starts nothing.
 * 2. Analytics (functions/usecases/aggregate-history.ts), once for the records step 1 got through: they
 *    are counted into the aggregates exactly once, in as few reads and transactions as the batch allows,
 *    and the business metrics of the events newly counted go out as CloudWatch EMF.
 * One function, not two, because AWS advises at most two readers per DynamoDB Streams shard and the
 * notify consumer keeps the other (lib/service-stack.ts).
 *
 * On a failure the batch is reported back (ReportBatchItemFailures) from the first record where either
 * step failed, and Lambda redelivers it from there. Both steps are idempotent (named executions, task
 * tokens that resume once; a counted mark per event), so records already handled change nothing twice.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { getStageToken } from '../adapters/store/approvals';
import { getRequest, getRequestWithHistory } from '../adapters/store/requests';
import { publishMetrics } from '../adapters/emf';
import { countedEvents, countOnce } from '../adapters/store/aggregates';
import { outboxEventOf, type OutboxEvent } from '../adapters/store/stream';
import { stepFunctions } from '../adapters/workflow';
import { aggregateOutbox } from '../usecases/aggregate-history';
import { catalog } from '../usecases/catalog';
import { followUpWorkflows } from '../usecases/workflows';
import { logger } from '../shared/logger';

const workflowPorts = { requests: { getRequest }, approvals: { getStageToken }, workflows: stepFunctions };
const analytics = { aggregates: { countedEvents, countOnce }, requests: { getRequestWithHistory }, directory: catalog };

interface Outboxed {
  item: OutboxEvent;
  record: DynamoDBRecord;
}

/** Step 1, in history order; the index of the first record it failed, or the count if none. */
async function followUpUntilFailure(outbox: readonly Outboxed[]): Promise<number> {
  for (const [index, { item }] of outbox.entries()) {
    try {
      await followUpWorkflows(workflowPorts, item);
    } catch (error) {
      logger.error('Workflow start failed; the batch resumes here', {
        error: error as Error,
        requestId: item.requestId,
      });
      return index;
    }
  }
  return outbox.length;
}

/** Step 2 for the whole slice at once (it batches its reads and writes); false if it failed. */
async function countInAnalytics(outbox: readonly Outboxed[]): Promise<boolean> {
  if (outbox.length === 0) return true;
  try {
    const items = outbox.map((o) => o.item);
    publishMetrics(await aggregateOutbox(analytics, items));
    return true;
  } catch (error) {
    logger.error('Aggregation failed; the batch is retried (counted events are skipped)', { error: error as Error });
    return false;
  }
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const outbox = event.Records.flatMap((record) => {
    const item = outboxEventOf(record);
    return item ? [{ item, record }] : [];
  });
  const followed = await followUpUntilFailure(outbox);
  // A record is counted only once its workflows step succeeded; the rest is counted when redelivered.
  const counted = await countInAnalytics(outbox.slice(0, followed));
  // Analytics fail as a whole (what it did commit is skipped next time): from the slice's first record.
  const failed = outbox[counted ? followed : 0];
  return { batchItemFailures: failed ? [{ itemIdentifier: failed.record.dynamodb?.SequenceNumber ?? '' }] : [] };
};
