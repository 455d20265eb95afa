/**
 * Everything that can be replaced by deploying again: the API, its functions, sign-in for the web
 * portal (app client + hosted domain on the stateful user pool), the workflows (state machines and
 * their task functions), the two consumers of the history outbox (notifications; workflow recovery
 * and analytics aggregates), the scheduled backlog sampler, the web bucket and distribution, the alarms and
 * the admins' dashboard.
 *
 * The portal's public URL is the distribution's (or the company's domain), which the sign-in client's
 * callback URLs need before the distribution exists: it is read lazily, at synth.
 */
import { ENV } from '../functions/shared/env';
import { CfnOutput, Duration, Lazy, SecretValue, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { userKey } from '../functions/adapters/store/keys';
import { API_FUNCTIONS, type ApiFunction } from '../functions/api/routes';
import { ORIGIN_HEADER } from '../functions/api/origin';
import { PortalAlarms } from './constructs/portal-alarms';
import { PortalApi } from './constructs/portal-api';
import { PortalDashboard } from './constructs/portal-dashboard';
import type { AuthBinding, MailBinding, TableAccess, WorkflowAccess } from './bindings';
import { PortalFunction } from './constructs/portal-function';
import {
  HISTORY_STREAM,
  HistoryStreamConsumer,
  type HistoryStreamConsumerProps,
} from './constructs/history-stream-consumer';
import { PortalSchedule } from './constructs/portal-schedule';
import { PortalWeb } from './constructs/portal-web';
import { PortalWorkflows } from './constructs/portal-workflows';
import type { WebSignIn } from './constructs/web-sign-in';
import { signInFor, type Identity } from './identity';
import { BACKLOG_SAMPLE_MINUTES } from './metrics';
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
  analytics: 'read',
};

/**
 * The partitions (partition key prefixes) a handler module's items live in, where it provably touches
 * no other: its table grant then carries a `dynamodb:LeadingKeys` condition and no index access.
 * `me` reads the caller's profile and delegation (one Query on USER#<id>) and puts or deletes the
 * delegation (USER#<id>/DELEGATION), nothing else; test/infra/hardening.test.ts holds it to the store
 * calls it makes. Every other function reaches requests, their approvals, tokens, idempotency records,
 * write allowances, teams or aggregates, usually several in one transaction, and most through an index:
 * a prefix condition would not narrow those in any useful way.
 */
export const API_TABLE_PARTITIONS: Partial<Record<ApiFunction, readonly string[]>> = {
  me: [userKey('').pk],
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
  analytics: {},
};

/**
 * What the history stream consumer (functions/events/history.ts) does with the workflows, like a
 * handler that commits: it (re)starts the lifecycle and the SLA timer a request needs, stops the
 * lifecycle of a cancelled request (functions/usecases/commit.ts ensureWorkflows) and resumes the task
 * waiting on a decided stage (functions/usecases/decisions.ts reportStageOutcome).
 */
export const STREAM_WORKFLOW_ACCESS: WorkflowAccess = { lifecycle: 'start-stop', sla: 'start', taskTokens: true };

/**
 * The consumers of the history outbox, by handler module (functions/events/<module>.ts). Two, because
 * AWS advises no more than two simultaneous readers per DynamoDB Streams shard (more are throttled on
 * GetRecords and fall behind): notify alone, so an SES outage holds back nothing else, and history
 * (workflow recovery and analytics) for everything that depends only on the portal's own services.
 */
export type HistoryConsumer = 'notify' | 'history';

/** The handler modules run on a schedule (functions/events/<module>.ts), not by the stream. */
export type ScheduledJob = 'backlog';

/** The API handlers that put the portal's URL into what they answer (links back to the request). */
export const API_PORTAL_URL: readonly ApiFunction[] = ['email-decision'];

export interface ServiceStackProps extends StackProps {
  profile: StageProfile;
  table: ITable;
  identity: Identity;
  adminEmail: string;
  /** The version of the origin secret CloudFront and the API functions use (settings originSecretVersion). */
  originSecretVersion?: string;
  mail: MailBinding;
  /** The company's host name and certificate, and an optional WAF web ACL for the distribution. */
  web: { domain?: { name: string; certificateArn: string }; webAclArn?: string };
  dashboardName: string;
}

export class ServiceStack extends Stack {
  readonly api: PortalApi;
  readonly functions: Record<ApiFunction, PortalFunction>;
  readonly workflows: PortalWorkflows;
  readonly alarms: PortalAlarms;
  readonly auth: AuthBinding;
  readonly streamConsumers: Record<HistoryConsumer, HistoryStreamConsumer>;
  readonly schedules: Record<ScheduledJob, PortalSchedule>;
  readonly web: PortalWeb;
  readonly dashboard: PortalDashboard;
  /** The portal's public URL (PORTAL_URL), without a trailing slash. */
  readonly portalUrl: string;
  /** The web app's sign-in client and hosted domain (built-in user pool only). */
  readonly signIn?: WebSignIn;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { profile } = props;
    const logs = { retention: profile.logRetention, removalPolicy: profile.logRemovalPolicy };
    this.portalUrl = Lazy.string({ produce: () => this.web.url });

    const { auth, signIn, webSignIn } = signInFor(this, props.identity, this.portalUrl);
    this.auth = auth;
    this.signIn = webSignIn;
    this.workflows = new PortalWorkflows(this, 'Workflows', {
      table: props.table,
      logs,
      executionData: profile.workflowExecutionData,
    });

    // The value CloudFront adds to every request it forwards to the API, which the API functions require
    // (functions/api/origin.ts): the execute-api endpoint cannot be disabled, since it is CloudFront's
    // origin (the portal has no API domain of its own), so it refuses whatever did not come through CloudFront.
    const originSecret = this.originSecret(props.originSecretVersion);
    const entries = API_FUNCTIONS.map((fn) => {
      const handler = new PortalFunction(this, fn, {
        entry: `functions/api/${fn}.ts`,
        description: `Backoffice Portal API: functions/api/${fn}.ts`,
        logs,
      });
      handler.useOriginSecret(originSecret);
      // Callers are people of the directory; a company IdP may name them in another claim than user_id.
      const idClaim = 'external' in props.identity ? props.identity.external.directoryIdClaim : undefined;
      if (idClaim) handler.addEnvironment(ENV.directoryIdClaim, idClaim);
      const access = API_TABLE_ACCESS[fn];
      if (access !== 'none') handler.useTable(props.table, access, API_TABLE_PARTITIONS[fn]);
      handler.useWorkflows(this.workflows.bindings, API_WORKFLOW_ACCESS[fn]);
      if (API_PORTAL_URL.includes(fn)) handler.usePortalUrl(this.portalUrl);
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

    this.streamConsumers = this.historyConsumers(props, logs);
    this.schedules = {
      // Samples each team's backlog (reads the queue index) into the Backlog gauges of the dashboard.
      backlog: new PortalSchedule(this, 'BacklogGauge', {
        module: 'backlog',
        every: Duration.minutes(BACKLOG_SAMPLE_MINUTES),
        grants: (fn) => fn.useTable(props.table, 'read'),
        logs,
      }),
    };

    this.web = new PortalWeb(this, 'Web', {
      api: this.api.httpApi,
      apiOriginHeader: { name: ORIGIN_HEADER, value: originSecret },
      signIn,
      domain: props.web.domain,
      webAclArn: props.web.webAclArn,
      logs,
    });
    // CloudFront sends the header before the functions require it: CloudFormation updates the distribution
    // (and waits until it is deployed) first, so the first deployment of the check refuses no real request.
    for (const handler of Object.values(this.functions)) handler.node.addDependency(this.web.distribution);

    this.alarms = new PortalAlarms(this, 'Alarms', { adminEmail: props.adminEmail, period: profile.alarmPeriod });
    this.alarms.apiServerErrors(this.api.httpApi);
    const consumers = Object.values(this.streamConsumers);
    const schedules = Object.values(this.schedules);
    const allFunctions: Record<string, PortalFunction> = {
      ...this.functions,
      ...this.workflows.functions,
      ...Object.fromEntries(consumers.map((consumer) => [consumer.module, consumer.function])),
      ...Object.fromEntries(schedules.map((schedule) => [schedule.module, schedule.function])),
    };
    for (const [name, handler] of Object.entries(allFunctions)) this.alarms.functionErrors(name, handler);
    for (const [machine, stateMachine] of Object.entries(this.workflows.stateMachines))
      this.alarms.workflowFailures(machine, stateMachine);
    for (const consumer of consumers) {
      this.alarms.deadLetters(
        consumer.node.id,
        consumer.deadLetterQueue,
        `the ${consumer.module} stream consumer gave up on a batch of history events (${consumer.lost}); ` +
          'see README "Replaying".',
      );
      this.alarms.streamIteratorAge(consumer.module, consumer.function, HISTORY_STREAM.maxIteratorAge);
    }
    for (const schedule of schedules)
      this.alarms.alarmOn(`${schedule.node.id}FailedInvocations`, {
        metric: schedule.metricFailedInvocations(profile.alarmPeriod),
        description: `The schedule of functions/events/${schedule.module}.ts could not invoke its function.`,
      });
    this.alarms.slaBreachSpike(profile.slaBreachSpike);

    this.dashboard = new PortalDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      api: this.api.httpApi,
      functions: allFunctions,
      stateMachines: this.workflows.stateMachines,
      streamConsumers: this.streamConsumers,
      distribution: this.web.distribution,
      alarms: this.alarms.all,
      period: profile.alarmPeriod,
    });

    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: "The admins' CloudWatch dashboard" });
  }

  /**
   * One HistoryStreamConsumer per handler module of functions/events/, each with its own event source
   * mapping, dead-letter queue and grants (at most two: see HistoryConsumer). The ids of the notify
   * consumer's resources are those of the former PortalNotifications construct, so deployed stacks keep
   * its mapping position and queue.
   */
  private historyConsumers(
    props: ServiceStackProps,
    logs: HistoryStreamConsumerProps['logs'],
  ): Record<HistoryConsumer, HistoryStreamConsumer> {
    const { table } = props;
    const consumer = (id: string, module: HistoryConsumer, lost: string, grants: (fn: PortalFunction) => unknown) =>
      new HistoryStreamConsumer(this, id, { table, module, lost, grants, logs });
    return {
      // Reads the request; claims each notice, records the send and stores approve-by-mail tokens.
      notify: consumer('Notifications', 'notify', 'e-mails not sent', (fn) =>
        fn.useTable(table, 'readWrite').useMail(props.mail).usePortalUrl(this.portalUrl),
      ),
      // Workflows: reads the request and the waiting stage's task token, starts, stops and resumes
      // executions. Analytics: marks each counted event and updates the aggregates; the metrics go out
      // as EMF (its log).
      history: consumer(
        'History',
        'history',
        'workflows not restarted or resumed, events not counted in the analytics',
        (fn) => fn.useTable(table, 'readWrite').useWorkflows(this.workflows.bindings, STREAM_WORKFLOW_ACCESS),
      ),
    };
  }

  /**
   * The origin secret's value as a CloudFormation dynamic reference, of `version` when given. Generated by
   * Secrets Manager, so the value appears in no template or cloud assembly: CloudFormation resolves the
   * reference into the distribution's origin header and the functions' environment when it deploys them.
   */
  private originSecret(version: string | undefined): string {
    const secret = new Secret(this, 'OriginSecret', {
      description: `Backoffice Portal ${this.stackName}: the header value CloudFront adds to requests to the API`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand (README "Deploy": put-secret-value, then deploy with originSecretVersion): CloudFormation ' +
        'copies the value into the distribution and the API functions, so a rotation is a deployment of both. The ' +
        'value is no credential: it only keeps callers of the execute-api host from skipping CloudFront, where a ' +
        'token is required anyway.',
    });
    return version === undefined
      ? secret.secretValue.unsafeUnwrap()
      : SecretValue.secretsManager(secret.secretArn, { versionId: version }).unsafeUnwrap();
  }
}
