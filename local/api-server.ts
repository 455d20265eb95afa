/**
 * The local stand-in for API Gateway + CloudFront: `/api/*` goes through the route table to the
 * same Lambda handlers as in the cloud; `/api/dev/*` are local-only helpers; everything else is the
 * built web portal.
 *
 * It listens on the loopback address only unless told otherwise (`host`): `/api/dev/token` signs a
 * token for anyone, admins included, without authentication, so anyone who can reach the server is
 * admin of this instance. Another address is an explicit opt-in, and warned about.
 */
import { isIP } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { API_BASE, ROUTES, routeKey, type ApiFunction, type RouteDefinition } from '../functions/api/routes';
import { invocation } from './faults/invocation';
import type { JwtAuthorizer } from './jwt-authorizer';
import { lambdaContext, toEvent } from './lambda-event';
import { serveStatic } from './static-files';

/** API Gateway's own payload limit; the handlers enforce the API's 256 KiB below it. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface DevRoute {
  method: string;
  path: string;
  handle(body: unknown, url: URL): Promise<{ status: number; body: unknown }>;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${API_BASE}${source}$`), names };
});

/** The route a request names, with its path parameters, as API Gateway matches it (also used by bench/bundles). */
export function matchRoute(method: string, pathname: string) {
  for (const { route, pattern, names } of compiled) {
    if (route.method !== method) continue;
    const m = pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = safeDecode(m[i + 1] ?? '')));
    return { route, routeKey: `${route.method} ${API_BASE}${route.path}`, params };
  }
  return undefined;
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const handlers = new Map<ApiFunction, Promise<LambdaHandler>>();
function handlerFor(fn: ApiFunction): Promise<LambdaHandler> {
  let loaded = handlers.get(fn);
  if (!loaded) {
    loaded = import(`../functions/api/${fn}.ts`).then((m: { handler: LambdaHandler }) => m.handler);
    handlers.set(fn, loaded);
  }
  return loaded;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > GATEWAY_MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const errorBody = (code: string, message: string) => ({ error: { code, message, details: [] } });

interface ApiOptions {
  devRoutes: DevRoute[];
  authorizer: JwtAuthorizer;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, { devRoutes, authorizer }: ApiOptions) {
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  if (body === undefined) return sendJson(res, 413, errorBody('payload_too_large', 'Request body too large'));
  const dev = devRoutes.find((r) => r.method === method && `${API_BASE}${r.path}` === url.pathname);
  if (dev) {
    let parsed: unknown;
    try {
      parsed = body ? JSON.parse(body) : {};
    } catch {
      return sendJson(res, 400, errorBody('malformed_request', 'The body is not valid JSON'));
    }
    const result = await dev.handle(parsed, url);
    return sendJson(res, result.status, result.body);
  }
  const match = matchRoute(method, url.pathname);
  if (!match) return sendJson(res, 404, errorBody('not_found', 'No such route'));
  let claims: Record<string, string> | undefined;
  if (!match.route.public) {
    const authorization = await authorizer(req.headers.authorization);
    if (!authorization.ok) return res.writeHead(authorization.status, authorization.headers).end(authorization.body);
    claims = authorization.claims;
  }
  const handler = await handlerFor(match.route.fn);
  const event = toEvent(req, match, url, { body, claims });
  const result = await invocation.run('api', () => handler(event, lambdaContext(`local-${match.route.fn}`)));
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(result.body ?? '');
}

/** Where the local runtime listens unless HOST says otherwise: this machine only. */
export const LOOPBACK = '127.0.0.1';

/** Whether an address (or `localhost`) is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The server's base URL: `localhost` for a loopback or wildcard host, else the address it listens on. */
export function localUrl(host: string, port: number): string {
  const reachableAs = isLoopback(host) || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${isIP(reachableAs) === 6 ? `[${reachableAs}]` : reachableAs}:${port}`;
}

/** The warning printed when the server listens beyond loopback (HOST=0.0.0.0 or an interface address). */
export function exposedWarning(host: string, port: number): string {
  return (
    `WARNING: the local portal listens on ${host}:${port}, not on loopback only (HOST=${host}).\n` +
    `Anyone who can reach this machine on port ${port} can call POST ${API_BASE}/dev/token and act as any ` +
    `user of this instance, admins included, and move its clock or inject faults (${API_BASE}/dev/*). ` +
    'Use it only on a network you trust; unset HOST to listen on 127.0.0.1 only.'
  );
}

export function startApiServer(
  options: ApiOptions & {
    port: number;
    /** The address to listen on (default LOOPBACK); anything but loopback prints exposedWarning. */
    host?: string;
    extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  },
): Promise<Server> {
  const host = options.host ?? LOOPBACK;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const work = url.pathname.startsWith(`${API_BASE}/`)
      ? handleApi(req, res, url, options)
      : (async () => options.extra?.(req, res, url) || serveStatic(req, res, url))();
    work.catch((error: unknown) => {
      console.error('local api server:', error);
      if (!res.headersSent) sendJson(res, 500, errorBody('internal', 'Internal error'));
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      if (!isLoopback(host)) console.warn(`\n${exposedWarning(host, options.port)}\n`);
      resolve(server);
    });
  });
}

export { routeKey };
