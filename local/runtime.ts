/**
 * The whole portal on one machine: DynamoDB Local, the table, the demo directory, the local token
 * issuer, the local Step Functions on the virtual clock, and the API server, wired through the same
 * environment variables the cloud sets. Used by `npm start`, the API tests and the benchmarks.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { ENV } from '../functions/shared/env';
import { BACKLOG_SAMPLE_MINUTES } from '../functions/shared/metrics';
import { startDynamoDbLocal } from './dynamodb-local';
import { createLocalIssuer, LOCAL_AUDIENCE } from './issuer';
import { createJwtAuthorizer } from './jwt-authorizer';
import { ensureTable } from './table';
import { localUrl, LOOPBACK, startApiServer } from './api-server';
import { devRoutes } from './dev-routes';
import { freePort } from './ports';
import { openVirtualClock } from './clock/persisted-clock';
import { clockDevRoutes } from './clock/dev-routes';
import type { VirtualClock } from './clock/virtual-clock';
import { checkConsistency, consistencyRoute } from './consistency';
import { SdkFaults } from './faults/sdk-faults';
import { ConsumerFaults } from './faults/consumer-faults';
import { TaskFaults } from './faults/task-faults';
import { startLocalSes, type LocalSes } from './ses';
import { StreamPoller, type StreamConsumer } from './streams';
import { DeadLetterReplay, DeadLetterStore } from './dead-letters';
import {
  startLocalStepFunctions,
  workflowLoader,
  type LocalStepFunctions,
  type StepFunctionsEngine,
} from './stepfunctions';

export const TABLE_NAME = 'backoffice-portal';

export interface RuntimeOptions {
  /** HTTP port; 0 picks a free one. */
  port: number;
  /**
   * The address the portal listens on: loopback only (127.0.0.1) unless this says otherwise, e.g.
   * `0.0.0.0` (npm start reads HOST), which prints a warning. DynamoDB Local stays on loopback.
   */
  host?: string;
  /** Where DynamoDB Local, the issuer key, executions and the clock persist; undefined keeps everything in memory. */
  dataDir?: string;
  dynamoPort?: number;
  /**
   * Start the virtual clock at this instant (ISO 8601), past or future, instead of now; only for a
   * fresh data folder (one that has a clock keeps its time).
   */
  clockStart?: string;
  /** Time moves only by POST /dev/clock (deterministic tests). */
  clockFrozen?: boolean;
}

export interface Runtime {
  url: string;
  /** The local SES emulator's own web inbox. */
  mailboxUrl: string;
  dynamoEndpoint: string;
  clock: VirtualClock;
  stepFunctions: StepFunctionsEngine;
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  // Local runs on Node 20; Lambda runs the latest runtime, so the SDK's Node 20 notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The one "now" of every handler: real time plus an offset that clockStart and POST /dev/clock set (persisted).
  const clock = openVirtualClock({
    file: options.dataDir && join(options.dataDir, 'clock.json'),
    frozen: options.clockFrozen,
    startAt: options.clockStart === undefined ? undefined : parseInstant(options.clockStart),
  });
  clock.install();
  const dynamo = await startDynamoDbLocal({
    dataDir: options.dataDir && join(options.dataDir, 'dynamodb'),
    port: options.dynamoPort,
  });
  let sfn: LocalStepFunctions | undefined;
  let ses: LocalSes | undefined;
  let poller: StreamPoller | undefined;
  let schedules: (() => Promise<void>) | undefined;
  const faults = new TaskFaults();
  const sdkFaults = new SdkFaults();
  try {
    ses = await startLocalSes();
    const port = options.port || (await freePort());
    const host = options.host ?? LOOPBACK;
    const url = localUrl(host, port);
    const issuer = await createLocalIssuer(`${url}/local-issuer`, options.dataDir);
    sfn = await startLocalStepFunctions({
      loadTask: faults.wrap(workflowLoader()),
      clock,
      dataDir: options.dataDir && join(options.dataDir, 'stepfunctions'),
    });
    sfn.engine.loadDefinitions(); // a broken statemachines/*.asl.json fails npm start, not the first request
    // The handlers read these at import time, exactly as they read what CDK sets in the cloud.
    Object.assign(process.env, {
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      ...sfn.env, // AWS_ENDPOINT_URL_SFN, LIFECYCLE_STATE_MACHINE_ARN, SLA_STATE_MACHINE_ARN
      AWS_ENDPOINT_URL_SESV2: ses.url,
      [ENV.mailFrom]: 'Backoffice Portal <portal@example.com>',
      [ENV.tableName]: TABLE_NAME,
      [ENV.portalUrl]: url,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint });
    await ensureTable(client, TABLE_NAME);
    client.destroy();
    const { seedDirectory } = await import('./seed');
    await seedDirectory();
    await attachFaults(sdkFaults);
    const engine = sfn.engine;
    const consumerFaults = new ConsumerFaults();
    const consumers = consumerFaults.wrap(await streamConsumers());
    // The consumers' dead-letter queues: what the poller gives up on after the cloud's retries.
    const deadLetters = new DeadLetterStore(options.dataDir && join(options.dataDir, 'dead-letters.json'));
    const replay = new DeadLetterReplay(deadLetters, consumers, dynamo.endpoint);
    poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      consumers,
      deadLetters,
      stateFile: options.dataDir && join(options.dataDir, 'streams.json'),
    });
    // POST /dev/clock returns only once the e-mails of what happened are sent too.
    const streams = poller;
    clock.addDrain(() => streams.pollOnce());
    poller.start();
    schedules = await startSchedules(clock, !options.clockFrozen);
    const server: Server = await startApiServer({
      port,
      host,
      authorizer: createJwtAuthorizer({ issuer: issuer.issuer, audience: LOCAL_AUDIENCE, jwks: issuer.jwks }),
      devRoutes: [
        ...devRoutes(issuer),
        ...clockDevRoutes(clock),
        ...faults.routes(),
        ...sdkFaults.routes(),
        consistencyRoute(() => checkConsistency(dynamo.endpoint, TABLE_NAME, engine)),
        ...ses.routes(),
        ...poller.routes(),
        ...consumerFaults.routes(),
        ...replay.routes(),
      ],
      extra: (_req, res, reqUrl) => {
        if (reqUrl.pathname !== '/local-issuer/jwks.json') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(issuer.jwks));
        return true;
      },
    });
    // Pending approvals and timers resume: RUNNING executions re-run from the start (idempotent tasks).
    sfn.engine.resumeRunning();
    const parts = { sfn, ses, poller, schedules };
    return {
      url,
      mailboxUrl: ses.url,
      dynamoEndpoint: dynamo.endpoint,
      clock,
      stepFunctions: sfn.engine,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopAll(parts, clock, dynamo);
      },
    };
  } catch (error) {
    await stopAll({ sfn, ses, poller, schedules }, clock, dynamo);
    throw error;
  }
}

function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\dT/.test(text) || !Number.isFinite(ms))
    throw new Error(`clock start "${text}" is not an ISO 8601 instant such as 2030-01-15T07:00:00Z`);
  return ms;
}

/** Fault injection on the handlers' own SDK clients (off until POST /api/dev/faults/sdk). */
async function attachFaults(faults: SdkFaults) {
  const [{ dynamoClient }, { sfnClient }, { sesClient }] = await Promise.all([
    import('../functions/adapters/store/client'),
    import('../functions/adapters/workflow'),
    import('../functions/adapters/mail'),
  ]);
  faults.attach(dynamoClient(), 'dynamodb');
  faults.attach(sfnClient(), 'sfn');
  faults.attach(sesClient(), 'ses');
}

/** The stream consumers, imported only once the environment they read is set. */
async function streamConsumers(): Promise<StreamConsumer[]> {
  const notify = await import('../functions/events/notify');
  // Locally the EMF lines would only flood the console (POWERTOOLS_METRICS_DISABLED=false shows them).
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const history = await import('../functions/events/history');
  // The cloud's two readers of the stream (lib/service-stack.ts HistoryConsumer), workflow recovery first as before.
  return [
    { name: 'history', handler: history.handler },
    { name: 'notify', handler: notify.handler },
  ];
}

/** While the clock flows, how often (real ms) it is checked for a scheduled run that fell due. */
const SCHEDULE_CHECK_MS = 5_000;

/**
 * The stand-in for an EventBridge rate rule: runs `job` whenever the portal clock has passed the next
 * multiple of `everyMs`. Checked each time the clock settles (so POST /dev/clock runs what fell due)
 * and, while time flows, every few real seconds. The runs missed by a jump of days coalesce into one:
 * the jobs are samplers of the present, so one run after the jump says all the skipped ones would.
 */
function onClock(
  clock: VirtualClock,
  everyMs: number,
  job: () => Promise<unknown>,
  flowing: boolean,
): () => Promise<void> {
  const slotAfter = (ms: number) => (Math.floor(ms / everyMs) + 1) * everyMs;
  let due = slotAfter(clock.nowMs());
  let running: Promise<unknown> = Promise.resolve();
  const runIfDue = async () => {
    if (clock.nowMs() < due) return false;
    due = slotAfter(clock.nowMs());
    // Like a failed Lambda run, a failure is logged and the schedule goes on.
    running = job().catch((error: unknown) => console.error('A scheduled job failed', error));
    await running;
    return true;
  };
  const undrain = clock.addDrain(runIfDue);
  const timer = flowing
    ? setInterval(() => {
        if (clock.nowMs() >= due) void clock.track(runIfDue());
      }, SCHEDULE_CHECK_MS)
    : undefined;
  return async () => {
    undrain();
    clearInterval(timer);
    await running;
  };
}

/** The scheduled jobs of lib/service-stack.ts on the virtual clock; returns their stop. */
async function startSchedules(clock: VirtualClock, flowing: boolean): Promise<() => Promise<void>> {
  const backlog = await import('../functions/events/backlog');
  const event = (): ScheduledEvent => ({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: clock.nowIso(),
    region: process.env.AWS_REGION ?? 'local',
    resources: ['arn:aws:events:local:000000000000:rule/backlog'],
    detail: {},
  });
  return onClock(clock, BACKLOG_SAMPLE_MINUTES * 60_000, () => backlog.handler(event()), flowing);
}

async function stopAll(
  parts: { sfn?: LocalStepFunctions; ses?: LocalSes; poller?: StreamPoller; schedules?: () => Promise<void> },
  clock: VirtualClock,
  dynamo: { stop(): Promise<void> },
) {
  await parts.schedules?.();
  await parts.poller?.stop();
  await parts.sfn?.stop();
  await parts.ses?.stop();
  clock.dispose();
  await dynamo.stop();
}
