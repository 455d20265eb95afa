/**
 * The one way the portal builds a Lambda function: the defaults are fixed here once (latest Node.js
 * runtime, arm64, bundled ESM with the AWS SDK inside, own log group, X-Ray), and the `use*` helpers
 * set an environment variable together with the IAM permission it needs, so the two never disagree.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE } from '../../functions/adapters/store/table';
import { ENV } from '../../functions/shared/env';
import type { STATE_MACHINES, StateMachineName } from '../../functions/workflow/tasks';
import type { MailBinding, StateMachineAccess, StateMachineBinding, TableAccess, WorkflowAccess } from '../bindings';
import { nagResource } from '../nag';

/** The repository root: handler entries and the lock file are resolved from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The newest Node.js runtime Lambda offers (DESIGN: latest, at least 22). */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

/** esbuild emits ESM; a few bundled CommonJS dependencies still call `require` for Node built-ins. */
const ESM_REQUIRE_SHIM =
  "import { createRequire as __portalCreateRequire } from 'node:module'; const require = __portalCreateRequire(import.meta.url);";

/**
 * In a bundle the SDK's default credential chain is replaced by the environment provider alone
 * (functions/adapters/lambda-credentials.ts says why): ~130 KB less in every bundle.
 */
const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
export const LAMBDA_CREDENTIALS = 'functions/adapters/lambda-credentials.ts';

/** esbuild settings of every bundle, shared with bench/bundles/composition.ts, which bundles the same way. */
export const BUNDLE_SETTINGS = {
  mainFields: ['module', 'main'],
  minify: true,
  // Russian text as UTF-8, not `\u0430` escapes (6 bytes a letter): ~10 % smaller, same import time.
  charset: 'utf8' as const,
  alias: { [CREDENTIAL_CHAIN]: join(PROJECT_ROOT, LAMBDA_CREDENTIALS) },
};

/**
 * Item-level actions only, never Scan (DESIGN: every access pattern is a GetItem or one Query).
 * TransactWriteItems is authorized per contained action (Put/Update/Delete/ConditionCheck).
 */
const TABLE_ACTIONS: Record<TableAccess, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};

/**
 * The env var carrying each state machine's ARN (functions/adapters/workflow.ts reads ENV); the
 * `satisfies` keeps it equal to STATE_MACHINES[name].env at compile time.
 */
export const STATE_MACHINE_ENV = {
  lifecycle: ENV.lifecycleStateMachineArn,
  sla: ENV.slaStateMachineArn,
} as const satisfies { [K in StateMachineName]: (typeof STATE_MACHINES)[K]['env'] };

/** Exactly the Step Functions calls functions/adapters/workflow.ts makes (the infra tests compare the two). */
const STATE_MACHINE_ACTIONS: Record<StateMachineAccess, { machine: string[]; executions: string[] }> = {
  start: { machine: ['states:StartExecution'], executions: [] },
  'start-stop': { machine: ['states:StartExecution'], executions: ['states:StopExecution'] },
};
export const TASK_TOKEN_ACTIONS = ['states:SendTaskSuccess', 'states:SendTaskFailure'];

/** Exactly the SES call functions/adapters/mail.ts makes (SES API v2 SendEmail authorizes as ses:SendEmail). */
export const MAIL_ACTIONS = ['ses:SendEmail'];

export interface PortalFunctionProps {
  /** The handler module, relative to the repository root, e.g. `functions/api/me.ts`. */
  entry: string;
  description?: string;
  /** @default 10 seconds (API Gateway HTTP APIs give up after 30). */
  timeout?: Duration;
  /** @default 512 MB */
  memorySize?: number;
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

export class PortalFunction extends NodejsFunction {
  /** The handler module it bundles, relative to the repository root (bench/bundles reads it). */
  readonly entry: string;
  /** The function's own role (the `use*` helpers add to it). */
  private readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: PortalFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logs.retention,
      removalPolicy: props.logs.removalPolicy,
    });
    // An explicit role: only what this function's bindings grant, no AWS-managed policies.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the portal function ${id}`,
    });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Tracing is Active: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, ' +
        'so X-Ray needs Resource "*". Data actions are never granted on "*" (test/infra/stacks.test.ts checks it; ' +
        'the task-token actions, which need "*" too, are in a separate policy with its own acknowledgement).',
    });
    super(scope, id, {
      ...PortalFunction.defaults(props),
      role,
      logGroup,
    });
    this.executionRole = role;
    this.entry = props.entry;
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'A function dead-letter queue applies to asynchronous invocations only: API Gateway and Step Functions ' +
        '(lambda:invoke, which waits for the result and retries or catches failures) invoke synchronously, and the ' +
        'stream consumers have their failure destination on the event source mapping. The one function invoked ' +
        'asynchronously (the scheduled backlog sampler, lib/constructs/portal-schedule.ts) gives its own reason.',
    });
  }

  private static defaults(props: PortalFunctionProps): NodejsFunctionProps {
    return {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: BUNDLE_SETTINGS.mainFields,
        minify: BUNDLE_SETTINGS.minify,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_SHIM,
        // The SDK is bundled (DESIGN): the bundle pins the version the tests ran against.
        externalModules: [],
        esbuildArgs: {
          // This CDK version takes `charset` in its props but never passes it to esbuild.
          '--charset': BUNDLE_SETTINGS.charset,
          ...Object.fromEntries(Object.entries(BUNDLE_SETTINGS.alias).map(([from, to]) => [`--alias:${from}`, to])),
        },
      },
    };
  }

  /**
   * Sets TABLE_NAME and grants exactly the item actions `access` needs (Query on each GSI by name).
   * With `partitions` (partition key prefixes such as `USER#`), only on items whose partition key starts
   * with one of them (`dynamodb:LeadingKeys`, every key of a batch or transaction included), and no index.
   */
  useTable(table: ITable, access: TableAccess, partitions?: readonly string[]): this {
    this.addEnvironment(ENV.tableName, table.tableName);
    if (partitions) {
      if (partitions.length === 0) throw new Error(`${this.node.path}: a table grant needs at least one partition`);
      this.addToRolePolicy(
        new PolicyStatement({
          actions: TABLE_ACTIONS[access],
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitions.map((prefix) => `${prefix}*`) },
          },
        }),
      );
      return this;
    }
    this.addToRolePolicy(new PolicyStatement({ actions: TABLE_ACTIONS[access], resources: [table.tableArn] }));
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: TABLE.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
      }),
    );
    return this;
  }

  /**
   * Sets ORIGIN_SECRET to the value CloudFront adds to every request it forwards to the API (a
   * CloudFormation dynamic reference to the secret): the function then refuses any request without it
   * (functions/api/origin.ts). No IAM grant: CloudFormation reads the secret at deployment, the
   * function never calls Secrets Manager.
   */
  useOriginSecret(dynamicReference: string): this {
    this.addEnvironment(ENV.originSecret, dynamicReference);
    return this;
  }

  /**
   * Sets the machine's ARN variable and grants what `access` needs: StartExecution on the state
   * machine itself; StopExecution on its executions (named by request id, hence the `:*`).
   */
  useStateMachine(binding: StateMachineBinding, access: StateMachineAccess): this {
    this.addEnvironment(STATE_MACHINE_ENV[binding.machine], binding.stateMachineArn);
    const actions = STATE_MACHINE_ACTIONS[access];
    this.addToRolePolicy(new PolicyStatement({ actions: actions.machine, resources: [binding.stateMachineArn] }));
    if (actions.executions.length === 0) return this;
    this.addToRolePolicy(new PolicyStatement({ actions: actions.executions, resources: [binding.executionArns] }));
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResource(this, binding.executionArns)}]`,
      reason:
        `StopExecution is granted on the executions of the ${binding.machine} state machine only. Executions are named ` +
        'by request id at run time (functions/usecases/commit.ts), so their ARNs cannot be listed in advance.',
    });
    return this;
  }

  /**
   * Grants SendTaskSuccess/SendTaskFailure, which resume a `.waitForTaskToken` task. These actions
   * support no resource-level permissions (the token alone names the task), so they need Resource "*":
   * in a policy of their own, so its acknowledgement covers exactly these two actions.
   */
  useTaskTokens(): this {
    const policy = new Policy(this, 'TaskTokenPolicy', {
      statements: [new PolicyStatement({ actions: TASK_TOKEN_ACTIONS, resources: ['*'] })],
    });
    this.executionRole.attachInlinePolicy(policy);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'states:SendTaskSuccess and states:SendTaskFailure support no resource-level permissions (the task token ' +
        'identifies the waiting task), so IAM requires Resource "*". Only these two actions are in this policy; ' +
        'the token reaches the function only through the state machine or the table.',
    });
    return this;
  }

  /** Every state machine binding `access` names, plus the task-token actions if it resumes tasks. */
  useWorkflows(bindings: Record<StateMachineName, StateMachineBinding>, access: WorkflowAccess): this {
    for (const machine of Object.keys(bindings) as StateMachineName[]) {
      const level = access[machine];
      if (level) this.useStateMachine(bindings[machine], level);
    }
    if (access.taskTokens) this.useTaskTokens();
    return this;
  }

  /**
   * Sets MAIL_FROM and MAIL_CONFIGURATION_SET and grants ses:SendEmail on exactly the sender identity and
   * the configuration set (and, in the sandbox, the listed recipient identities), from that address only.
   */
  useMail(mail: MailBinding): this {
    this.addEnvironment(ENV.mailFrom, mail.fromAddress);
    this.addEnvironment(ENV.mailConfigurationSet, mail.configurationSetName);
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ses', resource, resourceName });
    this.addToRolePolicy(
      new PolicyStatement({
        actions: MAIL_ACTIONS,
        resources: [
          arn('identity', mail.identityName),
          arn('configuration-set', mail.configurationSetName),
          ...(mail.sandboxRecipients ?? []).map((recipient) => arn('identity', recipient)),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': mail.fromAddress } },
      }),
    );
    return this;
  }

  /** Sets PORTAL_URL, the portal's public origin without a trailing slash (links in e-mails and pages). */
  usePortalUrl(url: string): this {
    this.addEnvironment(ENV.portalUrl, url);
    return this;
  }
}
