/**
 * `npm start` twice on the same data folder: what was accepted before the restart is there after it.
 * Runs the real entry point as a child process, like a person at a terminal would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports';
import { CERTIFICATE } from '../support/requests';

const PURCHASE = {
  serviceId: 'purchase',
  fields: {
    item: 'Monitor',
    quantity: 1,
    amount: { amount: 30_000, currency: 'RUB' },
    neededBy: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    justification: 'Second screen',
  },
};

const dataDir = mkdtempSync(join(tmpdir(), 'portal-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const healthy = await fetch(`http://localhost:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('npm start did not serve /api/health within 60 s');
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

async function post(port: number, path: string, body: unknown, token?: string) {
  const response = await fetch(`http://localhost:${port}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, string>;
}

describe('restarting npm start', () => {
  it(
    'should keep requests and tokens, and resume pending approvals, across a restart',
    { timeout: 120_000 },
    async () => {
      const port = await freePort();
      const first = await start(port);
      const { token } = await post(port, '/dev/token', { email: 'ivan.sidorov@example.com' });
      const created = await post(port, '/requests', CERTIFICATE, token);

      const purchase = await post(port, '/requests', PURCHASE, token);
      await stop(first);

      const second = await start(port);
      try {
        const response = await fetch(`http://localhost:${port}/api/requests/${created.id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(200);
        const detail = (await response.json()) as { id: string; history: unknown[] };
        expect(detail.id).toBe(created.id);
        // The pending approval resumed: the manager's decision moves the workflow on to assignment.
        const manager = await post(port, '/dev/token', { email: 'elena.kuznetsova@example.com' });
        await post(port, `/requests/${purchase.id}/approvals/manager/decision`, { decision: 'approve' }, manager.token);
        await post(port, '/dev/clock', { advance: 'PT0S' });
        const after = await fetch(`http://localhost:${port}/api/requests/${purchase.id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(await after.json()).toMatchObject({ status: 'in_progress', assigneeId: expect.any(String) });
      } finally {
        await stop(second);
      }
    },
  );
});
