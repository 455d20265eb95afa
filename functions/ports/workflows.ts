/** The state machines a change starts, stops or resumes (Step Functions in the cloud and locally). */
export type Machine = 'lifecycle' | 'sla';

export type TaskOutcome = { output: unknown } | { error: string; cause?: string };

export interface Workflows {
  /** Idempotent by name: starting an execution that already ran under that name does nothing. */
  start(machine: Machine, name: string, input: unknown): Promise<void>;
  /** Stopping an execution that does not exist (any more) is not an error. */
  stop(machine: Machine, name: string, cause: string): Promise<void>;
  /** Resumes a waiting task; a token that no longer waits is not an error. */
  resume(token: string, outcome: TaskOutcome): Promise<void>;
}
