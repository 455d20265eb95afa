/**
 * What reaches people and admins: the notification stream consumer's settings (its event source
 * mapping and dead letters are checked with the other consumers in stream-consumers.test.ts), the SES
 * identity and configuration set, the web app on S3 + CloudFront with /config.json and /api/*, the
 * admins' dashboard and its alarms. Synthesized offline like stacks.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../functions/api/routes';
import { ENV } from '../../functions/shared/env';
import { BACKLOG, METRIC_DIMENSIONS, METRIC_NAMES } from '../../functions/shared/metrics';
import { DASHBOARD_WIDGETS } from '../../lib/constructs/portal-dashboard';
import { MAIL_ACTIONS, type PortalFunction } from '../../lib/constructs/portal-function';
import { SPA_ROUTING_CODE, WEB_DIST } from '../../lib/constructs/portal-web';
import { insightsQuery, METRICS_NAMESPACE } from '../../lib/metrics';
import { API_PORTAL_URL } from '../../lib/service-stack';
import { STAGE_PROFILES, type Settings } from '../../lib/settings';
import {
  allStatements,
  asArray,
  build,
  envOf,
  exportedValue,
  logicalId,
  nagFindings,
  ofType,
  only,
  render,
  resourcesFor,
  roleIdOf,
  roleOf,
  SETTINGS,
  statementsOf,
  type Built,
  type CfnJson,
} from './template';

type Props = Record<string, unknown>;

/** The distribution's config, its behaviours by path pattern and its origins by id. */
function distributionOf(built: Built) {
  const [id, distribution] = only(built.resources, 'AWS::CloudFront::Distribution');
  const config = distribution.Properties?.DistributionConfig as Props;
  const behaviours = (config.CacheBehaviors ?? []) as Props[];
  const origins = config.Origins as Props[];
  const originOf = (behaviour: Props | undefined) => origins.find((o) => o.Id === behaviour?.TargetOriginId);
  return { id, config, behaviours, origins, originOf, defaultBehaviour: config.DefaultCacheBehavior as Props };
}

describe('the portal stacks (dev, e-mail address sender, CloudFront domain)', () => {
  let built: Built;
  let notify: PortalFunction;
  let distributionDomain: string;
  let portalUrl: string;

  beforeAll(() => {
    built = build(SETTINGS);
    notify = built.portal.service.streamConsumers.notify.function;
    distributionDomain = `<${distributionOf(built).id}.DomainName>`;
    portalUrl = `https://${distributionDomain}`;
  });

  describe('the notification stream consumer', () => {
    it('should get the mail settings, the portal URL and the table, and no workflow settings', () => {
      const env = envOf(built, notify);
      const mail = built.portal.stateful.mail.binding;
      expect(env[ENV.mailFrom]).toBe(SETTINGS.senderEmail);
      expect(env[ENV.mailConfigurationSet]).toBe(mail.configurationSetName);
      expect(render(env[ENV.portalUrl])).toBe(portalUrl);
      expect(env[ENV.tableName]).toBeDefined();
      for (const name of [ENV.lifecycleStateMachineArn, ENV.slaStateMachineArn])
        expect(env[name], name).toBeUndefined();
    });
  });

  describe('sending e-mail', () => {
    it('should verify the sender address in SES, retained, using the configuration set by default', () => {
      const [setId] = only(built.statefulResources, 'AWS::SES::ConfigurationSet');
      built.stateful.hasResource('AWS::SES::EmailIdentity', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          EmailIdentity: SETTINGS.senderEmail,
          ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId } },
        },
      });
    });

    it('should have a configuration set that suppresses bounces and complaints and requires TLS', () => {
      const [, set] = only(built.statefulResources, 'AWS::SES::ConfigurationSet');
      expect(set.Properties).toMatchObject({
        Name: built.portal.stateful.mail.binding.configurationSetName,
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
        ReputationOptions: { ReputationMetricsEnabled: true },
        SendingOptions: { SendingEnabled: true },
        DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      });
    });

    it('should let only the stream consumer send, from the sender address, via exactly the identity and configuration set', () => {
      const mail = built.portal.stateful.mail.binding;
      const arn = (resource: string) => `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:${resource}`;
      const sesStatements = allStatements(built.resources).filter(([, st]) =>
        asArray(st.Action).some((action) => action.startsWith('ses:')),
      );
      const notifyRole = roleIdOf(built, built.portal.service.streamConsumers.notify.function);
      expect(sesStatements.length).toBeGreaterThan(0);
      for (const [policyId, st] of sesStatements) {
        expect(JSON.stringify(built.resources[policyId]?.Properties?.Roles), policyId).toContain(notifyRole);
        expect(asArray(st.Action)).toEqual(MAIL_ACTIONS);
        expect(asArray(st.Resource)).not.toContain('*');
        expect(asArray(st.Resource).map(render).sort()).toEqual(
          [arn(`identity/${mail.identityName}`), arn(`configuration-set/${mail.configurationSetName}`)].sort(),
        );
        expect(st.Condition).toEqual({ StringEquals: { 'ses:FromAddress': SETTINGS.senderEmail } });
      }
    });

    it('should tell how to verify the sender', () => {
      expect(JSON.stringify(built.stateful.toJSON().Outputs)).toContain(`verification link to ${SETTINGS.senderEmail}`);
    });

    it('should leave Cognito on its own sender unless userPoolEmailViaSes is set', () => {
      const [, pool] = only(built.statefulResources, 'AWS::Cognito::UserPool');
      expect((pool.Properties?.EmailConfiguration as Props | undefined)?.EmailSendingAccount).not.toBe('DEVELOPER');
    });
  });

  describe('PORTAL_URL', () => {
    it('should be the distribution URL on the stream consumer and every API function that links to the portal', () => {
      expect(render(envOf(built, notify)[ENV.portalUrl])).toBe(portalUrl);
      for (const [fn, handler] of Object.entries(built.portal.service.functions)) {
        const value = envOf(built, handler)[ENV.portalUrl];
        if (API_PORTAL_URL.includes(fn as (typeof API_PORTAL_URL)[number])) expect(render(value), fn).toBe(portalUrl);
        else expect(value, fn).toBeUndefined();
      }
    });

    it('should be where the hosted sign-in returns to (and, in dev, the local server)', () => {
      const [, client] = only(built.resources, 'AWS::Cognito::UserPoolClient');
      expect(asArray(client.Properties?.CallbackURLs).map(render)).toEqual([
        `${portalUrl}/`,
        STAGE_PROFILES.dev.localCallbackUrl,
      ]);
    });
  });

  describe('the web app', () => {
    it('should keep the web bucket private, encrypted, TLS-only, versioned and access-logged', () => {
      const bucketId = logicalId(built.portal.service, built.portal.service.web.bucket);
      const logsId = logicalId(built.portal.service, built.portal.service.web.logBucket);
      expect(built.resources[bucketId]?.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: logsId } },
      });
      for (const id of [bucketId, logsId]) {
        expect(built.resources[id]?.DeletionPolicy, id).toBe('Retain');
        expect(built.resources[id]?.Properties?.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
    });

    it('should let only this distribution read the bucket (origin access control), and only over TLS', () => {
      const bucketId = logicalId(built.portal.service, built.portal.service.web.bucket);
      const { id, origins, originOf, defaultBehaviour } = distributionOf(built);
      const [oacId, oac] = only(built.resources, 'AWS::CloudFront::OriginAccessControl');
      expect(oac.Properties?.OriginAccessControlConfig).toMatchObject({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      });
      const s3Origin = originOf(defaultBehaviour);
      expect(s3Origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
      expect(s3Origin?.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
      expect(origins).toHaveLength(2);

      const policy = ofType(built.resources, 'AWS::S3::BucketPolicy').find(
        ([, p]) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }),
      )?.[1];
      const statements = (policy?.Properties?.PolicyDocument as { Statement: Props[] }).Statement;
      const allows = statements.filter((st) => st.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
      expect(
        render((allows[0]?.Condition as Record<string, Record<string, unknown>>).StringEquals?.['AWS:SourceArn']),
      ).toBe(`arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${id}>`);
      expect(statements.find((st) => st.Effect === 'Deny')).toMatchObject({
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    });

    it('should send /api/* unchanged and uncached to the HTTP API, with every method', () => {
      const { behaviours, originOf } = distributionOf(built);
      expect(behaviours.map((b) => b.PathPattern)).toEqual([`${API_BASE}/*`]);
      const api = behaviours[0] ?? {};
      expect(api).toMatchObject({
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        ViewerProtocolPolicy: 'https-only',
      });
      expect([...(api.AllowedMethods as string[])].sort()).toEqual(
        ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
      );
      const origin = originOf(api);
      const apiId = logicalId(built.portal.service, built.portal.service.api.httpApi);
      expect(render(origin?.DomainName)).toBe(`<${apiId}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`);
      expect(origin?.OriginPath).toBeUndefined();
      expect(origin?.CustomOriginConfig).toMatchObject({
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      });
    });

    it('should serve the app from the bucket, with client-side routes answered by index.html on that behaviour only', () => {
      const { config, defaultBehaviour } = distributionOf(built);
      expect(defaultBehaviour).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
        FunctionAssociations: [{ EventType: 'viewer-request' }],
      });
      // Distribution-wide error pages would also replace the API's own 403/404 answers.
      expect(config.CustomErrorResponses).toBeUndefined();
      expect(config.DefaultRootObject).toBe('index.html');
      const [, fn] = only(built.resources, 'AWS::CloudFront::Function');
      expect(fn.Properties?.FunctionCode).toBe(SPA_ROUTING_CODE);
    });

    it('should route paths without a file extension to /index.html and leave files alone (the function code)', () => {
      const handler = new Function(`${SPA_ROUTING_CODE}; return handler;`)() as (event: {
        request: { uri: string };
      }) => { uri: string };
      const uri = (path: string) => handler({ request: { uri: path } }).uri;
      expect(uri('/')).toBe('/index.html');
      expect(uri('/requests/01JD8Z6Q5V')).toBe('/index.html');
      expect(uri('/queue')).toBe('/index.html');
      expect(uri('/assets/index-kb_P8SJJ.js')).toBe('/assets/index-kb_P8SJJ.js');
      expect(uri('/config.json')).toBe('/config.json');
      expect(uri('/favicon.svg')).toBe('/favicon.svg');
    });

    it('should add security headers on both behaviours, serve HTTP/2 and HTTP/3 and log to the log bucket', () => {
      const { config, defaultBehaviour, behaviours } = distributionOf(built);
      const policies = Object.fromEntries(ofType(built.resources, 'AWS::CloudFront::ResponseHeadersPolicy'));
      for (const behaviour of [defaultBehaviour, ...behaviours]) {
        const policy = policies[(behaviour.ResponseHeadersPolicyId as { Ref: string }).Ref];
        const headers = (policy?.Properties?.ResponseHeadersPolicyConfig as Props).SecurityHeadersConfig;
        expect(headers).toMatchObject({
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: expect.anything() as unknown,
        });
      }
      expect(config).toMatchObject({ HttpVersion: 'http2and3', IPV6Enabled: true });
      const logsId = logicalId(built.portal.service, built.portal.service.web.logBucket);
      expect(config.Logging).toEqual({
        Bucket: { 'Fn::GetAtt': [logsId, 'RegionalDomainName'] },
        Prefix: 'cloudfront/',
      });
      // No custom domain: CloudFront's own certificate (the CFR4 acknowledgement covers it).
      expect(config.Aliases).toBeUndefined();
    });

    it('should deploy /config.json telling the app to sign in with the user pool client and come back to the portal', () => {
      const deployments = ofType(built.resources, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties ?? {});
      const site = deployments.find((d) => JSON.stringify(d.SourceMarkers ?? []).includes('<<marker'));
      expect(site?.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
      const keys = site?.SourceObjectKeys as string[];
      const markers = site?.SourceMarkers as Record<string, unknown>[];
      const index = markers.findIndex((m) => Object.keys(m).length > 0);
      const file = join(built.outdir, `asset.${String(keys[index]).replace(/\.zip$/, '')}`, 'config.json');
      const resolve = (text: string) =>
        text.replace(/<<marker:0xbaba:\d+>>/g, (marker) =>
          render(exportedValue(built.stateful, markers[index]?.[marker]) ?? markers[index]?.[marker]),
        );
      const config = JSON.parse(resolve(readFileSync(file, 'utf8'))) as { auth: Record<string, string> };
      const { signIn } = built.portal.service;
      const pool = built.portal.stateful.userPool;
      if (!signIn || !pool) throw new Error('expected the built-in user pool');
      const clientId = logicalId(built.portal.service, signIn.client);
      const poolId = logicalId(built.portal.stateful, pool);
      expect(config.auth).toEqual({
        mode: 'oidc',
        authority: `https://cognito-idp.<AWS::Region>.amazonaws.com/<${poolId}>`,
        clientId: `<${clientId}>`,
        redirectUri: `${portalUrl}/`,
      });
    });

    it('should deploy web/dist when it was built, else a placeholder page (synth works on a fresh clone)', () => {
      const deployments = ofType(built.resources, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties ?? {});
      const webBuilt = existsSync(join(WEB_DIST, 'index.html'));
      expect(built.portal.service.web.built).toBe(webBuilt);
      expect(deployments).toHaveLength(webBuilt ? 2 : 1);
      for (const deployment of deployments) expect(deployment.Prune).toBe(false);
      if (webBuilt) {
        const assets = deployments.find((d) => d.DestinationBucketKeyPrefix === 'assets/');
        expect(assets?.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
      }
    });

    it('should run the deployment handler with its own role and log group, without AWS-managed policies', () => {
      const [handlerId, handler] = ofType(built.resources, 'AWS::Lambda::Function').find(([id]) =>
        id.startsWith('CustomCDKBucketDeployment'),
      ) as [string, CfnJson];
      const role = built.resources[roleOf(handler)];
      expect(role?.Properties?.ManagedPolicyArns, handlerId).toBeUndefined();
      const logGroup = (handler.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(built.resources[logGroup]?.Properties?.RetentionInDays).toBeGreaterThan(0);
      // No cloudfront:CreateInvalidation on "*": index.html and config.json are served no-cache instead.
      const actions = statementsOf(built.resources, roleOf(handler)).flatMap((st) => asArray(st.Action));
      expect(actions.filter((a) => a.startsWith('cloudfront:'))).toEqual([]);
    });
  });

  describe('the dashboard', () => {
    type Widget = { type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: string[] } };
    let widgets: Widget[];

    beforeAll(() => {
      const [, dashboard] = only(built.resources, 'AWS::CloudWatch::Dashboard');
      widgets = (JSON.parse(render(dashboard.Properties?.DashboardBody)) as { widgets: Widget[] }).widgets;
    });

    const widget = (title: string) => {
      const found = widgets.find((w) => w.properties.title === title);
      expect(found, title).toBeDefined();
      return found as Widget;
    };
    const metricsOf = (title: string) => JSON.stringify(widget(title).properties.metrics);

    it('should have a widget for every metric group', () => {
      const titles = widgets.map((w) => w.properties.title).filter(Boolean);
      expect(titles.sort()).toEqual(Object.values(DASHBOARD_WIDGETS).sort());
    });

    it('should read the business metrics the stream consumer and the backlog sampler emit, with Metrics Insights', () => {
      const expected: [string, string][] = [
        [DASHBOARD_WIDGETS.requestsSubmitted, insightsQuery('SUM', 'requestsSubmitted', 'Category')],
        [DASHBOARD_WIDGETS.requestsResolved, insightsQuery('SUM', 'requestsResolved', 'Category')],
        [DASHBOARD_WIDGETS.sla, insightsQuery('SUM', 'slaWarnings')],
        [DASHBOARD_WIDGETS.sla, insightsQuery('SUM', 'slaBreaches')],
        [DASHBOARD_WIDGETS.approvalWait, insightsQuery('AVG', 'approvalWaitHours')],
        [DASHBOARD_WIDGETS.backlog, insightsQuery('MAX', 'backlog', 'Team')],
        [DASHBOARD_WIDGETS.backlogAge, insightsQuery('MAX', 'backlogBreached', 'Team')],
        [DASHBOARD_WIDGETS.backlogAge, insightsQuery('MAX', 'backlogOldestHours', 'Team')],
      ];
      for (const [title, query] of expected)
        expect(metricsOf(title), title).toContain(JSON.stringify(query).slice(1, -1));
      expect(insightsQuery('SUM', 'slaBreaches')).toBe(
        `SELECT SUM(${METRIC_NAMES.slaBreaches}) FROM "${METRICS_NAMESPACE}"`,
      );
      // The names the sampler emits (functions/adapters/emf.ts), grouped by the one dimension it sets.
      expect(insightsQuery('MAX', 'backlog', METRIC_DIMENSIONS.team)).toBe(
        `SELECT MAX(${BACKLOG}) FROM "${METRICS_NAMESPACE}" GROUP BY Team`,
      );
    });

    it('should show API 4xx/5xx and p99 latency, Lambda errors/throttles/duration of every function, workflows and the DLQs', () => {
      const apiId = `<${logicalId(built.portal.service, built.portal.service.api.httpApi)}>`;
      expect(metricsOf(DASHBOARD_WIDGETS.apiRequests)).toContain('"AWS/ApiGateway","4xx","ApiId"');
      expect(metricsOf(DASHBOARD_WIDGETS.apiRequests)).toContain('"AWS/ApiGateway","5xx","ApiId"');
      expect(metricsOf(DASHBOARD_WIDGETS.apiRequests)).toContain(apiId);
      expect(metricsOf(DASHBOARD_WIDGETS.apiLatency)).toContain('"stat":"p99"');
      const consumers = Object.values(built.portal.service.streamConsumers);
      const functions = [
        ...Object.values(built.portal.service.functions),
        ...Object.values(built.portal.service.workflows.functions),
        ...consumers.map((consumer) => consumer.function),
        ...Object.values(built.portal.service.schedules).map((schedule) => schedule.function),
      ];
      for (const [title, metric] of [
        [DASHBOARD_WIDGETS.lambdaErrors, 'Errors'],
        [DASHBOARD_WIDGETS.lambdaThrottles, 'Throttles'],
        [DASHBOARD_WIDGETS.lambdaDuration, 'Duration'],
      ] as const) {
        const metrics = widget(title).properties.metrics ?? [];
        expect(metrics, title).toHaveLength(functions.length);
        for (const fn of functions)
          expect(JSON.stringify(metrics), `${title} ${fn.node.id}`).toContain(
            `"AWS/Lambda","${metric}","FunctionName","<${logicalId(built.portal.service, fn)}>"`,
          );
      }
      expect(metricsOf(DASHBOARD_WIDGETS.lambdaDuration)).toContain('"stat":"p99"');
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut'])
        expect(metricsOf(DASHBOARD_WIDGETS.workflows)).toContain(`"AWS/States","${metric}"`);
      // One line per stream consumer: its dead-letter queue depth and its iterator age.
      for (const consumer of consumers) {
        const queueName = `<${logicalId(built.portal.service, consumer.deadLetterQueue)}.QueueName>`;
        expect(metricsOf(DASHBOARD_WIDGETS.deadLetters), consumer.module).toContain(
          `"AWS/SQS","ApproximateNumberOfMessagesVisible","QueueName","${queueName}"`,
        );
        expect(metricsOf(DASHBOARD_WIDGETS.streamAge), consumer.module).toContain(
          `"AWS/Lambda","IteratorAge","FunctionName","<${logicalId(built.portal.service, consumer.function)}>"`,
        );
      }
      expect(widget(DASHBOARD_WIDGETS.deadLetters).properties.metrics).toHaveLength(consumers.length);
      expect(widget(DASHBOARD_WIDGETS.streamAge).properties.metrics).toHaveLength(consumers.length);
      expect(widget(DASHBOARD_WIDGETS.alarms).properties.alarms).toHaveLength(
        ofType(built.resources, 'AWS::CloudWatch::Alarm').length,
      );
    });

    it('should alarm on an SLA breach spike: SlaBreaches summed over an hour above the stage threshold', () => {
      const alarm = ofType(built.resources, 'AWS::CloudWatch::Alarm')
        .map(([, a]) => a.Properties ?? {})
        .find((a) => JSON.stringify(a.Metrics ?? []).includes(METRIC_NAMES.slaBreaches));
      expect(alarm).toMatchObject({
        Metrics: [{ Expression: insightsQuery('SUM', 'slaBreaches'), Period: 3600, ReturnData: true }],
        Threshold: STAGE_PROFILES.dev.slaBreachSpike,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    });

    it('should output the dashboard and portal URLs', () => {
      const outputs = built.service.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(render(outputs.DashboardUrl?.Value)).toContain('#dashboards/dashboard/BackofficePortal-dev');
      expect(render(outputs.PortalUrl?.Value)).toBe(portalUrl);
    });
  });

  it('should leave no unacknowledged cdk-nag finding', () => {
    for (const stack of [built.portal.stateful, built.portal.service])
      expect(nagFindings(stack), stack.stackName).toEqual([]);
  });
});

describe('the portal stacks (prod, company domain, sender domain, WAF, Cognito mail via SES)', () => {
  const company: Settings = {
    ...SETTINGS,
    senderEmail: 'portal@example.com',
    senderDomain: 'example.com',
    portalDomain: 'portal.example.com',
    portalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/portal/12345678-1234-1234-1234-123456789012',
    userPoolEmailViaSes: true,
    sandboxRecipients: ['tester@example.com'],
  };
  let built: Built;

  beforeAll(() => {
    built = build(company, 'prod');
  });

  it('should serve the company domain with its certificate, TLS 1.2+ and the web ACL', () => {
    const { config } = distributionOf(built);
    expect(config).toMatchObject({
      Aliases: ['portal.example.com'],
      ViewerCertificate: {
        AcmCertificateArn: company.portalCertificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
      WebACLId: company.webAclArn,
    });
  });

  it('should use https://<portalDomain> as PORTAL_URL, sign-in callback and config.json redirect', () => {
    const url = 'https://portal.example.com';
    expect(envOf(built, built.portal.service.streamConsumers.notify.function)[ENV.portalUrl]).toBe(url);
    expect(envOf(built, built.portal.service.functions['email-decision'])[ENV.portalUrl]).toBe(url);
    const [, client] = only(built.resources, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties?.CallbackURLs).toEqual([`${url}/`]);
  });

  it('should verify the sender domain with DKIM and output the DNS records', () => {
    built.stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
    const outputs = Object.keys(built.stateful.toJSON().Outputs as object);
    expect(outputs).toEqual(expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3', 'MailVerification']));
  });

  it('should grant ses:SendEmail on the domain identity, the configuration set and the sandbox recipients only', () => {
    const roleId = roleIdOf(built, built.portal.service.streamConsumers.notify.function);
    const mail = built.portal.stateful.mail.binding;
    const arn = (resource: string) => `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:${resource}`;
    expect(resourcesFor(built, roleId, 'ses:SendEmail').sort()).toEqual(
      [
        arn('identity/example.com'),
        arn(`configuration-set/${mail.configurationSetName}`),
        arn('identity/tester@example.com'),
      ].sort(),
    );
  });

  it('should let Cognito send its e-mails through the SES domain identity, after the identity exists', () => {
    const [poolId, pool] = only(built.statefulResources, 'AWS::Cognito::UserPool');
    const email = pool.Properties?.EmailConfiguration as Props;
    expect(email).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Backoffice Portal <portal@example.com>',
      ConfigurationSet: built.portal.stateful.mail.binding.configurationSetName,
    });
    expect(render(email.SourceArn)).toBe(
      'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/example.com',
    );
    const [identityId] = only(built.statefulResources, 'AWS::SES::EmailIdentity');
    const [setId] = only(built.statefulResources, 'AWS::SES::ConfigurationSet');
    expect(built.statefulResources[poolId]?.DependsOn).toEqual(expect.arrayContaining([identityId, setId]));
  });

  it('should use the prod stage profile: retained log groups, the prod SLA spike threshold', () => {
    for (const [id, group] of ofType(built.resources, 'AWS::Logs::LogGroup'))
      expect(group.DeletionPolicy, id).toBe('Retain');
    const spike = ofType(built.resources, 'AWS::CloudWatch::Alarm').find(([id]) => id.includes('SlaBreachSpike'));
    expect(spike?.[1].Properties?.Threshold).toBe(STAGE_PROFILES.prod.slaBreachSpike);
  });

  it('should leave no unacknowledged cdk-nag finding', () => {
    for (const stack of [built.portal.stateful, built.portal.service])
      expect(nagFindings(stack), stack.stackName).toEqual([]);
  });
});
