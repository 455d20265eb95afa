/**
 * Like isolated-runtime.ts (a whole `npm start` of its own in a child process, frozen virtual clock),
 * but the test knows the local issuer's signing key: the runtime reads its key from the data folder,
 * so one is written there before it starts. Tokens with one bad claim can then be signed with the
 * genuine key, and a 401 proves the claim check, not merely the signature check. The data folder is
 * a fresh temporary one (on tmpfs when there is one) and is removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { LOCAL_AUDIENCE } from '../../local/issuer';
import { freePort } from '../../local/ports';
import { clientFor, type ApiClient } from './client';

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

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the keyed runtime did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startKeyedRuntime(options: { clockStart: string }): Promise<KeyedRuntime> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = mkdtempSync(join(base, 'portal-security-'));
  const privateJwk = await writeIssuerKey(dataDir);
  const key = await importJWK(privateJwk, 'RS256');
  const port = await freePort();
  // The shared test runtime lifts the per-user write limit for the whole test process; this one keeps
  // the product's own limit (the flood tests depend on it).
  const { WRITES_PER_MINUTE: _lifted, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: {
      ...inherited,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOCAL_CLOCK_START: options.clockStart,
      LOCAL_CLOCK_FROZEN: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const kid = privateJwk.kid as string;
  return {
    url,
    issuer: `${url}/local-issuer`,
    kid,
    ...clientFor(url),
    sign: (claims, header = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT', ...header }).sign(key),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGINT');
      }),
  };
}
