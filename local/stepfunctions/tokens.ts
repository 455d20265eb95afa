/**
 * Task tokens for `.waitForTaskToken` states: opaque random strings the engine hands out and
 * SendTaskSuccess/SendTaskFailure settle, with the error names AWS uses for bad tokens.
 */
import { randomBytes } from 'node:crypto';
import type { JSONValue } from './json';
import { SfnApiError } from './errors';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{64}$/;

interface Pending {
  executionArn: string;
  resolve(output: JSONValue): void;
  reject(error: Error): void;
}

export class TokenRegistry {
  private readonly pending = new Map<string, Pending>();
  /** Tokens whose task is over: AWS answers these with TaskTimedOut. Lives as long as the process. */
  private readonly closed = new Set<string>();

  mint(): string {
    return randomBytes(48).toString('base64url');
  }

  /** The task's outcome: settled by succeed()/fail(), or never (the caller races a timeout). */
  register(token: string, executionArn: string): Promise<JSONValue> {
    return new Promise<JSONValue>((resolve, reject) => this.pending.set(token, { executionArn, resolve, reject }));
  }

  succeed(token: string, output: JSONValue): void {
    this.take(token).resolve(output);
  }

  fail(token: string, error: Error): void {
    this.take(token).reject(error);
  }

  /** Settles a token from inside the engine (handler failure); a settled token is left alone. */
  failQuietly(token: string, error: Error): void {
    const entry = this.pending.get(token);
    if (!entry) return;
    this.release(token);
    entry.reject(error);
  }

  heartbeat(token: string): void {
    this.check(token);
  }

  /** The task is over (settled, timed out, aborted): the token stops working. */
  release(token: string): void {
    if (this.pending.delete(token)) this.closed.add(token);
  }

  /** Rejects every pending token of one execution, or all when arn is undefined. */
  rejectAll(error: Error, executionArn?: string): void {
    for (const [token, entry] of [...this.pending]) {
      if (executionArn !== undefined && entry.executionArn !== executionArn) continue;
      this.release(token);
      entry.reject(error);
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private take(token: string): Pending {
    const entry = this.check(token);
    this.release(token);
    return entry;
  }

  private check(token: string): Pending {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) throw new SfnApiError('InvalidToken', 'Invalid Token');
    const entry = this.pending.get(token);
    if (entry) return entry;
    if (this.closed.has(token)) {
      throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    throw new SfnApiError('TaskDoesNotExist', 'Task does not exist');
  }
}
