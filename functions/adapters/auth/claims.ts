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
import { ENV, optionalEnv } from '../../shared/env';

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

/** Who may call: a person of the company directory, found by their directory id. */
export interface CallerDirectory {
  person(id: string): { id: string; name: string; email: string } | undefined;
}

/**
 * The directory id a token names. By default only the claim a company maps it to (`user_id`, or
 * Cognito's `custom:user_id`): `sub` is the IdP's own id, which the directory does not know, so it
 * is used only where the company's settings name it (DIRECTORY_ID_CLAIM, e.g. `sub` or `email`).
 */
function directoryIdOf(claims: GatewayClaims): string | undefined {
  const configured = optionalEnv(ENV.directoryIdClaim);
  return configured ? text(claims[configured]) : (text(claims.user_id) ?? text(claims['custom:user_id']));
}

/**
 * The caller: a person of the directory, by an ID token. Their name and e-mail come from the
 * directory, never from the token (a user can edit their own token's `name` at the IdP); roles and
 * teams from the token (Cognito groups named after a role and `team:<id>`, or `roles`/`teams`
 * claims). An access token (Cognito's `token_use: access`, which passes API Gateway's authorizer on
 * its `client_id`) or a token for someone outside the directory is refused: otherwise its caller
 * would be a stranger the approval rules cannot recognise (no manager, another id for the same human).
 */
export function principalFromClaims(claims: GatewayClaims, directory: CallerDirectory, locale: Locale): Principal {
  if (!text(claims.sub)) throw new DomainError('unauthorized', t(locale, 'unauthorized'));
  const tokenUse = text(claims.token_use);
  if (tokenUse !== undefined && tokenUse !== 'id') throw new DomainError('forbidden', t(locale, 'idTokenRequired'));
  const id = directoryIdOf(claims);
  const person = id === undefined ? undefined : directory.person(id);
  if (!person) throw new DomainError('forbidden', t(locale, 'notInDirectory'));
  const groups = listClaim(claims['cognito:groups']);
  const roleNames = [...listClaim(claims.roles), ...groups];
  const roles = ROLES.filter((role) => roleNames.includes(role));
  const teams = [...listClaim(claims.teams), ...groups.filter((g) => g.startsWith('team:')).map((g) => g.slice(5))];
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    // OIDC `locale` is a BCP 47 tag: `ru`, `ru-RU`, `en-GB`...
    locale: /^ru\b/i.test(text(claims.locale) ?? '') ? 'ru' : 'en',
    roles: roles.length > 0 ? roles : (['employee'] satisfies Role[]),
    teams: [...new Set(teams)],
  };
}

/** The caller of a protected route; without verified claims (a route left without the authorizer) nobody. */
export function principalOf(event: APIGatewayProxyEventV2, locale: Locale, directory: CallerDirectory): Principal {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: GatewayClaims } } };
  return principalFromClaims(context.authorizer?.jwt?.claims ?? {}, directory, locale);
}
