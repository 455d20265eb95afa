/**
 * The CloudFormation the portal deploys, checked without AWS: each stage's stacks are synthesized
 * once per file with cdk.json's context (feature flags change resources) and without bundling.
 */
import { readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/adapters/store/table';
import { API_BASE, ROUTES } from '../../functions/api/routes';
import { ENV } from '../../functions/shared/env';
import {
  STATE_MACHINES,
  WORKFLOW_TASKS,
  type StateMachineName,
  type WorkflowTaskModule,
} from '../../functions/workflow/tasks';
import { NODE_RUNTIME, TASK_TOKEN_ACTIONS, type PortalFunction } from '../../lib/constructs/portal-function';
import { placeholderKeys } from '../../lib/constructs/portal-workflows';
import type { Portal } from '../../lib/portal';
import { API_TABLE_ACCESS } from '../../lib/service-stack';
import {
  allStatements as statementsIn,
  asArray,
  exportedValue,
  logicalId,
  nagFindings,
  ofType,
  render,
  roleOf,
  SETTINGS,
  statementsOf as statementsOfRole,
  synth as synthesize,
  type CfnJson,
  type Resources,
  type Statement,
} from './template';

const synth = (settings: typeof SETTINGS): Portal => synthesize(settings).portal;

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The Lambda functions aws-cdk-lib adds itself (the BucketDeployment handler), outside PortalFunction. */
const CDK_PROVIDED_FUNCTION = /^CustomCDKBucketDeployment/;

describe('the portal stacks (dev, built-in user pool)', () => {
  let portal: Portal;
  let stateful: Template;
  let service: Template;
  let resources: Resources;

  beforeAll(() => {
    portal = synth(SETTINGS);
    stateful = Template.fromStack(portal.stateful);
    service = Template.fromStack(portal.service);
    resources = service.toJSON().Resources as Resources;
  });

  describe('the table', () => {
    it('should be the single table from TABLE, recoverable, protected and retained', () => {
      stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
      stateful.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
          ],
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
        }),
      });
    });

    it('should have every GSI of TABLE with all attributes projected', () => {
      const [[, table] = []] = ofType(stateful.toJSON().Resources as Resources, 'AWS::DynamoDB::Table');
      const indexes = table?.Properties?.GlobalSecondaryIndexes;
      expect(indexes).toEqual(
        TABLE.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
    });
  });

  /** Every PortalFunction of the stack: API functions by name; workflow tasks, stream consumers and scheduled jobs by module. */
  const allFunctions = (): [string, PortalFunction][] => [
    ...Object.entries(portal.service.functions),
    ...Object.entries(portal.service.workflows.functions),
    ...[...Object.values(portal.service.streamConsumers), ...Object.values(portal.service.schedules)].map(
      (owner): [string, PortalFunction] => [owner.module, owner.function],
    ),
  ];
  const envOf = (handler: PortalFunction) =>
    (resources[logicalId(portal.service, handler)]?.Properties?.Environment as { Variables: Record<string, unknown> })
      .Variables;
  const allStatements = (): (readonly [string, Statement])[] => statementsIn(resources);
  const statementsOf = (roleId: string): Statement[] => statementsOfRole(resources, roleId);
  /** The functions the portal builds with PortalFunction (not the CDK-provided deployment handler). */
  const portalFunctionResources = () =>
    ofType(resources, 'AWS::Lambda::Function').filter(([id]) => !CDK_PROVIDED_FUNCTION.test(id));

  describe('the functions', () => {
    it('should be one per handler module of the route table, per workflow task module, per stream consumer and per scheduled job', () => {
      const modules = new Set(ROUTES.map((route) => route.fn));
      const tasks = new Set(Object.values(WORKFLOW_TASKS));
      const consumers = Object.keys(portal.service.streamConsumers);
      const schedules = Object.keys(portal.service.schedules);
      expect(consumers.sort()).toEqual(['history', 'notify']);
      expect(schedules).toEqual(['backlog']);
      expect(portalFunctionResources()).toHaveLength(modules.size + tasks.size + consumers.length + schedules.length);
      for (const module of [...consumers, ...schedules]) {
        service.hasResourceProperties('AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp(`functions/events/${module}\\.ts$`),
        });
      }
      // Besides those, only the web deployment's handler (aws-cdk-lib BucketDeployment, one per stack).
      const others = ofType(resources, 'AWS::Lambda::Function').filter(([id]) => CDK_PROVIDED_FUNCTION.test(id));
      expect(others).toHaveLength(1);
      for (const fn of modules) {
        service.hasResourceProperties('AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp(`functions/api/${fn}\\.ts$`),
        });
      }
      for (const module of tasks) {
        service.hasResourceProperties('AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp(`functions/workflow/${module}\\.ts$`),
        });
      }
    });

    it('should all run on arm64 and the latest Node.js runtime (22 or newer) with tracing', () => {
      for (const [id, fn] of portalFunctionResources()) {
        const props = fn.Properties ?? {};
        expect(props.Architectures, id).toEqual(['arm64']);
        expect(props.Runtime, id).toBe(NODE_RUNTIME.name);
        const major = Number(/^nodejs(\d+)\.x$/.exec(String(props.Runtime))?.[1]);
        expect(major, `${id} runtime ${String(props.Runtime)}`).toBeGreaterThanOrEqual(22);
        expect(props.TracingConfig, id).toEqual({ Mode: 'Active' });
        expect(props.MemorySize, id).toBe(512);
        expect(props.ReservedConcurrentExecutions, id).toBeUndefined();
      }
    });

    it('should each log to a log group of its own with a retention', () => {
      const groups = ofType(resources, 'AWS::Lambda::Function').map(([id, fn]) => {
        const ref = (fn.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
        expect(ref, `${id} has no log group`).toBeDefined();
        const group = resources[ref ?? ''];
        expect(group?.Type).toBe('AWS::Logs::LogGroup');
        expect(group?.Properties?.RetentionInDays, `${id} log retention`).toBeGreaterThan(0);
        return ref;
      });
      expect(new Set(groups).size).toBe(groups.length);
    });

    it('should set TABLE_NAME to the stateful table exactly where the handler uses the table', () => {
      const tableRef = { Ref: logicalId(portal.stateful, portal.stateful.table) };
      for (const [fn, handler] of Object.entries(portal.service.functions)) {
        const env = envOf(handler);
        if (API_TABLE_ACCESS[fn as keyof typeof API_TABLE_ACCESS] === 'none') {
          expect(env[ENV.tableName], fn).toBeUndefined();
        } else {
          expect(exportedValue(stateful, env[ENV.tableName]), fn).toEqual(tableRef);
        }
      }
      for (const [module, handler] of Object.entries(portal.service.workflows.functions)) {
        expect(exportedValue(stateful, envOf(handler)[ENV.tableName]), module).toEqual(tableRef);
      }
      for (const [module, schedule] of Object.entries(portal.service.schedules)) {
        expect(exportedValue(stateful, envOf(schedule.function)[ENV.tableName]), module).toEqual(tableRef);
      }
    });

    it('should leave token verification to the authorizer: no function gets issuer or key settings', () => {
      for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
        const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables;
        expect(
          Object.keys(variables ?? {}).filter((name) => /AUTH|JWKS|ISSUER/.test(name)),
          id,
        ).toEqual([]);
      }
    });
  });

  // The state machines invoke task functions that start a state machine: Template.fromStack (beforeAll)
  // already fails on a CloudFormation dependency cycle, which is why callers get name-built ARNs.
  describe('the workflows', () => {
    const machines = Object.keys(STATE_MACHINES) as StateMachineName[];
    const machineOf = (machine: StateMachineName) => {
      const id = logicalId(portal.service, portal.service.workflows.stateMachines[machine]);
      return { id, props: resources[id]?.Properties ?? {} };
    };
    /** The ARN every caller gets: built from the state machine's name (see PortalWorkflows). */
    const machineArn = (machine: StateMachineName) =>
      `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:${String(machineOf(machine).props.StateMachineName)}`;
    const functionArnOf = (module: string) =>
      `<${logicalId(portal.service, portal.service.workflows.functions[module as WorkflowTaskModule])}.Arn>`;

    it('should be two Standard state machines, logging ALL with execution data to a retained log group, traced', () => {
      service.resourceCountIs('AWS::StepFunctions::StateMachine', machines.length);
      for (const machine of machines) {
        const { props } = machineOf(machine);
        expect(props.StateMachineType, machine).toBe('STANDARD');
        expect(props.TracingConfiguration, machine).toEqual({ Enabled: true });
        const logging = props.LoggingConfiguration as {
          Level: string;
          IncludeExecutionData: boolean;
          Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': string[] } } }[];
        };
        expect(logging.Level, machine).toBe('ALL');
        expect(logging.IncludeExecutionData, machine).toBe(true);
        const group = resources[logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0] ?? ''];
        expect(group?.Type, machine).toBe('AWS::Logs::LogGroup');
        expect(group?.Properties?.RetentionInDays, machine).toBeGreaterThan(0);
      }
    });

    it('should carry each ASL file inline, with every ${Key} substituted by the ARN of its task function', () => {
      const used = new Set<string>();
      for (const machine of machines) {
        const { props } = machineOf(machine);
        const file = new URL(`../../statemachines/${STATE_MACHINES[machine].file}`, import.meta.url);
        expect(props.DefinitionString, machine).toBe(readFileSync(file, 'utf8'));
        const keys = new Set([...String(props.DefinitionString).matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));
        expect(keys.size, machine).toBeGreaterThan(0);
        const substitutions = props.DefinitionSubstitutions as Record<string, unknown>;
        // Exactly the placeholders the definition uses: none left for CloudFormation to reject, none extra.
        expect(Object.keys(substitutions).sort(), machine).toEqual([...keys].sort());
        for (const key of keys) {
          expect(Object.keys(WORKFLOW_TASKS), `${machine}: \${${key}}`).toContain(key);
          const module = WORKFLOW_TASKS[key as keyof typeof WORKFLOW_TASKS];
          expect(render(substitutions[key]), `${machine}: \${${key}}`).toBe(functionArnOf(module));
          used.add(key);
        }
      }
      // Every task function is called by some state machine.
      expect([...used].sort()).toEqual(Object.keys(WORKFLOW_TASKS).sort());
    });

    it('should fail synth on a placeholder that names no task function, or on broken JSON', () => {
      expect(placeholderKeys('{"FunctionName": "${AssignFunctionArn}"}', 'x.asl.json')).toEqual(['AssignFunctionArn']);
      expect(() => placeholderKeys('{"FunctionName": "${AsignFunctionArn}"}', 'x.asl.json')).toThrow(
        /x\.asl\.json names \$\{AsignFunctionArn\}, which WORKFLOW_TASKS does not define/,
      );
      expect(() => placeholderKeys('{"States": ', 'x.asl.json')).toThrow(/x\.asl\.json is not valid JSON/);
    });

    it('should let each state machine invoke exactly the functions its definition names, by exact ARN', () => {
      for (const machine of machines) {
        const { props } = machineOf(machine);
        const roleId = (props.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] ?? '';
        const statements = statementsOf(roleId);
        const invoke = statements.filter((st) => asArray(st.Action).some((a) => a.startsWith('lambda:')));
        expect(
          invoke.flatMap((st) => asArray(st.Action)),
          machine,
        ).toEqual(['lambda:InvokeFunction']);
        const expected = Object.values(props.DefinitionSubstitutions as Record<string, unknown>).map(render);
        expect(invoke.flatMap((st) => asArray(st.Resource).map(render)).sort(), machine).toEqual(
          [...new Set(expected)].sort(),
        );
      }
    });

    it('should set the state machine ARNs and grant Step Functions calls exactly as each handler needs them', () => {
      const lifecycle = machineArn('lifecycle');
      const sla = machineArn('sla');
      const lifecycleExecutions = `${lifecycle.replace(':stateMachine:', ':execution:')}:*`;
      const start = (...arns: string[]) => arns.map((arn) => `states:StartExecution ${arn}`);
      const tokens = TASK_TOKEN_ACTIONS.map((action) => `${action} *`);
      const expected: Record<string, string[]> = {
        health: [],
        openapi: [],
        me: [],
        catalog: [],
        requests: start(lifecycle, sla),
        'request-activity': [...start(lifecycle, sla), `states:StopExecution ${lifecycleExecutions}`],
        approvals: [...start(lifecycle, sla), ...tokens],
        'email-decision': [...start(lifecycle, sla), ...tokens],
        'start-stage': [],
        'await-decision': tokens,
        analytics: [],
        'escalate-approval': start(sla),
        assign: start(sla),
        'sla-check': start(sla),
        'record-failure': start(sla),
        notify: [],
        // The stream's safety net: (re)starts both machines, stops a cancelled lifecycle, resumes decided
        // stages (its analytics step calls no Step Functions).
        history: [...start(lifecycle, sla), `states:StopExecution ${lifecycleExecutions}`, ...tokens],
        // Reads the queue index only.
        backlog: [],
      };
      const handlers = allFunctions();
      expect(handlers.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, handler] of handlers) {
        const roleId = roleOf(resources[logicalId(portal.service, handler)]);
        const granted = statementsOf(roleId).flatMap((st) =>
          asArray(st.Action)
            .filter((action) => action.startsWith('states:'))
            .flatMap((action) => asArray(st.Resource).map((resource) => `${action} ${render(resource)}`)),
        );
        expect(granted.sort(), name).toEqual([...(expected[name] ?? [])].sort());
        // The ARN variables go with the grants: a handler that may start a machine can find it.
        const env = envOf(handler);
        const startsLifecycle = granted.includes(`states:StartExecution ${lifecycle}`);
        const startsSla = granted.includes(`states:StartExecution ${sla}`);
        expect(env[ENV.lifecycleStateMachineArn] && render(env[ENV.lifecycleStateMachineArn]), name).toBe(
          startsLifecycle ? lifecycle : undefined,
        );
        expect(env[ENV.slaStateMachineArn] && render(env[ENV.slaStateMachineArn]), name).toBe(
          startsSla ? sla : undefined,
        );
      }
    });

    it('should give every API function that commits request changes both state machine ARNs', () => {
      // functions/usecases/commit.ts may start either machine after any commit.
      for (const fn of ['requests', 'request-activity', 'approvals', 'email-decision'] as const) {
        const env = envOf(portal.service.functions[fn]);
        expect(render(env[ENV.lifecycleStateMachineArn]), fn).toBe(machineArn('lifecycle'));
        expect(render(env[ENV.slaStateMachineArn]), fn).toBe(machineArn('sla'));
      }
      expect(STATE_MACHINES.lifecycle.env).toBe(ENV.lifecycleStateMachineArn);
      expect(STATE_MACHINES.sla.env).toBe(ENV.slaStateMachineArn);
    });

    it('should grant StartExecution only on the two state machines', () => {
      const arns = machines.map(machineArn);
      const starts = allStatements().filter(([, st]) => asArray(st.Action).includes('states:StartExecution'));
      expect(starts.length).toBeGreaterThan(0);
      for (const [id, st] of starts) {
        for (const resource of asArray(st.Resource)) expect(arns, id).toContain(render(resource));
      }
    });

    it('should grant exactly the Step Functions calls functions/adapters/workflow.ts makes', () => {
      const adapter = readFileSync(new URL('../../functions/adapters/workflow.ts', import.meta.url), 'utf8');
      const calls = new Set([...adapter.matchAll(/new (\w+)Command\(/g)].map((m) => `states:${m[1]}`));
      const granted = new Set(
        allStatements().flatMap(([, st]) => asArray(st.Action).filter((action) => action.startsWith('states:'))),
      );
      expect([...granted].sort()).toEqual([...calls].sort());
    });
  });

  describe('the API', () => {
    it('should have exactly one route per route table entry, under API_BASE', () => {
      service.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
      const keys = ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
      expect(keys.sort()).toEqual(ROUTES.map((route) => `${route.method} ${API_BASE}${route.path}`).sort());
    });

    it('should require the JWT authorizer on every route the route table does not mark public', () => {
      const authorizers = Object.keys(service.findResources('AWS::ApiGatewayV2::Authorizer'));
      expect(authorizers).toHaveLength(1);
      for (const route of ROUTES) {
        const [[, found] = []] = ofType(resources, 'AWS::ApiGatewayV2::Route').filter(
          ([, r]) => r.Properties?.RouteKey === `${route.method} ${API_BASE}${route.path}`,
        );
        const expected = route.public
          ? { AuthorizationType: 'NONE' }
          : { AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizers[0] } };
        expect(found?.Properties, `${route.method} ${route.path}`).toMatchObject(expected);
        if (route.public) expect(found?.Properties?.AuthorizerId).toBeUndefined();
      }
    });

    it('should send each route to the function of its handler module', () => {
      for (const route of ROUTES) {
        const [[, found] = []] = ofType(resources, 'AWS::ApiGatewayV2::Route').filter(
          ([, r]) => r.Properties?.RouteKey === `${route.method} ${API_BASE}${route.path}`,
        );
        const target = found?.Properties?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
        const integration = resources[target['Fn::Join'][1][1].Ref];
        expect(integration?.Properties?.IntegrationUri, route.path).toEqual({
          'Fn::GetAtt': [logicalId(portal.service, portal.service.functions[route.fn]), 'Arn'],
        });
      }
    });

    it('should verify tokens for the user pool client of the web app', () => {
      service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: Match.anyValue() }],
          Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        },
      });
      service.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        AllowedOAuthFlows: ['code'],
        GenerateSecret: false,
        WriteAttributes: Match.not(Match.arrayWith(['custom:user_id'])),
      });
    });

    it('should throttle the default stage and write access logs to a log group with a retention', () => {
      service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
      });
      const [[, stage] = []] = ofType(resources, 'AWS::ApiGatewayV2::Stage');
      const destination = (stage?.Properties?.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': string[] } })
        .DestinationArn['Fn::GetAtt'][0];
      expect(resources[destination ?? '']?.Properties?.RetentionInDays).toBeGreaterThan(0);
    });
  });

  describe('permissions', () => {
    it('should never grant a data action on Resource "*"', () => {
      const DATA = /^(dynamodb|states|ses|sns|sqs|s3|kms):|^\*$/;
      // The one exception: SendTaskSuccess/SendTaskFailure support no resource-level permissions (the task
      // token names the task), so IAM only accepts them on "*". No other states: action may be there.
      const RESOURCE_LESS = new Set(TASK_TOKEN_ACTIONS);
      const statements = allStatements();
      expect(statements.length).toBeGreaterThan(0);
      for (const [id, statement] of statements) {
        if (!asArray(statement.Resource).includes('*')) continue;
        expect(
          asArray(statement.Action).filter((action) => DATA.test(action) && !RESOURCE_LESS.has(action)),
          id,
        ).toEqual([]);
      }
    });

    it('should use no AWS-managed policies', () => {
      for (const [id, role] of ofType(resources, 'AWS::IAM::Role')) {
        expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
      }
    });
  });

  describe('alarms', () => {
    it('should alarm on API 5xx and on errors of every function, to the admin topic', () => {
      const topics = Object.keys(service.findResources('AWS::SNS::Topic'));
      expect(topics).toHaveLength(1);
      service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: SETTINGS.adminEmail });
      const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
      expect(alarms.find((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toBeDefined();
      for (const [, handler] of allFunctions()) {
        const fnRef = { Ref: logicalId(portal.service, handler) };
        const alarm = alarms.find(
          (a) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes(JSON.stringify(fnRef)),
        );
        expect(alarm, fnRef.Ref).toBeDefined();
      }
      for (const alarm of alarms) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topics[0] }]);
        expect(alarm.OKActions).toEqual([{ Ref: topics[0] }]);
      }
    });

    it('should alarm on failed and timed-out executions of each state machine', () => {
      const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
      for (const stateMachine of Object.values(portal.service.workflows.stateMachines)) {
        const dimensions = [{ Name: 'StateMachineArn', Value: { Ref: logicalId(portal.service, stateMachine) } }];
        for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
          const alarm = alarms.find(
            (a) =>
              a.Namespace === 'AWS/States' &&
              a.MetricName === metric &&
              JSON.stringify(a.Dimensions) === JSON.stringify(dimensions),
          );
          expect(alarm, `${metric} ${stateMachine.node.path}`).toMatchObject({
            Statistic: 'Sum',
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          });
        }
      }
      // API 5xx + Errors of every function + 2 per state machine + DLQ and iterator age per stream consumer
      // + failed invocations per schedule + SLA spike.
      const consumers = Object.keys(portal.service.streamConsumers).length;
      const schedules = Object.keys(portal.service.schedules).length;
      expect(alarms).toHaveLength(
        1 + allFunctions().length + 2 * Object.keys(STATE_MACHINES).length + 2 * consumers + schedules + 1,
      );
    });
  });

  describe('the user pool', () => {
    it('should be retained, admin-only, with a group per role and per catalog team', async () => {
      const { teams } = await import('../../catalog/teams');
      const { ROLES } = await import('../../functions/domain/catalog/schema');
      stateful.hasResource('AWS::Cognito::UserPool', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UsernameAttributes: ['email'],
          DeletionProtection: 'ACTIVE',
        }),
      });
      const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')).map(
        (g) => (g as CfnJson).Properties?.GroupName,
      );
      expect(groups.sort()).toEqual([...ROLES, ...teams.map((team) => `team:${team.id}`)].sort());
    });
  });

  describe('cdk-nag', () => {
    it('should leave no unacknowledged AwsSolutions or Serverless finding (errors or warnings) in either stack', () => {
      for (const stack of [portal.stateful, portal.service]) expect(nagFindings(stack), stack.stackName).toEqual([]);
    });
  });
});

describe('the portal stacks with the company OIDC issuer', () => {
  const external = {
    issuer: 'https://login.example.com/realms/company',
    audience: 'backoffice-portal',
  };
  let portal: Portal;
  let service: Template;

  beforeAll(() => {
    portal = synth({ ...SETTINGS, externalOidc: external });
    service = Template.fromStack(portal.service);
  });

  it('should create no Cognito resources', () => {
    for (const template of [Template.fromStack(portal.stateful), service]) {
      const types = Object.values(template.toJSON().Resources as Resources).map((r) => r.Type);
      expect(types.filter((type) => type.startsWith('AWS::Cognito::'))).toEqual([]);
    }
  });

  it('should verify tokens of the configured issuer in the authorizer', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [external.audience], Issuer: external.issuer },
    });
  });

  it('should leave no unacknowledged cdk-nag finding', () => {
    for (const stack of [portal.stateful, portal.service]) expect(nagFindings(stack), stack.stackName).toEqual([]);
  });
});
