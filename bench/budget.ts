/**
 * DynamoDB call budgets (from the issue): every read is one DynamoDB call; submit, each action and
 * each comment are one transaction plus at most one read (submit's is the Query for absences; with
 * an Idempotency-Key there is no pre-read). Checked on every measured iteration, not only on the
 * average, against the API handler's own calls (not the background work it sets off).
 */
import { READ_COMMANDS, type MeterSnapshot } from './dynamo-meter';

export interface Budget {
  /** How the rule reads in the report. */
  rule: string;
  /** Most read calls (GetItem, Query, ...) one operation may make. */
  maxReads: number;
  /** TransactWriteItems calls one operation must make. */
  transactions: { min: number; max: number };
  /** Most other writes (PutItem, UpdateItem, BatchWriteItem, ...). */
  maxOtherWrites: number;
}

export const READ_BUDGET: Budget = {
  rule: '<= 1 read call',
  maxReads: 1,
  transactions: { min: 0, max: 0 },
  maxOtherWrites: 0,
};

export const WRITE_BUDGET: Budget = {
  rule: '1 TransactWriteItems + <= 1 read',
  maxReads: 1,
  transactions: { min: 1, max: 1 },
  maxOtherWrites: 0,
};

/**
 * A replayed POST (same Idempotency-Key and body) changes nothing: it is held to reads only (any
 * number of them). Every call counts, failed ones too: a transaction the store cancelled is still a
 * write call the handler made.
 */
export const REPLAY_BUDGET: Budget = {
  rule: 'reads only',
  maxReads: Number.POSITIVE_INFINITY,
  transactions: { min: 0, max: 0 },
  maxOtherWrites: 0,
};

export interface CallShape {
  reads: number;
  transactions: number;
  otherWrites: number;
}

export function shapeOf(usage: MeterSnapshot): CallShape {
  const shape: CallShape = { reads: 0, transactions: 0, otherWrites: 0 };
  for (const [name, tally] of Object.entries(usage.commands)) {
    if (READ_COMMANDS.has(name)) shape.reads += tally.calls;
    else if (name === 'TransactWriteItems') shape.transactions += tally.calls;
    else shape.otherWrites += tally.calls;
  }
  return shape;
}

/** Why one iteration's calls break the budget (empty when they do not). */
export function violations(budget: Budget, shape: CallShape): string[] {
  const found: string[] = [];
  if (shape.reads > budget.maxReads) found.push(`${shape.reads} reads > ${budget.maxReads}`);
  if (shape.transactions < budget.transactions.min)
    found.push(`${shape.transactions} TransactWriteItems < ${budget.transactions.min}`);
  if (shape.transactions > budget.transactions.max)
    found.push(`${shape.transactions} TransactWriteItems > ${budget.transactions.max}`);
  if (shape.otherWrites > budget.maxOtherWrites) found.push(`${shape.otherWrites} non-transactional writes`);
  return found;
}
