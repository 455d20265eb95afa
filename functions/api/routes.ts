/**
 * The route table: the CDK stack creates exactly these API Gateway routes and the local runtime
 * serves exactly these, each by the handler module named in `fn` (functions/api/<fn>.ts).
 */
export const API_BASE = '/api';

export const API_FUNCTIONS = [
  'health',
  'openapi',
  'me',
  'catalog',
  'requests',
  'request-activity',
  'approvals',
  'email-decision',
  'analytics',
] as const;
export type ApiFunction = (typeof API_FUNCTIONS)[number];

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to API_BASE, with `{param}` placeholders as API Gateway writes them. */
  path: string;
  fn: ApiFunction;
  /** Served without a token. */
  public?: true;
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', fn: 'health', public: true },
  { method: 'GET', path: '/openapi.json', fn: 'openapi', public: true },
  { method: 'GET', path: '/me', fn: 'me' },
  { method: 'PUT', path: '/me/delegation', fn: 'me' },
  { method: 'DELETE', path: '/me/delegation', fn: 'me' },
  { method: 'GET', path: '/services', fn: 'catalog' },
  { method: 'GET', path: '/services/{serviceId}', fn: 'catalog' },
  { method: 'POST', path: '/services/{serviceId}/preview', fn: 'catalog' },
  { method: 'POST', path: '/requests', fn: 'requests' },
  { method: 'GET', path: '/requests', fn: 'requests' },
  { method: 'GET', path: '/requests/{id}', fn: 'requests' },
  { method: 'POST', path: '/requests/{id}/comments', fn: 'request-activity' },
  { method: 'POST', path: '/requests/{id}/actions', fn: 'request-activity' },
  { method: 'POST', path: '/requests/{id}/approvals/{stage}/decision', fn: 'approvals' },
  { method: 'GET', path: '/email-decision', fn: 'email-decision', public: true },
  { method: 'POST', path: '/email-decision', fn: 'email-decision', public: true },
  { method: 'GET', path: '/analytics', fn: 'analytics' },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;
