/**
 * Like isolated-runtime.ts (a whole `npm start` of its own in a child process, frozen virtual clock),
 * but the test knows the local issuer's signing key: the runtime reads its key from the data folder,
 * so one is written there before it starts. Tokens with one bad claim can then be signed with the
 * genuine key, and a 401 proves the claim check, not merely the signature check. The data folder is
 * a fresh temporary one (on tmpfs when there is one) and is removed on stop.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { LOCAL_AUDIENCE } from '../../local/issuer';
import type { ApiClient } from './client';
import { startIsolatedRuntime } from './isolated-runtime';

export { LOCAL_AUDIENCE };

export interface KeyedRuntime extends ApiClient {
  url: string;
  /** The `iss` the runtime expects. */
  issuer: string;
  /** The `kid` of the genuine key. */
  kid: string;
  /** Signs `claims` with the runtime's own key (header fields can be overridden, e.g. `kid`). */
  sign(claims: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

async function writeIssuerKey(dataDir: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: `test-${Date.now().toString(36)}`, alg: 'RS256' };
  writeFileSync(join(dataDir, 'issuer-key.json'), JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

export async function startKeyedRuntime(options: { clockStart: string }): Promise<KeyedRuntime> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = mkdtempSync(join(base, 'portal-security-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const privateJwk = await writeIssuerKey(dataDir);
    const key = await importJWK(privateJwk, 'RS256');
    const portal = await startIsolatedRuntime({ dataDir, clockStart: options.clockStart });
    const kid = privateJwk.kid as string;
    return {
      ...portal,
      issuer: `${portal.url}/local-issuer`,
      kid,
      sign: (claims, header = {}) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT', ...header }).sign(key),
      stop: () => portal.stop().finally(removeData),
    };
  } catch (error) {
    removeData();
    throw error;
  }
}
