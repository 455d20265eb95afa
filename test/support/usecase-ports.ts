/**
 * Ports for use-case tests: the real DynamoDB store adapters (on the DynamoDB Local the `usecases`
 * project starts, a fresh table per test: test/usecases/table.ts), the demo company's directory, a
 * clock the test sets, and a Workflows stand-in that records what Step Functions would be asked to
 * start, stop and resume, so a test asserts which workflows a change starts.
 */
import { absenceStore } from '../../functions/adapters/store/absences';
import { approvalStore } from '../../functions/adapters/store/approvals';
import { idempotencyStore } from '../../functions/adapters/store/idempotency';
import { notificationStore } from '../../functions/adapters/store/notifications';
import { requestStore } from '../../functions/adapters/store/requests';
import { teamStore } from '../../functions/adapters/store/teams';
import { userStore } from '../../functions/adapters/store/users';
import type { Principal } from '../../functions/domain/requests/model';
import { addDays, fromLocal, toLocal } from '../../functions/domain/sla/local-time';
import type { BusinessCalendar } from '../../functions/domain/sla/business-calendar';
import type { Clock, Machine, Ports, TaskOutcome, Workflows } from '../../functions/ports';
import { catalog } from '../../functions/usecases/catalog';

export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => (current = new Date(at).getTime()),
    advance: (ms) => (current += ms),
  };
}

export interface StartCall {
  machine: Machine;
  name: string;
  input: unknown;
}

/** Where Step Functions would be: every call is kept, in order, for the test to read. */
export class RecordingWorkflows implements Workflows {
  readonly starts: StartCall[] = [];
  readonly stops: { machine: Machine; name: string; cause: string }[] = [];
  readonly resumes: { token: string; outcome: TaskOutcome }[] = [];

  async start(machine: Machine, name: string, input: unknown) {
    this.starts.push({ machine, name, input });
  }

  async stop(machine: Machine, name: string, cause: string) {
    this.stops.push({ machine, name, cause });
  }

  async resume(token: string, outcome: TaskOutcome) {
    this.resumes.push({ token, outcome });
  }

  /** The execution names started on one state machine, in order. */
  started(machine: Machine): string[] {
    return this.starts.filter((s) => s.machine === machine).map((s) => s.name);
  }
}

/** Everything but the mailer and the analytics aggregates: these use cases send no e-mail and count nothing. */
export type TestPorts = Omit<Ports, 'mailer' | 'aggregates'> & { clock: TestClock; workflows: RecordingWorkflows };

export function testPorts(start: Date | string): TestPorts {
  return {
    clock: testClock(start),
    directory: catalog,
    workflows: new RecordingWorkflows(),
    requests: requestStore,
    approvals: approvalStore,
    absences: absenceStore,
    idempotency: idempotencyStore,
    teams: teamStore,
    users: userStore,
    notifications: notificationStore,
  };
}

/** A demo-company person as the verified caller an entry point would hand in. */
export function principalOf(id: string): Principal {
  const person = catalog.person(id);
  if (!person) throw new Error(`No ${id} in the demo directory`);
  const { email, name, locale, roles, teams } = person;
  return { id, email, name, locale, roles, teams };
}

const TEN_AM = 10 * 60;

/**
 * 10:00 local time on the first working day of `calendar` after the real today: a working morning
 * whatever day (or shifted year) the suite runs on, with the rest of that working day ahead.
 */
export function workingMorning(calendar: BusinessCalendar): Date {
  let day = addDays(toLocal(new Date(), calendar.timeZone).date, 1);
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return fromLocal(day, TEN_AM, calendar.timeZone);
}

/** `minutes` after an ISO instant. */
export const minutesAfter = (at: string | Date, minutes: number) => new Date(new Date(at).getTime() + minutes * 60_000);
