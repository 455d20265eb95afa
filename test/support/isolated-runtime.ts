/**
 * A whole `npm start` of its own, in a child process, for tests that move the clock: each such file
 * owns its runtime (in-memory data, its own virtual clock starting at a chosen instant), so moving
 * time cannot disturb other test files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../local/ports';
import { clientFor, type ApiClient } from './client';

export interface IsolatedRuntime extends ApiClient {
  url: string;
  stop(): Promise<void>;
}

export async function startIsolatedRuntime(options: { clockStart?: string } = {}): Promise<IsolatedRuntime> {
  const port = await freePort();
  // The shared runtime's raised write allowance must not leak into runtimes of their own.
  const { WRITES_PER_MINUTE: _shared, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: {
      ...inherited,
      PORT: String(port),
      DATA_DIR: 'memory',
      // Time stands still but for POST /dev/clock, so deadlines are exact to the millisecond.
      ...(options.clockStart ? { LOCAL_CLOCK_START: options.clockStart, LOCAL_CLOCK_FROZEN: '1' } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the isolated runtime did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    ...clientFor(url),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
