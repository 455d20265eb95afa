/**
 * The CloudFormation the portal deploys, checked without AWS: each stage's stacks are synthesized
 * once per file with cdk.json's context (feature flags change resources) and without bundling.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/adapters/store/table';
import { API_BASE, ROUTES } from '../../functions/api/routes';
import { ENV } from '../../functions/shared/env';
import { createPortal, type Portal } from '../../lib/portal';
import { API_TABLE_ACCESS } from '../../lib/service-stack';
import type { Settings } from '../../lib/settings';

// Synth must never reach for AWS: another part of the suite sets dummy credentials in its process.
delete process.env.AWS_ACCESS_KEY_ID;
delete process.env.AWS_SECRET_ACCESS_KEY;
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

interface CfnJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
type Resources = Record<string, CfnJson>;

const SETTINGS: Settings = { senderEmail: 'portal@example.com', adminEmail: 'ops@example.com' };
const outdirs: string[] = [];

function synth(settings: Settings): Portal {
  const outdir = mkdtempSync(join(tmpdir(), 'portal-cdk-'));
  outdirs.push(outdir);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] }, outdir });
  return createPortal(app, { stage: 'dev', settings });
}

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnResource);

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Follows `Fn::ImportValue` in the consumer to the producer's exported value. */
function exportedValue(producer: Template, imported: unknown): unknown {
  const name = (imported as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
  const outputs = producer.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  return Object.values(outputs).find((output) => output.Export?.Name === name)?.Value;
}

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

  describe('the functions', () => {
    it('should be one per handler module named in the route table', () => {
      const modules = new Set(ROUTES.map((route) => route.fn));
      service.resourceCountIs('AWS::Lambda::Function', modules.size);
      for (const fn of modules) {
        service.hasResourceProperties('AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp(`functions/api/${fn}\\.ts$`),
        });
      }
    });

    it('should all run on arm64 and Node.js 22 or newer with tracing', () => {
      for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
        const props = fn.Properties ?? {};
        expect(props.Architectures, id).toEqual(['arm64']);
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
        const props = resources[logicalId(portal.service, handler)]?.Properties;
        const env = (props?.Environment as { Variables: Record<string, unknown> }).Variables;
        if (API_TABLE_ACCESS[fn as keyof typeof API_TABLE_ACCESS] === 'none') {
          expect(env[ENV.tableName], fn).toBeUndefined();
        } else {
          expect(exportedValue(stateful, env[ENV.tableName]), fn).toEqual(tableRef);
        }
      }
    });

    it('should give every function the token verification settings of the user pool client', () => {
      const clientRef = { Ref: Object.keys(service.findResources('AWS::Cognito::UserPoolClient'))[0] };
      for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
        const env = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(env[ENV.authAudience], id).toEqual(clientRef);
        expect(JSON.stringify(env[ENV.authIssuer]), id).toContain('https://cognito-idp.');
        expect(JSON.stringify(env[ENV.authJwksUrl]), id).toContain('/.well-known/jwks.json');
      }
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
      const policies = [
        ...ofType(resources, 'AWS::IAM::Policy').map(([id, r]) => [id, r.Properties?.PolicyDocument] as const),
        ...ofType(resources, 'AWS::IAM::Role').flatMap(([id, r]) =>
          asArray(r.Properties?.Policies as { PolicyDocument: unknown }[]).map((p) => [id, p.PolicyDocument] as const),
        ),
      ];
      expect(policies.length).toBeGreaterThan(0);
      for (const [id, document] of policies) {
        for (const statement of (document as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement) {
          if (!asArray(statement.Resource).includes('*')) continue;
          expect(
            asArray(statement.Action).filter((action) => DATA.test(action)),
            id,
          ).toEqual([]);
        }
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
      for (const handler of Object.values(portal.service.functions)) {
        const fnRef = { Ref: logicalId(portal.service, handler) };
        const alarm = alarms.find(
          (a) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes(JSON.stringify(fnRef)),
        );
        expect(alarm, fnRef.Ref).toBeDefined();
      }
      for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topics[0] }]);
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

  describe('cdk-nag AwsSolutions', () => {
    it('should leave no unacknowledged finding (errors or warnings) in either stack', () => {
      for (const stack of [portal.stateful, portal.service]) {
        const { violations } = new AwsSolutionsChecks().validateScope(stack);
        const found = violations.map(
          (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(', ')}`,
        );
        expect(found, stack.stackName).toEqual([]);
      }
    });
  });
});

describe('the portal stacks with the company OIDC issuer', () => {
  const external = {
    issuer: 'https://login.example.com/realms/company',
    audience: 'backoffice-portal',
    jwksUrl: 'https://login.example.com/realms/company/protocol/openid-connect/certs',
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

  it('should verify tokens of the configured issuer, in the authorizer and in every handler', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [external.audience], Issuer: external.issuer },
    });
    const functions = Object.values(service.findResources('AWS::Lambda::Function')) as CfnJson[];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        [ENV.authIssuer]: external.issuer,
        [ENV.authAudience]: external.audience,
        [ENV.authJwksUrl]: external.jwksUrl,
      });
    }
  });

  it('should leave no unacknowledged cdk-nag finding', () => {
    for (const stack of [portal.stateful, portal.service]) {
      expect(new AwsSolutionsChecks().validateScope(stack).violations, stack.stackName).toEqual([]);
    }
  });
});
