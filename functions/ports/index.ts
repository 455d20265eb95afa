/**
 * The ports: everything a use case needs from outside the domain. Entry points (API handlers,
 * workflow tasks, stream consumers) are the composition roots: each hands the adapters it needs to
 * the use cases it calls, and a use case names the ports it uses as `Needs<'clock' | 'requests'>`,
 * so a function bundles only the adapters it really uses and a test can hand in its own.
 */
import type { AggregateStore } from './aggregates';
import type { Clock } from './clock';
import type { Directory } from './directory';
import type { Mailer } from './mailer';
import type { NotificationStore } from './notifications';
import type { AbsenceStore, ApprovalStore, IdempotencyStore, RequestStore, TeamStore, UserStore } from './store';
import type { Workflows } from './workflows';

export interface Ports {
  clock: Clock;
  directory: Directory;
  workflows: Workflows;
  mailer: Mailer;
  requests: RequestStore;
  approvals: ApprovalStore;
  absences: AbsenceStore;
  idempotency: IdempotencyStore;
  teams: TeamStore;
  users: UserStore;
  notifications: NotificationStore;
  aggregates: AggregateStore;
}

export type Needs<K extends keyof Ports> = Pick<Ports, K>;

export type * from './aggregates';
export type * from './clock';
export type * from './directory';
export type * from './mailer';
export type * from './notifications';
export type * from './workflows';
export * from './store';

/** A need for some calls of one port only, e.g. `Calls<'requests', 'getRequest'>`: the entry point hands just those. */
export type Calls<K extends keyof Ports, M extends keyof Ports[K]> = { [P in K]: Pick<Ports[K], M> };
