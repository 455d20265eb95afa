/**
 * The consistency checker: reads the whole table (a Scan: an operator's tool, never a request path)
 * and the local workflow engine, and reports per request what must always hold. Served locally as
 * GET /api/dev/consistency; `npm run check:consistency` asks a running portal.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { STATUSES, type RequestStatus } from '../functions/domain/requests/model';
import type { DevRoute } from './api-server';
import type { StepFunctionsEngine } from './stepfunctions';

type Item = Record<string, unknown>;

export interface ConsistencyReport {
  requests: number;
  events: number;
  problems: { requestId: string; problem: string }[];
  counts: {
    lostByIdempotencyKey: number;
    gapsInHistory: number;
    badStatus: number;
    duplicateExecutions: number;
    duplicateNotices: number;
    stuckApprovals: number;
    staleInboxes: number;
  };
}

async function scanAll(endpoint: string, tableName: string): Promise<Item[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
}

const byRequest = (items: Item[]) => {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const pk = item.pk as string;
    if (!pk.startsWith('REQ#')) continue;
    const id = pk.slice(4);
    groups.set(id, [...(groups.get(id) ?? []), item]);
  }
  return groups;
};

type Flag = (problem: string, counter: keyof ConsistencyReport['counts']) => void;

/** Seq 1..n without gaps, a known status, one notice per (event, recipient). */
function checkStoredState(meta: Item, items: Item[], flag: Flag) {
  const events = items.filter((i) => i.entity === 'event');
  const seqs = events.map((i) => i.seq as number).sort((a, b) => a - b);
  if (seqs.some((seq, i) => seq !== i + 1) || seqs.length !== meta.lastSeq)
    flag(`history seq ${seqs.join(',')} is not 1..${String(meta.lastSeq)}`, 'gapsInHistory');
  if (!STATUSES.includes(meta.status as RequestStatus)) flag(`unknown status ${String(meta.status)}`, 'badStatus');
  if (meta.status === 'pending_approval' && meta.currentStage === null) {
    const history = events.map((i) => i.type).join(',');
    flag(`pending approval with no stage open (history ${history})`, 'badStatus');
  }
  const notices = items.filter((i) => i.entity === 'notice').map((i) => i.sk as string);
  if (new Set(notices).size !== notices.length) flag('two notices for one (event, recipient)', 'duplicateNotices');
  // Each approver's inbox entry carries the request as it is now, not as it was when they were asked.
  const stale = items.filter(
    (i) => i.entity === 'approval-task' && (i.request as Item | undefined)?.lastSeq !== meta.lastSeq,
  );
  if (stale.length > 0) flag(`${stale.length} inbox entries behind the request`, 'staleInboxes');
  return seqs.length;
}

/** One execution per approval round, and a live one (or a recorded failure) while approval waits. */
function checkWorkflows(request: { id: string; meta: Item; items: Item[] }, engine: StepFunctionsEngine, flag: Flag) {
  const { id, meta, items } = request;
  const executions = engine.listExecutions('lifecycle').filter((e) => e.name === id || e.name.startsWith(`${id}-r`));
  if (new Set(executions.map((e) => e.name)).size !== executions.length)
    flag('two executions for one round', 'duplicateExecutions');
  const failed = items.some((i) => i.entity === 'event' && i.type === 'workflow_failed');
  const round = meta.round as number;
  const current = executions.find((e) => e.name === (round === 1 ? id : `${id}-r${round}`));
  if (meta.status === 'pending_approval' && current?.status !== 'RUNNING' && !failed)
    flag(`waits for approval but its workflow is ${current?.status ?? 'missing'}`, 'stuckApprovals');
}

function checkRequest(id: string, items: Item[], engine: StepFunctionsEngine | undefined, report: ConsistencyReport) {
  const flag: Flag = (problem, counter) => {
    report.problems.push({ requestId: id, problem });
    report.counts[counter]++;
  };
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) return flag('history without a request item', 'gapsInHistory');
  report.events += checkStoredState(meta, items, flag);
  if (engine) checkWorkflows({ id, meta, items }, engine, flag);
}

export async function checkConsistency(
  endpoint: string,
  tableName: string,
  engine?: StepFunctionsEngine,
): Promise<ConsistencyReport> {
  const items = await scanAll(endpoint, tableName);
  const groups = byRequest(items);
  const report: ConsistencyReport = {
    requests: 0,
    events: 0,
    problems: [],
    counts: {
      lostByIdempotencyKey: 0,
      gapsInHistory: 0,
      badStatus: 0,
      duplicateExecutions: 0,
      duplicateNotices: 0,
      stuckApprovals: 0,
      staleInboxes: 0,
    },
  };
  for (const [id, requestItems] of groups) {
    if (requestItems.some((i) => i.sk === 'META')) report.requests++;
    checkRequest(id, requestItems, engine, report);
  }
  // Every idempotency record names a request that exists: an acknowledged submission is never lost.
  for (const record of items.filter((i) => i.entity === 'idempotency')) {
    if (!groups.get(record.requestId as string)?.some((i) => i.sk === 'META')) {
      report.problems.push({ requestId: record.requestId as string, problem: 'idempotency key without its request' });
      report.counts.lostByIdempotencyKey++;
    }
  }
  return report;
}

export const consistencyRoute = (run: () => Promise<ConsistencyReport>): DevRoute => ({
  method: 'GET',
  path: '/dev/consistency',
  handle: async () => ({ status: 200, body: await run() }),
});
