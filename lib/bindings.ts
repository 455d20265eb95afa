/**
 * What a function is bound to, as the stacks hand it over: a table access level, the state machines
 * and what it may do with them, the mail sender, the token issuer. PortalFunction's `use*` helpers
 * turn each into an environment variable and the IAM permission it needs.
 */
import type { StateMachineName } from '../functions/workflow/tasks';

export type TableAccess = 'read' | 'readWrite';

/** A state machine as the functions that call it see it (built by lib/constructs/portal-workflows.ts). */
export interface StateMachineBinding {
  machine: StateMachineName;
  stateMachineArn: string;
  /** Every execution of the machine: `arn:...:execution:<state machine name>:*`. */
  executionArns: string;
}

/** start: StartExecution (named, so idempotent); start-stop: also StopExecution of its executions. */
export type StateMachineAccess = 'start' | 'start-stop';

/** What a handler does with the workflows: per state machine, and whether it resumes waiting tasks. */
export type WorkflowAccess = { [K in StateMachineName]?: StateMachineAccess } & { taskTokens?: true };

/**
 * How the portal sends e-mail (functions/adapters/mail.ts): the From address, the verified SES identity it
 * belongs to (the address itself or its domain) and the configuration set, all plain names (the stateful
 * stack creates them), so the ARNs are built here and nothing is exported across stacks.
 */
export interface MailBinding {
  fromAddress: string;
  identityName: string;
  configurationSetName: string;
  /** Verified recipient identities SES checks the sender against while the account is in the sandbox. */
  sandboxRecipients?: readonly string[];
}

/**
 * Whose tokens the API's JWT authorizer accepts: the issuer (API Gateway finds its keys through the
 * issuer's OpenID discovery document) and the audience (the ID token's `aud`, or `client_id`).
 */
export interface AuthBinding {
  issuer: string;
  audience: string;
}
