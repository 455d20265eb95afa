/**
 * Cloud sign-in: the OpenID Connect authorization code flow with PKCE (RFC 7636, S256) for a public
 * client. The portal sends the ID token as its bearer token (the API checks `aud`, which Cognito
 * puts in ID tokens only). Kept apart from the rest: nothing else knows about OIDC.
 */
import type { OidcConfig } from './config';

const PENDING = 'backoffice.oidc';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomString = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

async function discover(authority: string): Promise<Discovery> {
  const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OpenID configuration: HTTP ${response.status}`);
  return (await response.json()) as Discovery;
}

/** S256 code challenge of a verifier. */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** Sends the browser to the identity provider; it comes back to `redirectUri` with a code. */
export async function beginSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  const meta = await discover(config.authority);
  // 32 random bytes -> a 43-character verifier, within RFC 7636's 43..128.
  const pending: Pending = { verifier: randomString(32), state: randomString(16), nonce: randomString(16), returnTo };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope ?? 'openid email profile',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

export const isCallback = (config: OidcConfig, url: URL) =>
  url.pathname === new URL(config.redirectUri, url.origin).pathname &&
  (url.searchParams.has('code') || url.searchParams.has('error'));

function claim(idToken: string, name: string): unknown {
  const payload = idToken.split('.')[1] ?? '';
  return (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>)[name];
}

/** Trades the code for tokens (checking state and nonce); answers the ID token and where to go next. */
export async function completeSignIn(config: OidcConfig, url: URL): Promise<{ token: string; returnTo: string }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const error = url.searchParams.get('error');
  if (error) throw new Error(url.searchParams.get('error_description') ?? error);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (!pending || pending.state !== url.searchParams.get('state')) throw new Error('state mismatch');
  const meta = await discover(config.authority);
  const response = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: url.searchParams.get('code') ?? '',
      redirect_uri: config.redirectUri,
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('no id_token');
  if (claim(tokens.id_token, 'nonce') !== pending.nonce) throw new Error('nonce mismatch');
  return { token: tokens.id_token, returnTo: pending.returnTo || '/' };
}

/** Where to send the browser to end the identity provider's session too (if it has such an endpoint). */
export async function signOutUrl(config: OidcConfig): Promise<string | null> {
  const meta = await discover(config.authority).catch(() => null);
  if (!meta?.end_session_endpoint) return null;
  const url = new URL(meta.end_session_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', new URL('/', config.redirectUri).toString());
  return url.toString();
}
