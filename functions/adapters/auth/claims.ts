/**
 * Who is calling, from the claims API Gateway's JWT authorizer has already verified (signature by the
 * issuer's JWKS, issuer, audience, expiry, not-before) and put on the event. No route but the public
 * ones reaches a handler without them; the handlers neither fetch keys nor verify again. Locally the
 * local API Gateway (local/jwt-authorizer.ts) does the same verification and builds the same claims.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ROLES, type Locale, type Role } from '../../domain/catalog/vocabulary';
import { DomainError } from '../../domain/errors';
import { t } from '../../domain/i18n';
import type { Principal } from '../../domain/requests/model';

/** What payload format 2.0 carries: every claim value as a string (arrays as `[a b c]`). */
export type GatewayClaims = Record<string, string | number | boolean | string[] | undefined>;

/** A list claim as API Gateway passes it: `[employee approver]`, a single value, or (tolerated) an array. */
export function listClaim(value: GatewayClaims[string]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string' || value === '') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

const text = (value: GatewayClaims[string]) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Roles and teams come from the token: `roles`/`teams` claims (local issuer, custom IdP mappers)
 * or Cognito groups named after a role and `team:<id>`.
 */
export function principalFromClaims(claims: GatewayClaims): Principal | undefined {
  const id = text(claims.user_id) ?? text(claims['custom:user_id']) ?? text(claims.sub);
  if (!id || !text(claims.sub)) return undefined;
  const groups = listClaim(claims['cognito:groups']);
  const roleNames = [...listClaim(claims.roles), ...groups];
  const roles = ROLES.filter((role) => roleNames.includes(role));
  const teams = [...listClaim(claims.teams), ...groups.filter((g) => g.startsWith('team:')).map((g) => g.slice(5))];
  return {
    id,
    email: text(claims.email) ?? '',
    name: text(claims.name) ?? id,
    // OIDC `locale` is a BCP 47 tag: `ru`, `ru-RU`, `en-GB`...
    locale: /^ru\b/i.test(text(claims.locale) ?? '') ? 'ru' : 'en',
    roles: roles.length > 0 ? roles : (['employee'] satisfies Role[]),
    teams: [...new Set(teams)],
  };
}

/** The caller of a protected route; without verified claims (a route left without the authorizer) nobody. */
export function principalOf(event: APIGatewayProxyEventV2, locale: Locale): Principal {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: GatewayClaims } } };
  const principal = principalFromClaims(context.authorizer?.jwt?.claims ?? {});
  if (!principal) throw new DomainError('unauthorized', t(locale, 'unauthorized'));
  return principal;
}
