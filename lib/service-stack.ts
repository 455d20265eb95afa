/**
 * Everything that can be replaced by deploying again: the API, its functions, sign-in for the web
 * portal (app client + hosted domain on the stateful user pool), the workflows (state machines and
 * their task functions) and the alarms. Later: the stream consumers, the web bucket and
 * distribution, the dashboard.
 */
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { API_FUNCTIONS, type ApiFunction } from '../functions/api/routes';
import { PortalAlarms } from './constructs/portal-alarms';
import { PortalApi } from './constructs/portal-api';
import { PortalFunction, type AuthBinding, type TableAccess, type WorkflowAccess } from './constructs/portal-function';
import { PortalWorkflows } from './constructs/portal-workflows';
import { WebSignIn } from './constructs/web-sign-in';
import type { StageProfile } from './settings';

/** What each handler module does with the table (none: it never imports the store). */
export const API_TABLE_ACCESS: Record<ApiFunction, TableAccess | 'none'> = {
  health: 'none',
  openapi: 'none',
  me: 'readWrite',
  catalog: 'read',
  requests: 'readWrite',
  'request-activity': 'readWrite',
  approvals: 'readWrite',
  'email-decision': 'readWrite',
};

/**
 * What each handler module does with the workflows. Commits (functions/usecases/commit.ts) start the
 * lifecycle on a new round and an SLA timer when the request's clock starts, so every handler that
 * commits request changes may start either machine. The others never commit a request and get neither
 * the ARNs nor any Step Functions permission (health and openapi are public routes).
 */
export const API_WORKFLOW_ACCESS: Record<ApiFunction, WorkflowAccess> = {
  health: {},
  openapi: {},
  me: {},
  catalog: {},
  // Submit.
  requests: { lifecycle: 'start', sla: 'start' },
  // Resubmit, resume, reopen; cancel stops the lifecycle.
  'request-activity': { lifecycle: 'start-stop', sla: 'start' },
  // A decision resumes the stage's waiting task.
  approvals: { lifecycle: 'start', sla: 'start', taskTokens: true },
  // The same decision (functions/usecases/decisions.ts decide), from an e-mail link.
  'email-decision': { lifecycle: 'start', sla: 'start', taskTokens: true },
};

/** Who signs the tokens: the stateful user pool (with the web app's callback URLs) or the company's issuer. */
export type Identity = { userPool: IUserPool; callbackUrls: string[] } | { external: AuthBinding };

export interface ServiceStackProps extends StackProps {
  profile: StageProfile;
  table: ITable;
  identity: Identity;
  adminEmail: string;
}

export class ServiceStack extends Stack {
  readonly api: PortalApi;
  readonly functions: Record<ApiFunction, PortalFunction>;
  readonly workflows: PortalWorkflows;
  readonly alarms: PortalAlarms;
  readonly auth: AuthBinding;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { profile } = props;
    const logs = { retention: profile.logRetention, removalPolicy: profile.logRemovalPolicy };

    this.auth = this.identity(props.identity);
    this.workflows = new PortalWorkflows(this, 'Workflows', { table: props.table, logs });

    const entries = API_FUNCTIONS.map((fn) => {
      const handler = new PortalFunction(this, fn, {
        entry: `functions/api/${fn}.ts`,
        description: `Backoffice Portal API: functions/api/${fn}.ts`,
        logs,
      }).useAuth(this.auth);
      const access = API_TABLE_ACCESS[fn];
      if (access !== 'none') handler.useTable(props.table, access);
      handler.useWorkflows(this.workflows.bindings, API_WORKFLOW_ACCESS[fn]);
      return [fn, handler] as const;
    });
    this.functions = Object.fromEntries(entries) as Record<ApiFunction, PortalFunction>;

    this.api = new PortalApi(this, 'Api', {
      auth: this.auth,
      handlers: this.functions,
      throttle: profile.throttle,
      accessLogs: logs,
    });
    for (const route of this.api.publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Public by design (route table `public: true`): the liveness probe and the OpenAPI document.',
      });
    }

    this.alarms = new PortalAlarms(this, 'Alarms', { adminEmail: props.adminEmail, period: profile.alarmPeriod });
    this.alarms.apiServerErrors(this.api.httpApi);
    for (const [fn, handler] of entries) this.alarms.functionErrors(fn, handler);
    for (const [module, handler] of Object.entries(this.workflows.functions))
      this.alarms.functionErrors(module, handler);
    for (const [machine, stateMachine] of Object.entries(this.workflows.stateMachines))
      this.alarms.workflowFailures(machine, stateMachine);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The portal API base URL' });
  }

  private identity(identity: Identity): AuthBinding {
    if ('external' in identity) return identity.external;
    const signIn = new WebSignIn(this, 'SignIn', { userPool: identity.userPool, callbackUrls: identity.callbackUrls });
    new CfnOutput(this, 'UserPoolClientId', { value: signIn.client.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', { value: signIn.domain.baseUrl() });
    return signIn.auth;
  }
}
