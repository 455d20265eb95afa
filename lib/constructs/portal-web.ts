/**
 * The web portal on S3 + CloudFront: a private bucket read only by the distribution (origin access
 * control), the single-page app as the default behaviour and `/api/*` passed unchanged to the HTTP API
 * (the routes already live under API_BASE), so the browser talks to one origin and needs no CORS.
 *
 * - SPA routing is a CloudFront Function on the default behaviour only (a path without a file
 *   extension is a client-side route: serve /index.html). Distribution-wide custom error responses
 *   would also turn the API's own 403/404 answers into the app shell with status 200.
 * - Security headers on both behaviours (lib/constructs/web-headers.ts); HTTP/2 and HTTP/3; TLS 1.2+
 *   with a custom domain, CloudFront's default certificate otherwise.
 * - The API only through here: requests to the API carry a secret origin header (apiOriginHeader)
 *   without which the API functions refuse them, so the execute-api host skips neither the WAF web
 *   ACL nor these headers.
 * - Logs: CloudFront standard logs and the bucket's server access logs go to a log bucket with the
 *   stage's log retention.
 * - Deployment: web/dist when it was built (`npm run build:web`), else a placeholder page, plus
 *   /config.json (lib/constructs/web-deployment.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  CachedMethods,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { API_BASE } from '../../functions/api/routes';
import { PROJECT_ROOT } from './portal-function';
import { apiHeaders, webHeaders } from './web-headers';
import { deployWebApp } from './web-deployment';

/** Where `npm run build:web` writes the app. */
export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

/**
 * CloudFront Function (runtime 2.0) on the app's viewer requests: a path whose last segment has no
 * dot is a client-side route, answered with the app shell. Files (/assets/x.js, /config.json) pass.
 */
export const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** What /config.json tells the app (web/src/auth/config.ts) and where its sign-in code may connect. */
export interface WebSignInConfig {
  /** The OIDC issuer (its /.well-known/openid-configuration names the endpoints). */
  authority: string;
  clientId: string;
  /** Origins the browser calls during sign-in (discovery, token endpoint), for the CSP's connect-src. */
  connectSources: string[];
}

export interface PortalWebProps {
  api: IHttpApi;
  /**
   * The header CloudFront adds to every request it forwards to the API (replacing one of the same name
   * sent by the viewer), whose value the API functions require (functions/api/origin.ts).
   */
  apiOriginHeader: { name: string; value: string };
  signIn: WebSignInConfig;
  /** The company's host name and its ACM certificate (us-east-1). */
  domain?: { name: string; certificateArn: string };
  /** A WAFv2 web ACL (scope CLOUDFRONT) to attach. */
  webAclArn?: string;
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

export class PortalWeb extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** The portal's public origin, without a trailing slash: https://<domain or distribution domain>. */
  readonly url: string;
  /** False when web/dist did not exist at synth (a placeholder page is deployed instead). */
  readonly built: boolean;

  constructor(scope: Construct, id: string, props: PortalWebProps) {
    super(scope, id);
    this.logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs need SSE-S3 (not KMS) and ACLs: it writes with the awslogsdelivery grant.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.logs.retention) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the log bucket: the CloudFront standard logs and the web bucket access logs go here. Logging its ' +
        'own accesses into itself would log every log delivery; CloudTrail records its management events.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      // Versions make a bad deployment recoverable; old ones need not be kept forever.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.distribution = this.createDistribution(props);
    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
    this.built = existsSync(join(WEB_DIST, 'index.html'));
    deployWebApp(this, {
      bucket: this.bucket,
      dist: this.built ? WEB_DIST : undefined,
      url: this.url,
      signIn: props.signIn,
      logs: props.logs,
    });

    new CfnOutput(scope, 'PortalUrl', { value: this.url, description: 'The portal (web app and /api)' });
    new CfnOutput(scope, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: props.domain
        ? `Point ${props.domain.name} here (CNAME, or an alias record in Route 53)`
        : 'The portal is served on this domain',
    });
    new CfnOutput(scope, 'WebBucketName', { value: this.bucket.bucketName });
  }

  private createDistribution(props: PortalWebProps): Distribution {
    const stack = Stack.of(this);
    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING_CODE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Backoffice Portal: serve the app shell for client-side routes',
    });
    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // API Gateway HTTP APIs end an integration at 30 s.
      readTimeout: Duration.seconds(30),
      customHeaders: { [props.apiOriginHeader.name]: props.apiOriginHeader.value },
    });
    const certificate = props.domain
      ? Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn)
      : undefined;

    const distribution = new Distribution(this, 'Distribution', {
      comment: `Backoffice Portal ${stack.stackName}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: webHeaders(this, props.signIn.connectSources),
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        [`${API_BASE}/*`]: {
          origin: apiOrigin,
          // No redirect: a redirected POST would arrive as a GET.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Nothing cached; with caching disabled, AllViewerExceptHostHeader also forwards Authorization.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders(this),
          compress: true,
        },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // TLS 1.2+ where CloudFront lets us choose: with the company's own certificate.
      ...(certificate && props.domain
        ? {
            certificate,
            domainNames: [props.domain.name],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      // North America, Europe and Israel edges: the cheapest class; viewers elsewhere are served from those.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
    });
    this.acknowledge(distribution, props);
    return distribution;
  }

  private acknowledge(distribution: Distribution, props: PortalWebProps) {
    const nag = Validations.of(distribution);
    nag.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the employees who use the portal travel and work remotely, and which countries to ' +
        'block is company policy. Every API route but the health probe, the OpenAPI document and the single-use ' +
        'e-mail decision links needs a valid token; a company can add a restriction or a WAF rule (webAclArn).',
    });
    if (!props.webAclArn)
      nag.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'AWS WAF is optional (setting webAclArn attaches an existing CLOUDFRONT-scope web ACL): a web ACL costs a ' +
          'monthly fee per ACL and rule whatever the traffic, against the near-zero idle cost of this internal portal. ' +
          'The HTTP API stage throttles every route and the routes need a token.',
      });
    if (!props.domain)
      nag.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a portal domain (settings portalDomain + portalCertificateArn) the portal is served on its ' +
          '*.cloudfront.net name with the default CloudFront certificate, whose security policy CloudFront fixes ' +
          '(TLSv1 minimum) and cannot be raised. With a custom domain the distribution requires TLS 1.2 (TLSv1.2_2021).',
      });
  }
}
