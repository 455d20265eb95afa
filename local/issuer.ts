/**
 * The local identity provider: signs RS256 JWTs for the demo directory, publishes its JWKS, and
 * keeps its key under the data folder so tokens survive a restart. Handlers verify these tokens with
 * the same code that verifies Cognito's in the cloud.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Person } from '../functions/domain/catalog/schema';

export const LOCAL_AUDIENCE = 'backoffice-portal';
const TOKEN_LIFETIME = '12h';

export interface LocalIssuer {
  issuer: string;
  jwks: { keys: JWK[] };
  sign(person: Person): Promise<string>;
}

async function loadOrCreateKey(dataDir: string | undefined): Promise<JWK> {
  const file = dataDir ? join(dataDir, 'issuer-key.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'RS256' };
  if (file && dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

export async function createLocalIssuer(issuer: string, dataDir: string | undefined): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(dataDir);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'RS256');
  return {
    issuer,
    jwks: { keys: [{ ...publicJwk, use: 'sig' }] },
    sign: (person) =>
      new SignJWT({
        // The directory id, as a company maps it into its ID tokens (Cognito: custom:user_id).
        user_id: person.id,
        email: person.email,
        name: person.name,
        locale: person.locale,
        roles: person.roles,
        teams: person.teams,
      })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' })
        .setSubject(person.id)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        // Token expiry follows real time, never the virtual clock.
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(key),
  };
}
