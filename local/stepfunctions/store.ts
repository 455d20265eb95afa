/**
 * Execution records, in memory and (with a file) written through to disk with an atomic rename,
 * so RUNNING executions can be re-run after a restart. Concurrent saves coalesce into one write.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachine: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  /** ISO 8601, virtual time. */
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
}

export class ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();
  private writing?: Promise<void>;
  private dirty = false;

  private constructor(private readonly file?: string) {}

  static async open(file?: string): Promise<ExecutionStore> {
    const store = new ExecutionStore(file);
    if (file) for (const record of await readRecords(file)) store.records.set(record.executionArn, record);
    return store;
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  /** Adds or replaces a record in memory; call save() to make it durable. */
  put(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
  }

  /** Resolves once a write containing every change made so far is on disk. */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    this.dirty = true;
    this.writing ??= this.writeLoop(this.file).finally(() => (this.writing = undefined));
    return this.writing;
  }

  /** Resolves when no write is in flight. */
  async flush(): Promise<void> {
    await this.writing?.catch(() => undefined);
  }

  private async writeLoop(file: string) {
    while (this.dirty) {
      this.dirty = false;
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ version: 1, executions: this.all() }));
      await rename(tmp, file);
    }
  }
}

async function readRecords(file: string): Promise<ExecutionRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = JSON.parse(text) as { executions?: ExecutionRecord[] };
  return Array.isArray(parsed.executions) ? parsed.executions : [];
}
