/**
 * Verifies the bearer token (signature by the issuer's JWKS, issuer, audience, expiry, not-before,
 * RS256/ES256 only) and maps its claims to a Principal. The same code runs in the cloud (Cognito or
 * the company's OIDC issuer) and locally (the local issuer), only the settings differ.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Locale, type Role } from '../../domain/catalog/schema';
import { DomainError } from '../../domain/errors';
import { t } from '../../domain/i18n';
import type { Principal } from '../../domain/requests/model';
import { ENV, requiredEnv } from '../../shared/env';

const issuer = requiredEnv(ENV.authIssuer);
const audience = requiredEnv(ENV.authAudience);
const jwks = createRemoteJWKSet(new URL(requiredEnv(ENV.authJwksUrl)), { cacheMaxAge: 10 * 60_000 });
const ALGORITHMS = ['RS256', 'ES256'];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Roles and teams come from the token: `roles`/`teams` claims (local issuer, custom IdP mappers)
 * or Cognito groups named after a role and `team:<id>`.
 */
export function principalFromClaims(claims: JWTPayload): Principal {
  const groups = strings(claims['cognito:groups']);
  const roleNames = [...strings(claims.roles), ...groups];
  const roles = ROLES.filter((role) => roleNames.includes(role));
  const teams = [...strings(claims.teams), ...groups.filter((g) => g.startsWith('team:')).map((g) => g.slice(5))];
  const id = [claims.user_id, claims['custom:user_id'], claims.sub].find((v) => typeof v === 'string') as string;
  const locale: Locale = claims.locale === 'ru' ? 'ru' : 'en';
  return {
    id,
    email: typeof claims.email === 'string' ? claims.email : '',
    name: typeof claims.name === 'string' ? claims.name : id,
    locale,
    roles: roles.length > 0 ? roles : (['employee'] satisfies Role[]),
    teams: [...new Set(teams)],
  };
}

export async function authenticate(header: string | undefined, locale: Locale): Promise<Principal> {
  const unauthorized = (cause?: unknown) =>
    new DomainError('unauthorized', t(locale, 'unauthorized'), [], cause ? { cause } : undefined);
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header ?? '');
  if (!match?.[1]) throw unauthorized();
  try {
    const { payload } = await jwtVerify(match[1], jwks, { issuer, audience, algorithms: ALGORITHMS });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new Error('sub and exp are required');
    return principalFromClaims(payload);
  } catch (error) {
    throw unauthorized(error);
  }
}
