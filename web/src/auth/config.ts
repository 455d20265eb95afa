/**
 * How this deployment signs people in, from /config.json next to the portal (written by the cloud
 * deployment). No file (or the local server's SPA fallback answering with HTML) means local mode.
 */
export interface OidcConfig {
  mode: 'oidc';
  /** The issuer URL; its /.well-known/openid-configuration names the endpoints. */
  authority: string;
  clientId: string;
  redirectUri: string;
  scope?: string;
}

export type AuthConfig = { mode: 'local' } | OidcConfig;

export interface PortalConfig {
  auth: AuthConfig;
}

const LOCAL: PortalConfig = { auth: { mode: 'local' } };

function isOidc(auth: unknown): auth is OidcConfig {
  const a = auth as Partial<OidcConfig> | null;
  return (
    a?.mode === 'oidc' &&
    typeof a.authority === 'string' &&
    typeof a.clientId === 'string' &&
    typeof a.redirectUri === 'string'
  );
}

export async function loadConfig(): Promise<PortalConfig> {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' }, cache: 'no-cache' });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.includes('json')) return LOCAL;
    const body = (await response.json()) as { auth?: unknown };
    return isOidc(body.auth) ? { auth: body.auth } : LOCAL;
  } catch {
    return LOCAL;
  }
}
