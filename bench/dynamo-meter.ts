/**
 * Counts DynamoDB calls and the capacity they consumed, by command, through a middleware on the
 * process-wide client the handlers use. Every product call asks for ReturnConsumedCapacity TOTAL,
 * so the units come straight from DynamoDB's answers.
 *
 * Read the counters before and after one awaited unit of work (`snapshot()` / `since()`): the
 * difference is what that work cost, as long as nothing else uses the client meanwhile.
 *
 * Every call is also attributed to a scope by the async context it is made in: `api` when an API
 * handler made it (the local API server runs handlers inside `invocation.run('api', ...)`), and
 * `background` otherwise (workflow tasks, stream consumers, the runtime's own work). `all` is both.
 */
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { invocation } from '../local/faults/invocation';

/** Commands that only read: their units are read units (RCU). */
export const READ_COMMANDS: ReadonlySet<string> = new Set([
  'GetItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'TransactGetItems',
]);

export interface CommandTally {
  /** Logical SDK calls (one `send`), whatever the retries. */
  calls: number;
  /** Calls that ended in an error (after the SDK's retries). */
  errors: number;
  /** Read and write capacity units (TOTAL, indexes included). */
  rcu: number;
  wcu: number;
}

export interface MeterSnapshot {
  /** HTTP attempts sent to DynamoDB (more than the calls when the SDK retried). */
  attempts: number;
  commands: Record<string, CommandTally>;
}

/** Whose calls a reading counts: the API handlers' own, everything else, or both. */
export type MeterScope = 'all' | 'api' | 'background';

export interface DynamoMeter {
  /** A copy of the counters of `scope` (default: all calls) now. */
  snapshot(scope?: MeterScope): MeterSnapshot;
  /** What was counted in `scope` since `before` (a snapshot of the same scope). */
  since(before: MeterSnapshot, scope?: MeterScope): MeterSnapshot;
  /** Removes the middlewares from the client. */
  uninstall(): void;
}

const METER = 'benchDynamoMeter';
const ATTEMPTS = 'benchDynamoAttempts';

const emptyTally = (): CommandTally => ({ calls: 0, errors: 0, rcu: 0, wcu: 0 });

const commandName = (context: { commandName?: string }) => (context.commandName ?? 'Unknown').replace(/Command$/, '');

/** Read/write units of one ConsumedCapacity entry; CapacityUnits counts by the command's kind. */
function unitsOf(capacity: ConsumedCapacity, isRead: boolean): { rcu: number; wcu: number } {
  const read = capacity.ReadCapacityUnits;
  const write = capacity.WriteCapacityUnits;
  if (read !== undefined || write !== undefined) return { rcu: read ?? 0, wcu: write ?? 0 };
  const total = capacity.CapacityUnits ?? 0;
  return isRead ? { rcu: total, wcu: 0 } : { rcu: 0, wcu: total };
}

/** Transactions and batches answer with one entry per table, single-item calls with one object. */
function addCapacity(tally: CommandTally, consumed: unknown, isRead: boolean) {
  if (!consumed) return;
  const entries = (Array.isArray(consumed) ? consumed : [consumed]) as ConsumedCapacity[];
  for (const entry of entries) {
    const { rcu, wcu } = unitsOf(entry, isRead);
    tally.rcu += rcu;
    tally.wcu += wcu;
  }
}

export function cloneSnapshot(snapshot: MeterSnapshot): MeterSnapshot {
  return {
    attempts: snapshot.attempts,
    commands: Object.fromEntries(Object.entries(snapshot.commands).map(([name, tally]) => [name, { ...tally }])),
  };
}

export function diffSnapshots(before: MeterSnapshot, after: MeterSnapshot): MeterSnapshot {
  const commands: Record<string, CommandTally> = {};
  for (const [name, now] of Object.entries(after.commands)) {
    const then = before.commands[name] ?? emptyTally();
    const delta = {
      calls: now.calls - then.calls,
      errors: now.errors - then.errors,
      rcu: now.rcu - then.rcu,
      wcu: now.wcu - then.wcu,
    };
    if (delta.calls !== 0 || delta.errors !== 0) commands[name] = delta;
  }
  return { attempts: after.attempts - before.attempts, commands };
}

/** Installs the counting middlewares on `client` (the handlers' own instance). */
export function installDynamoMeter(client: DynamoDBClient): DynamoMeter {
  const totals: Record<MeterScope, MeterSnapshot> = {
    all: { attempts: 0, commands: {} },
    api: { attempts: 0, commands: {} },
    background: { attempts: 0, commands: {} },
  };
  /** The totals a call made in the current async context adds to: `all` and its own scope. */
  const scopesNow = () => [totals.all, invocation.getStore() === 'api' ? totals.api : totals.background];

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = commandName(context);
      const tallies = scopesNow().map((scope) => (scope.commands[name] ??= emptyTally()));
      for (const tally of tallies) tally.calls += 1;
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: unknown };
        for (const tally of tallies) addCapacity(tally, output.ConsumedCapacity, READ_COMMANDS.has(name));
        return result;
      } catch (error) {
        for (const tally of tallies) tally.errors += 1;
        throw error;
      }
    },
    { step: 'initialize', name: METER, priority: 'high', override: true },
  );
  // After the retry middleware (high priority in this step): runs once per HTTP attempt.
  client.middlewareStack.add(
    (next) => async (args) => {
      for (const scope of scopesNow()) scope.attempts += 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: ATTEMPTS, priority: 'low', override: true },
  );

  return {
    snapshot: (scope = 'all') => cloneSnapshot(totals[scope]),
    since: (before, scope = 'all') => diffSnapshots(before, totals[scope]),
    uninstall() {
      client.middlewareStack.remove(METER);
      client.middlewareStack.remove(ATTEMPTS);
    },
  };
}

export const totalCalls = (snapshot: MeterSnapshot) =>
  Object.values(snapshot.commands).reduce((sum, tally) => sum + tally.calls, 0);
