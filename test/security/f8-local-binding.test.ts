/**
 * F8 (security review 2026-12): `npm start` listened on every interface, and so did DynamoDB Local.
 * Its /api/dev/token signs a token for anyone, admins included, and DynamoDB Local accepts any
 * credentials: anyone on the same Wi-Fi or VPN was admin of a developer's portal and could rewrite its
 * data. Both now listen on 127.0.0.1 only, unless HOST opts the portal (never DynamoDB Local) into
 * another address, which prints a warning.
 *
 * Each test runs `npm start`'s entry (local/main.ts) in a child process of its own, like a developer
 * does, and connects to its two ports from outside: through loopback, and through this machine's
 * non-loopback IPv4 address, which is what a neighbour on the network would use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports';

/** This machine's first non-internal IPv4 address: how another machine on the network reaches it. */
const NETWORK_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
const NO_NETWORK_ADDRESS =
  'this machine has no non-loopback IPv4 address (os.networkInterfaces()), so a connection from the network ' +
  'cannot be attempted: only the loopback half of the check ran';

interface Started {
  child: ChildProcess;
  port: number;
  dynamoPort: number;
  stderr: () => string;
}

/** A whole npm start with a JVM, on a loaded 2-core machine. */
const START = 180_000;

const running: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/** `npm start` (without the web build) with HOST as given (unset: the default). */
async function startPortal(host: string | undefined): Promise<Started> {
  const port = await freePort();
  const { HOST: _inherited, WRITES_PER_MINUTE: _shared, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...env, PORT: String(port), DATA_DIR: 'memory', ...(host === undefined ? {} : { HOST: host }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in 150 s:\n${stderr}`)), 150_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/DynamoDB:\s+\S+/.test(stdout) && stdout.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${stderr}`));
    });
  });
  const dynamo = /DynamoDB:\s+http:\/\/[^:\s]+:(\d+)/.exec(banner);
  if (!dynamo) throw new Error(`no DynamoDB endpoint in the banner:\n${banner}`);
  return { child, port, dynamoPort: Number(dynamo[1]), stderr: () => stderr };
}

/** 'connected', or the error code of the attempt (ECONNREFUSED: nothing listens on that address). */
function connectTo(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('F8: the local runtime on the network', () => {
  it('F8: the local runtime and DynamoDB Local listen on loopback only', { timeout: START }, async (context) => {
    const portal = await startPortal(undefined);
    // Works for the developer: the portal (and its token route) and DynamoDB Local through loopback.
    expect(await connectTo('127.0.0.1', portal.port)).toBe('connected');
    expect(await connectTo('127.0.0.1', portal.dynamoPort)).toBe('connected');
    const token = await fetch(`http://127.0.0.1:${portal.port}/api/dev/token`, {
      method: 'POST',
      body: JSON.stringify({ email: 'olga.smirnova@example.com' }),
    });
    expect(token.status).toBe(200);
    expect(portal.stderr()).not.toContain('WARNING');
    if (!NETWORK_ADDRESS) return context.skip(NO_NETWORK_ADDRESS);
    // Refused for a neighbour: nothing listens on the network address, neither the portal nor DynamoDB Local.
    expect(await connectTo(NETWORK_ADDRESS, portal.port), `portal via ${NETWORK_ADDRESS}`).toBe('ECONNREFUSED');
    expect(await connectTo(NETWORK_ADDRESS, portal.dynamoPort), `DynamoDB Local via ${NETWORK_ADDRESS}`).toBe(
      'ECONNREFUSED',
    );
  });

  it(
    'F8: HOST=0.0.0.0 opens the portal to the network with a warning; DynamoDB Local stays on loopback',
    { timeout: START },
    async (context) => {
      const portal = await startPortal('0.0.0.0');
      expect(portal.stderr()).toMatch(/WARNING: the local portal listens on 0\.0\.0\.0:\d+, not on loopback only/);
      expect(portal.stderr()).toContain('/api/dev/token');
      expect(await connectTo('127.0.0.1', portal.port)).toBe('connected');
      expect(await connectTo('127.0.0.1', portal.dynamoPort)).toBe('connected');
      if (!NETWORK_ADDRESS) return context.skip(NO_NETWORK_ADDRESS);
      expect(await connectTo(NETWORK_ADDRESS, portal.port), `portal via ${NETWORK_ADDRESS}`).toBe('connected');
      expect(await connectTo(NETWORK_ADDRESS, portal.dynamoPort), `DynamoDB Local via ${NETWORK_ADDRESS}`).toBe(
        'ECONNREFUSED',
      );
    },
  );
});
