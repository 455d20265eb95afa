/**
 * The one way the portal builds a Lambda function: the defaults are fixed here once (latest Node.js
 * runtime, arm64, bundled ESM with the AWS SDK inside, own log group, X-Ray), and the `use*` helpers
 * set an environment variable together with the IAM permission it needs, so the two never disagree.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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

/** The repository root: handler entries and the lock file are resolved from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The newest Node.js runtime Lambda offers (DESIGN: latest, at least 22). */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

/** esbuild emits ESM; a few bundled CommonJS dependencies still call `require` for Node built-ins. */
const ESM_REQUIRE_SHIM =
  "import { createRequire as __portalCreateRequire } from 'node:module'; const require = __portalCreateRequire(import.meta.url);";

export type TableAccess = 'read' | 'readWrite';

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

/** How handlers verify bearer tokens (functions/adapters/auth/verify.ts). */
export interface AuthBinding {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

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
        'so X-Ray needs Resource "*". Data actions are never granted on "*" (test/infra/stacks.test.ts checks it).',
    });
    super(scope, id, {
      ...PortalFunction.defaults(props),
      role,
      logGroup,
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
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_SHIM,
        // The SDK is bundled (DESIGN): the bundle pins the version the tests ran against.
        externalModules: [],
      },
    };
  }

  /** Sets TABLE_NAME and grants exactly the item actions `access` needs (Query on each GSI by name). */
  useTable(table: ITable, access: TableAccess): this {
    this.addEnvironment(ENV.tableName, table.tableName);
    this.addToRolePolicy(new PolicyStatement({ actions: TABLE_ACTIONS[access], resources: [table.tableArn] }));
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: TABLE.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
      }),
    );
    return this;
  }

  /** Sets the token verification settings every HTTP handler reads at start-up. */
  useAuth(auth: AuthBinding): this {
    this.addEnvironment(ENV.authIssuer, auth.issuer);
    this.addEnvironment(ENV.authAudience, auth.audience);
    this.addEnvironment(ENV.authJwksUrl, auth.jwksUrl);
    return this;
  }
}
