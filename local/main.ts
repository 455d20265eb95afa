/**
 * `npm start`: the whole portal on this machine, no AWS account, no Docker, no internet.
 * Data lives in .data/ (or DATA_DIR) and survives restarts. It listens on 127.0.0.1 only unless HOST
 * says otherwise (HOST=0.0.0.0 shares it on the network, with a warning: /api/dev/token signs anyone in).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startRuntime } from './runtime';

const DEMO_USERS = [
  ['employee', 'ivan.sidorov@example.com'],
  ['employee (en)', 'james.wilson@example.com'],
  ['manager', 'elena.kuznetsova@example.com'],
  ['CFO', 'natalia.orlova@example.com'],
  ['IT agent', 'nikita.lebedev@example.com'],
  ['procurement agent', 'andrey.kozlov@example.com'],
  ['admin', 'olga.smirnova@example.com'],
];

/** `--demo-history` (a quarter of 2 500 requests) or `--demo-history=N` (N requests). */
function demoHistoryArg(): number | undefined {
  const arg = process.argv.find((a) => a === '--demo-history' || a.startsWith('--demo-history='));
  if (!arg) return undefined;
  const requests = arg.includes('=') ? Number(arg.split('=')[1]) : 0;
  if (!Number.isInteger(requests) || requests < 0) throw new Error(`--demo-history=N needs a whole number: ${arg}`);
  return requests;
}

/** Imports the demo quarter once per data folder (the handlers' modules load after the runtime's env). */
async function importDemoHistory(requests: number, dataDir: string | undefined) {
  const done = dataDir && join(dataDir, 'demo-history.json');
  if (done && existsSync(done)) {
    console.log(`\nDemo history: already imported into ${dataDir} (delete ${done} to import another quarter).`);
    return;
  }
  const { seedDemoHistory, DEMO_DEFAULTS } = await import('./demo-history');
  console.log('\nDemo history: importing a quarter of requests...');
  const seed = process.env.DEMO_HISTORY_SEED ? Number(process.env.DEMO_HISTORY_SEED) : DEMO_DEFAULTS.seed;
  const summary = await seedDemoHistory({ requests: requests || DEMO_DEFAULTS.requests, seed });
  if (done) writeFileSync(done, JSON.stringify(summary, null, 2));
  console.log(
    `Demo history: ${summary.requests} requests, ${summary.events} history events since ${summary.from.slice(0, 10)}, ` +
      `imported and counted in ${(summary.ms / 1000).toFixed(1)} s. Analytics: GET /api/analytics (admin, managers).`,
  );
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  // DATA_DIR=memory keeps nothing (used by tests that own a runtime); LOCAL_CLOCK_START sets the clock.
  const dataDir = process.env.DATA_DIR === 'memory' ? undefined : resolve(process.env.DATA_DIR ?? '.data');
  const started = Date.now();
  // Loopback only unless HOST names another address (e.g. HOST=0.0.0.0, which prints a warning).
  const host = process.env.HOST || undefined;
  const runtime = await startRuntime({
    port,
    host,
    dataDir,
    clockStart: process.env.LOCAL_CLOCK_START,
    clockFrozen: process.env.LOCAL_CLOCK_FROZEN === '1',
  });
  console.log(`
Backoffice Portal is running (${Date.now() - started} ms)
  Portal:   ${runtime.url}/
  API:      ${runtime.url}/api   (OpenAPI: ${runtime.url}/api/openapi.json)
  Mailbox:  ${runtime.url}/api/dev/mail (JSON) · ${runtime.mailboxUrl}/ (web inbox)
  Data:     ${dataDir ?? 'in memory'}
  DynamoDB: ${runtime.dynamoEndpoint}   (DynamoDB Local, loopback only)
  Clock:    ${runtime.clock.nowIso()} + POST ${runtime.url}/api/dev/clock {"advance":"PT8H"}
  Checks:   ${runtime.url}/api/dev/consistency · ${runtime.url}/api/dev/dead-letters (POST …/replay)

Demo sign-in (POST ${runtime.url}/api/dev/token {"email": "..."}):
${DEMO_USERS.map(([role, email]) => `  ${role?.padEnd(18)} ${email}`).join('\n')}

Ctrl-C stops it; the next npm start reuses the data.`);
  const demoRequests = demoHistoryArg();
  if (demoRequests !== undefined) await importDemoHistory(demoRequests, dataDir);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  stopWithParent(stop);
}

/**
 * Stops the portal when the process that started it is gone (a test worker that timed out or was
 * killed, a terminal closed under npm start): an orphaned portal would keep its JVM and ports.
 */
function stopWithParent(stop: () => Promise<void>) {
  const parent = process.ppid;
  const alive = () => {
    try {
      process.kill(parent, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  setInterval(() => {
    if (!alive()) void stop();
  }, 1000).unref();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
