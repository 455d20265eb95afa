/**
 * Copying the web app into its bucket (lib/constructs/portal-web.ts): the built app when there is one,
 * else a placeholder page saying so, so `cdk synth` works on a fresh clone; plus /config.json telling
 * the app how to sign in. Hashed files under /assets are cached for a year; everything else is
 * revalidated (`no-cache`), so a deployment needs no invalidation.
 */
import { join } from 'node:path';
import { DefaultStackSynthesizer, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { nagResource } from '../nag';

/** Shown at / when the stack was deployed without building the web app first. */
const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Backoffice Portal</title></head>
<body><h1>Backoffice Portal</h1><p>The API is deployed, but the web app was not built before this deployment.
Run <code>npm run build:web</code> and deploy again.</p></body></html>`;

export interface WebApp {
  bucket: Bucket;
  /** The built app's folder (web/dist), or undefined when it was not built: the placeholder goes up. */
  dist: string | undefined;
  /** The portal's public origin, the app's sign-in redirect. */
  url: string;
  /** The OIDC issuer and client the app signs in with (/config.json). */
  signIn: { authority: string; clientId: string };
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

/** The deployment's constructs go into `scope` (the PortalWeb construct). */
export function deployWebApp(scope: Construct, app: WebApp) {
  // An own role and log group: no AWS-managed policy and no log group created on first invocation.
  const role = new Role(scope, 'DeploymentRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: 'Copies the web app into the Backoffice Portal web bucket (BucketDeployment)',
  });
  const logGroup = new LogGroup(scope, 'DeploymentLogs', {
    retention: app.logs.retention,
    removalPolicy: app.logs.removalPolicy,
  });
  logGroup.grantWrite(role);
  const common = { destinationBucket: app.bucket, role, logGroup, prune: false, memoryLimit: 512 } as const;

  // Content-hashed bundles: immutable. Kept on later deployments (prune: false), so a page loaded
  // before a deployment still finds its lazy chunks.
  const assets = app.dist
    ? new BucketDeployment(scope, 'DeployAssets', {
        ...common,
        sources: [Source.asset(join(app.dist, 'assets'))],
        destinationKeyPrefix: 'assets/',
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      })
    : undefined;

  const config = {
    auth: {
      mode: 'oidc',
      authority: app.signIn.authority,
      clientId: app.signIn.clientId,
      redirectUri: `${app.url}/`,
    },
  };
  const site: ISource[] = app.dist
    ? [Source.asset(app.dist, { exclude: ['assets', 'assets/**'] })]
    : [Source.data('index.html', PLACEHOLDER_PAGE)];
  const shell = new BucketDeployment(scope, 'DeploySite', {
    ...common,
    sources: [...site, Source.jsonData('config.json', config)],
    // index.html, config.json and the public files: always revalidated, so no invalidation is needed.
    cacheControl: [CacheControl.noCache()],
  });
  // index.html names the bundles: it goes up only after them.
  if (assets) shell.node.addDependency(assets);
  acknowledgeDeployment(scope, role, app.bucket);
}

/** BucketDeployment's grants are fixed by aws-cdk-lib: wildcards within the two buckets it copies between. */
function acknowledgeDeployment(scope: Construct, role: Role, bucket: Bucket) {
  const stack = Stack.of(scope);
  const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const assetObjects = nagResource(
    scope,
    `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}/*`,
  );
  const webObjects = nagResource(scope, bucket.arnForObjects('*'));
  const findings = [
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((a) => `Action::${a}`),
    `Resource::${assetObjects}`,
    `Resource::${webObjects}`,
  ];
  for (const finding of findings)
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        'The grants of aws-cdk-lib BucketDeployment (read the packaged web app from the CDK asset bucket, copy it ' +
        'into the web bucket): object wildcards within those two buckets only, for a function that runs during ' +
        'deployments only. The role has no other data permission (its own log group only).',
    });
  // The deployment handler is a singleton at the stack's root, named by aws-cdk-lib.
  const runtime =
    'The BucketDeployment handler is provided by aws-cdk-lib with the Python runtime it was built and tested ' +
    'for; it runs only during deployments and moves to a newer runtime with an aws-cdk-lib upgrade.';
  const handlerFindings = {
    'AwsSolutions-L1': runtime,
    'Serverless-LambdaLatestVersion': runtime,
    'Serverless-LambdaTracing':
      'The BucketDeployment handler (aws-cdk-lib) runs once per deployment as a CloudFormation custom resource; ' +
      'its outcome is the stack event and its log group, there is no request path to trace.',
    'Serverless-LambdaDLQ':
      'The BucketDeployment handler is invoked by CloudFormation through the custom resource provider, which ' +
      'reports a failure as a failed stack operation: a dead-letter queue would receive nothing actionable.',
  };
  for (const handler of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment')))
    for (const [id, reason] of Object.entries(handlerFindings)) Validations.of(handler).acknowledge({ id, reason });
}
