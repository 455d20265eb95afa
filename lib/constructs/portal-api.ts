/**
 * The HTTP API: exactly the routes of functions/api/routes.ts under API_BASE, each served by its
 * handler module's function. Every route requires a valid JWT (the API's default authorizer) unless
 * the route table marks it public. The authorizer is the only place a token is verified: the handlers
 * do not verify it again, they read the claims it passes on (functions/adapters/auth/claims.ts), so a
 * route must never reach a function without it unless it is public by design.
 *
 * The API is reached through CloudFront only (lib/constructs/portal-web.ts): its execute-api endpoint
 * stays on, being CloudFront's origin, and the functions refuse requests without CloudFront's origin
 * header (functions/api/origin.ts). Its direct URL is therefore no stack output.
 */
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_BASE, ROUTES, routeKey, type ApiFunction } from '../../functions/api/routes';
import type { AuthBinding } from '../bindings';

/** One JSON line per request, with the HTTP API's own context variables. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    userAgent: '$context.identity.userAgent',
  }),
);

export interface PortalApiProps {
  auth: AuthBinding;
  /** The function serving each handler module named in the route table. */
  handlers: Record<ApiFunction, IFunction>;
  throttle: { rateLimit: number; burstLimit: number };
  accessLogs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

export class PortalApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;
  /** By route key relative to API_BASE, e.g. `GET /requests/{id}`. */
  readonly routes = new Map<string, HttpRoute>();
  /** The routes served without a token (route table `public: true`). */
  readonly publicRoutes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: PortalApiProps) {
    super(scope, id);
    const authorizer = new HttpJwtAuthorizer('Jwt', props.auth.issuer, { jwtAudience: [props.auth.audience] });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Backoffice Portal API',
      createDefaultStage: false,
      // Secure by default: a route added anywhere later needs a token unless it opts out.
      defaultAuthorizer: authorizer,
    });

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogs.retention,
      removalPolicy: props.accessLogs.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integrations = new Map<ApiFunction, HttpLambdaIntegration>();
    const integrationOf = (fn: ApiFunction) => {
      const existing = integrations.get(fn);
      if (existing) return existing;
      const created = new HttpLambdaIntegration(`${fn}-integration`, props.handlers[fn]);
      integrations.set(fn, created);
      return created;
    };
    for (const route of ROUTES) {
      const [created] = this.httpApi.addRoutes({
        path: `${API_BASE}${route.path}`,
        methods: [HttpMethod[route.method]],
        integration: integrationOf(route.fn),
        ...(route.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (!created) continue;
      this.routes.set(routeKey(route), created);
      if (route.public) this.publicRoutes.push(created);
    }
  }
}
