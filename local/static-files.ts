/** Serves the built web portal (web/dist) like CloudFront serves the bucket: SPA fallback to index.html. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../web/dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Backoffice Portal</title></head>
<body><h1>Backoffice Portal</h1><p>The API runs at <a href="/api/health">/api</a>
(<a href="/api/openapi.json">OpenAPI</a>). The web portal is not built yet.</p></body></html>`;

export function serveStatic(_req: IncomingMessage, res: ServerResponse, url: URL): true {
  const requested = normalize(join(ROOT, decodeURIComponent(url.pathname)));
  const inside = requested.startsWith(ROOT);
  const file = inside && existsSync(requested) && statSync(requested).isFile() ? requested : join(ROOT, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PLACEHOLDER);
    return true;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
  return true;
}
