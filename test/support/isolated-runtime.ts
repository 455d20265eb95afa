/**
 * A whole `npm start` of its own, in a child process, for tests that move the clock or kill the
 * runtime: each such file owns its runtime (its own data, its own virtual clock starting at a chosen
 * instant), so nothing it does can disturb other test files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../local/ports';
import { clientFor, type ApiClient } from './client';

export interface IsolatedRuntime extends ApiClient {
  url: string;
  stop(): Promise<void>;
  /** kill -9, as a crash would, then `npm start` again on the same data (needs `dataDir`). */
  crashAndRestart(): Promise<void>;
}

export interface IsolatedOptions {
  clockStart?: string;
  /** Persist data here (survives crashAndRestart); default in memory. */
  dataDir?: string;
  env?: Record<string, string>;
}

async function launch(port: number, options: IsolatedOptions): Promise<ChildProcess> {
  // The shared runtime's raised allowances must not leak into runtimes of their own.
  const { WRITES_PER_MINUTE: _writes, READS_PER_MINUTE: _reads, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: {
      ...inherited,
      PORT: String(port),
      DATA_DIR: options.dataDir ?? 'memory',
      // Time stands still but for POST /dev/clock, so deadlines are exact to the millisecond.
      ...(options.clockStart ? { LOCAL_CLOCK_START: options.clockStart, LOCAL_CLOCK_FROZEN: '1' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (
      await fetch(`http://localhost:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the isolated runtime did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exited = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/**
 * A port found free may be taken by another process (another test file's runtime) before the child
 * listens on it; the child then exits with EADDRINUSE, and is started again on another port.
 */
async function launchOnFreePort(options: IsolatedOptions, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { port, child: await launch(port, options) };
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

export async function startIsolatedRuntime(options: IsolatedOptions = {}): Promise<IsolatedRuntime> {
  const started = await launchOnFreePort(options);
  const { port } = started;
  let { child } = started;
  const url = `http://localhost:${port}`;
  return {
    url,
    ...clientFor(url),
    stop: () => exited(child, 'SIGINT'),
    async crashAndRestart() {
      if (!options.dataDir) throw new Error('crashAndRestart needs a dataDir');
      await exited(child, 'SIGKILL');
      // The DynamoDB Local JVM of the killed runtime dies with it (its parent is gone); give it a moment.
      await new Promise((r) => setTimeout(r, 1500));
      child = await launch(port, { ...options, clockStart: undefined });
    },
  };
}
