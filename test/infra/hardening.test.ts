/**
 * Security review 2026-12, F9 and F10, in the CloudFormation the portal deploys (and, for F9, in the
 * one middy chain every API function runs):
 * - F9: the API is reached through CloudFront only. CloudFront adds a secret origin header, every API
 *   function refuses requests without it, and the direct execute-api URL is no output.
 * - F10: no task tokens in prod state machine logs; the `me` function's table grant is narrowed to USER#
 *   items; with an external IdP the web CSP's connect-src names origins instead of `https:`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compositionOf } from '../../bench/bundles/composition';
import { API_FUNCTIONS, type ApiFunction } from '../../functions/api/routes';
import { ENV } from '../../functions/shared/env';
import { httpHandler } from '../../functions/api/http';
import { ORIGIN_HEADER } from '../../functions/api/origin';
import { lambdaContext } from '../../local/lambda-event';
import { PROJECT_ROOT } from '../../lib/constructs/portal-function';
import { API_TABLE_ACCESS, API_TABLE_PARTITIONS } from '../../lib/service-stack';
import { loadSettings } from '../../lib/settings';
import {
  asArray,
  build,
  envOf,
  logicalId,
  nagFindings,
  only,
  ofType,
  render,
  roleIdOf,
  SETTINGS,
  statementsOf,
  withImports,
  type Built,
  type CfnJson,
} from './template';

type Props = Record<string, unknown>;

/** The distribution's API origin (the one behind `/api/*`). */
function apiOriginOf(built: Built): Props {
  const [, distribution] = only(built.resources, 'AWS::CloudFront::Distribution');
  const config = distribution.Properties?.DistributionConfig as Props;
  const api = (config.CacheBehaviors as Props[]).find((behaviour) => behaviour.PathPattern === '/api/*');
  const origin = (config.Origins as Props[]).find((o) => o.Id === api?.TargetOriginId);
  expect(origin, 'the /api/* origin').toBeDefined();
  return origin ?? {};
}

/** The CSP of the web app's behaviour (the default one). */
function webCspOf(built: Built): string {
  const [, distribution] = only(built.resources, 'AWS::CloudFront::Distribution');
  const config = distribution.Properties?.DistributionConfig as Props;
  const policyId = ((config.DefaultCacheBehavior as Props).ResponseHeadersPolicyId as { Ref: string }).Ref;
  const policy = built.resources[policyId]?.Properties?.ResponseHeadersPolicyConfig as Props;
  return render(((policy.SecurityHeadersConfig as Props).ContentSecurityPolicy as Props).ContentSecurityPolicy);
}

const connectSrcOf = (csp: string) =>
  csp
    .split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith('connect-src '))
    ?.split(/\s+/)
    .slice(1);

/** The dev stage with the built-in user pool, built once for the file. */
let dev: Built;
beforeAll(() => {
  dev = build(SETTINGS);
});

describe('the portal stacks (dev, built-in user pool)', () => {
  let built: Built;

  beforeAll(() => {
    built = dev;
  });

  /** The secret's current value, as a CloudFormation dynamic reference (resolved at deployment only). */
  const dynamicReference = () => {
    const [secretId] = only(built.resources, 'AWS::SecretsManager::Secret');
    return { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };
  };

  it('F9: CloudFront adds a generated secret as the origin header of API requests, and only of those', () => {
    const [, secret] = only(built.resources, 'AWS::SecretsManager::Secret');
    expect(secret.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    expect(apiOriginOf(built).OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_HEADER, HeaderValue: dynamicReference() },
    ]);
    // The value never reaches the web bucket's origin.
    const [, distribution] = only(built.resources, 'AWS::CloudFront::Distribution');
    const origins = (distribution.Properties?.DistributionConfig as Props).Origins as Props[];
    expect(origins.filter((origin) => origin.OriginCustomHeaders !== undefined)).toHaveLength(1);
  });

  it('F9: every API function requires that value (ORIGIN_SECRET), and is updated only after the distribution', () => {
    const [distributionId] = only(built.resources, 'AWS::CloudFront::Distribution');
    for (const fn of API_FUNCTIONS) {
      const handler = built.portal.service.functions[fn];
      expect(envOf(built, handler)[ENV.originSecret], fn).toEqual(dynamicReference());
      const resource = built.resources[logicalId(built.portal.service, handler)] as CfnJson;
      expect(resource.DependsOn, fn).toContain(distributionId);
    }
    // The functions never call Secrets Manager: CloudFormation resolves the reference at deployment.
    for (const fn of API_FUNCTIONS) {
      const actions = statementsOf(built.resources, roleIdOf(built, built.portal.service.functions[fn])).flatMap(
        (statement) => asArray(statement.Action),
      );
      expect(
        actions.filter((action) => action.startsWith('secretsmanager:')),
        fn,
      ).toEqual([]);
    }
  });

  it('F9: the direct execute-api URL is no stack output', () => {
    const outputs = built.service.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).not.toContain('ApiUrl');
    for (const [name, output] of Object.entries(outputs))
      expect(render(output.Value), name).not.toContain('execute-api');
  });

  it('F10: the me function may touch USER# items only, and no index; the other functions keep their grants', () => {
    const tableArn = `<${logicalId(built.portal.stateful, built.portal.stateful.table)}.Arn>`;
    const dynamo = (fn: ApiFunction) =>
      statementsOf(built.resources, roleIdOf(built, built.portal.service.functions[fn])).filter((statement) =>
        asArray(statement.Action).some((action) => action.startsWith('dynamodb:')),
      );
    const me = dynamo('me');
    expect(me).toHaveLength(1);
    expect(me[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USER#*'] } });
    expect(asArray(me[0]?.Resource).map((resource) => render(withImports(built.stateful, resource)))).toEqual([
      tableArn,
    ]);
    expect(asArray(me[0]?.Action)).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem']));
    expect(API_TABLE_ACCESS.me).toBe('readWrite');
    // Only `me` is scoped (see API_TABLE_PARTITIONS): the others touch requests, tokens, teams, aggregates...
    expect(Object.keys(API_TABLE_PARTITIONS)).toEqual(['me']);
    const requests = dynamo('requests');
    expect(requests.every((statement) => statement.Condition === undefined)).toBe(true);
    expect(
      requests
        .flatMap((statement) => asArray(statement.Resource))
        .map(render)
        .join(' '),
    ).toContain('/index/');
  });

  it('F10: the me function calls only store functions that touch USER#<id> items, as its LeadingKeys scope requires', async () => {
    // DynamoDB Local ignores IAM, so no local test would notice `me` reaching another partition: this
    // does. A new store call here must be checked against API_TABLE_PARTITIONS (lib/service-stack.ts).
    const USER_ITEMS_ONLY = [
      'absences.deleteDelegation', // Delete USER#<id> / DELEGATION
      'absences.putDelegation', // Put USER#<id> / DELEGATION
      'users.getUserWithDelegation', // Query pk = USER#<id>
    ];
    const { inputs } = await compositionOf('functions/api/me.ts');
    const ours = inputs.filter((i) => i.startsWith('functions/') && !i.startsWith('functions/adapters/store/'));
    const calls = new Set(ours.flatMap((input) => storeCallsIn(readFileSync(join(PROJECT_ROOT, input), 'utf8'))));
    expect([...calls].sort()).toEqual(USER_ITEMS_ONLY);
  });

  it('F10: with the built-in user pool, connect-src names Cognito and the hosted sign-in domain only', () => {
    const sources = connectSrcOf(webCspOf(built)) ?? [];
    expect(sources).toHaveLength(3);
    expect(sources[0]).toBe("'self'");
    expect(sources[1]).toBe('https://cognito-idp.<AWS::Region>.amazonaws.com');
    expect(sources[2]).toMatch(/^https:\/\/.+\.auth\.<AWS::Region>\.amazoncognito\.com$/);
  });
});

describe('the portal stacks (prod)', () => {
  let prod: Built;

  beforeAll(() => {
    prod = build(SETTINGS, 'prod');
  });

  const loggingOf = (built: Built) =>
    ofType(built.resources, 'AWS::StepFunctions::StateMachine').map(
      ([, machine]) => machine.Properties?.LoggingConfiguration as { Level: string; IncludeExecutionData: boolean },
    );

  it('F10: prod state machine logs carry no execution data, so no task tokens; dev keeps it for debugging', () => {
    const prodLogs = loggingOf(prod);
    expect(prodLogs).toHaveLength(2);
    for (const logging of prodLogs) expect(logging).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    for (const logging of loggingOf(dev)) expect(logging).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
  });

  it('F9: the origin check is in place in prod as well, and cdk-nag has no unacknowledged finding', () => {
    expect(apiOriginOf(prod).OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_HEADER, HeaderValue: expect.anything() as unknown },
    ]);
    for (const fn of API_FUNCTIONS)
      expect(envOf(prod, prod.portal.service.functions[fn])[ENV.originSecret], fn).toBeDefined();
    for (const stack of [prod.portal.stateful, prod.portal.service])
      expect(nagFindings(stack), stack.stackName).toEqual([]);
  });
});

describe('the portal stacks with the company OIDC issuer (and a rotated origin secret)', () => {
  const externalOidc = {
    issuer: 'https://login.example.com/realms/company',
    audience: 'backoffice-portal',
    connectOrigins: ['https://tokens.example.net'],
  };
  const originSecretVersion = 'a1b2c3d4-0000-4000-8000-0123456789ab';
  let built: Built;

  beforeAll(() => {
    built = build({ ...SETTINGS, externalOidc, originSecretVersion });
  });

  it('F9: a rotation (originSecretVersion) pins CloudFront and every API function to the same new version', () => {
    const [secretId] = only(built.resources, 'AWS::SecretsManager::Secret');
    const pinned = {
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, `:SecretString:::${originSecretVersion}}}`]],
    };
    expect(apiOriginOf(built).OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_HEADER, HeaderValue: pinned }]);
    for (const fn of API_FUNCTIONS)
      expect(envOf(built, built.portal.service.functions[fn])[ENV.originSecret], fn).toEqual(pinned);
  });

  it("F10: the web CSP's connect-src names the IdP's origins, not any https: origin", () => {
    expect(connectSrcOf(webCspOf(built))).toEqual([
      "'self'",
      'https://login.example.com',
      'https://tokens.example.net',
    ]);
    // The authorizer is unchanged: issuer and audience only.
    built.service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [externalOidc.audience], Issuer: externalOidc.issuer },
    });
  });

  it('F10: connectOrigins must be https origins without a path', () => {
    const settings = (connectOrigins: unknown) => () =>
      loadSettings((key) => ({ ...SETTINGS, externalOidc: { ...externalOidc, connectOrigins } })[key]);
    expect(settings(['https://tokens.example.net', 'https://sso.example.com:8443'])).not.toThrow();
    for (const bad of [
      ['https:'],
      ['https://tokens.example.net/'],
      ['https://tokens.example.net/token'],
      ['http://x.example'],
    ])
      expect(settings(bad), JSON.stringify(bad)).toThrow(/externalOidc\.connectOrigins\.0": must be an https origin/);
  });

  it('F10: leaves no unacknowledged cdk-nag finding', () => {
    for (const stack of [built.portal.stateful, built.portal.service])
      expect(nagFindings(stack), stack.stackName).toEqual([]);
  });
});

describe('F9: the origin check of the API functions (functions/api/http.ts)', () => {
  const SECRET = 'e2f1c0ffee0ddba11cafef00dfacade5deadbeef0badf00d';
  const route = vi.fn(async () => ({ status: 200, body: { status: 'ok' } }));
  const handler = httpHandler({}, { 'GET /health': route });

  afterEach(() => {
    Reflect.deleteProperty(process.env, ENV.originSecret);
    route.mockClear();
  });

  const call = async (headers: Record<string, string | undefined>) =>
    (await handler(
      {
        version: '2.0',
        routeKey: 'GET /api/health',
        rawPath: '/api/health',
        rawQueryString: '',
        headers,
        requestContext: { requestId: 'test', http: { method: 'GET', path: '/api/health' } },
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyEventV2,
      lambdaContext('health'),
    )) as APIGatewayProxyStructuredResultV2;

  it('F9: refuses (403, the API error shape) a request without the header or with another value, before any handler runs', async () => {
    process.env[ENV.originSecret] = SECRET;
    for (const headers of [
      {},
      { [ORIGIN_HEADER]: 'guess' },
      { [ORIGIN_HEADER]: `${SECRET}x` },
      { [ORIGIN_HEADER]: '' },
    ]) {
      const response = await call(headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(response.body ?? '')).toEqual({
        error: { code: 'forbidden', message: expect.stringContaining("portal's address") as unknown, details: [] },
      });
    }
    const russian = await call({ 'Accept-Language': 'ru' });
    expect((JSON.parse(russian.body ?? '') as { error: { message: string } }).error.message).toMatch(/адресу портала/);
    expect(route).not.toHaveBeenCalled();
  });

  it('F9: lets the request CloudFront forwarded through, without the header', async () => {
    process.env[ENV.originSecret] = SECRET;
    const response = await call({ 'X-Portal-Origin-Verify': SECRET, 'accept-language': 'en' });
    expect(response.statusCode).toBe(200);
    expect(route).toHaveBeenCalledTimes(1);
    const [request] = route.mock.calls[0] as unknown as [{ headers: Record<string, string> }];
    expect(request.headers).toEqual({ 'accept-language': 'en' });
  });

  it('F9: fails closed on an empty ORIGIN_SECRET; checks nothing where it is unset (the local runtime)', async () => {
    process.env[ENV.originSecret] = '';
    expect((await call({ [ORIGIN_HEADER]: '' })).statusCode).toBe(403);
    Reflect.deleteProperty(process.env, ENV.originSecret);
    expect((await call({})).statusCode).toBe(200);
  });
});

/** `module.function` for each store function a source file imports (module-level import statements only). */
function storeCallsIn(source: string): string[] {
  expect(source).not.toMatch(/import\s*\*\s*as\s+\w+\s+from\s*'[^']*adapters\/store\//);
  expect(source).not.toMatch(/import\(\s*'[^']*adapters\/store\//);
  return [...source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'[^']*adapters\/store\/([\w-]+)'/g)]
    .filter(([, typeOnly]) => !typeOnly)
    .flatMap(([, , names = '', module = '']) =>
      names
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith('type '))
        .map((name) => `${module}.${name.split(/\s+as\s+/)[0] ?? name}`),
    );
}
