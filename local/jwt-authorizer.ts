/**
 * The local stand-in for API Gateway's JWT authorizer: before a protected route reaches its handler,
 * the bearer token is verified as the HTTP API verifies it (an RSA signature by a key of the issuer's
 * JWKS, `iss`, `aud` or else `client_id`, `exp` required, `nbf`/`iat` not in the future) and its claims
 * are put on the event the way payload format 2.0 carries them (strings; arrays as `[a b]`). A token
 * that fails gets API Gateway's own answer: 401 `{"message":"Unauthorized"}` and a `www-authenticate`
 * header naming the reason. The handlers read the claims only (functions/adapters/auth/claims.ts).
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

export interface AuthorizerSettings {
  issuer: string;
  audience: string;
  jwks: JSONWebKeySet;
}

export type Authorization =
  | { ok: true; claims: Record<string, string> }
  | { ok: false; status: 401; headers: Record<string, string>; body: string };

/** API Gateway accepts RSA signatures only. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

function gatewayValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(gatewayValue).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The claims as the event carries them: every value a string. */
export const gatewayClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, gatewayValue(value)]));

function audienceMatches(payload: JWTPayload, audience: string): boolean {
  if (payload.aud !== undefined) return [payload.aud].flat().includes(audience);
  return payload.client_id === audience;
}

const refused = (description: string): Authorization => ({
  ok: false,
  status: 401,
  headers: {
    'content-type': 'application/json',
    'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"`,
  },
  body: JSON.stringify({ message: 'Unauthorized' }),
});

export function createJwtAuthorizer(settings: AuthorizerSettings) {
  const keys = createLocalJWKSet(settings.jwks);
  return async function authorize(header: string | undefined): Promise<Authorization> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return refused('the token is missing or not a bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return refused(`the token is not valid: ${(error as Error).message.replace(/"/g, "'")}`);
    }
    if (payload.iat !== undefined && payload.iat * 1000 > Date.now() + 60_000)
      return refused('the token was issued in the future');
    if (!audienceMatches(payload, settings.audience)) return refused('the token does not have a valid audience');
    return { ok: true, claims: gatewayClaims(payload) };
  };
}

export type JwtAuthorizer = ReturnType<typeof createJwtAuthorizer>;
