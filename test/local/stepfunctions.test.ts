/**
 * The local Step Functions runtime: ASL run by aws-local-stepfunctions on the virtual clock, task
 * tokens, timeouts, retries, persistence, the AWS JSON endpoint, and POST /dev/clock. No DynamoDB:
 * the task handlers are the small fakes below, injected through loadTask.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { clockDevRoutes } from '../../local/clock/dev-routes';
import { parseIsoDuration } from '../../local/clock/duration';
import { openVirtualClock } from '../../local/clock/persisted-clock';
import { VirtualClock } from '../../local/clock/virtual-clock';
import { StepFunctionsEngine, type TaskHandler } from '../../local/stepfunctions/engine';
import { startSfnEndpoint, type SfnEndpoint } from '../../local/stepfunctions/endpoint';
import { MACHINES, TEST_TASKS, type TestMachine } from './fixtures/machines';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Asked {
  token: string;
  who: string;
  execution: string;
}

/** The fake task handlers and what they saw. */
function fakes() {
  const seen = { record: [] as unknown[], asked: [] as Asked[], flakyCalls: 0 };
  const handlers: Record<string, TaskHandler> = {
    record: async (event) => {
      seen.record.push(event);
      return event;
    },
    ask: async (event) => {
      seen.asked.push(event as Asked);
      return { ignored: true };
    },
    flaky: async (event) => {
      seen.flakyCalls++;
      if (seen.flakyCalls <= (event as { failures: number }).failures) {
        const error = new Error(`attempt ${seen.flakyCalls} failed`);
        error.name = 'TransientError';
        throw error;
      }
      return { ok: true, attempts: seen.flakyCalls };
    },
  };
  return { seen, handlers };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { dataDir?: string; clock?: VirtualClock; handlers?: Record<string, TaskHandler> } = {}) {
  const clock = options.clock ?? new VirtualClock();
  const { seen, handlers } = fakes();
  Object.assign(handlers, options.handlers);
  const engine = await StepFunctionsEngine.start({
    clock,
    dataDir: options.dataDir,
    definitions: MACHINES,
    tasks: TEST_TASKS,
    loadTask: (module) => {
      const handler = handlers[module];
      if (!handler) throw new Error(`no fake for ${module}`);
      return handler;
    },
  });
  cleanups.push(() => engine.stop());
  const start = async (stateMachine: TestMachine, input: unknown, name?: string) =>
    (await engine.startExecution({ stateMachine, input: JSON.stringify(input), name })).executionArn;
  const status = (arn: string) => engine.describeExecution(arn).status;
  const output = (arn: string) => JSON.parse(engine.describeExecution(arn).output ?? 'null') as Record<string, unknown>;
  return { clock, engine, seen, start, status, output };
}

describe('Wait on the virtual clock', () => {
  it('fires a 3-day TimestampPath wait when the clock advances 3 days, and not before', async () => {
    const { clock, seen, start, status, output } = await setup();
    const until = new Date(clock.nowMs() + 3 * DAY).toISOString();
    const arn = await start('waitUntil', { until, id: 'r1' });

    await clock.advance(3 * DAY - HOUR);
    expect(status(arn)).toBe('RUNNING');
    expect(seen.record).toHaveLength(0);

    await clock.advance(HOUR);
    expect(status(arn)).toBe('SUCCEEDED');
    expect(output(arn)).toEqual({ seen: { until, id: 'r1' } });
  });

  it('supports Seconds, SecondsPath, Timestamp and TimestampPath, passing the input through', async () => {
    const { clock, start, status, output } = await setup();
    const until = new Date(clock.nowMs() + 2 * HOUR).toISOString();
    const arn = await start('waitVariants', { seconds: 30, inner: { until, keep: { a: 1 } } });
    await clock.advance(59_000);
    expect(status(arn)).toBe('RUNNING');
    await clock.advance(1000 + 29_000);
    expect(status(arn)).toBe('RUNNING'); // now in WaitTimestampPath
    await clock.advance(2 * HOUR);
    expect(status(arn)).toBe('SUCCEEDED');
    expect(output(arn)).toEqual({ a: 1 });
  });

  it('times the whole execution out on the virtual clock (top-level TimeoutSeconds)', async () => {
    const { clock, engine, start } = await setup();
    const arn = await start('deadline', {});
    await clock.advance(2 * HOUR - 1000);
    expect(engine.describeExecution(arn).status).toBe('RUNNING');
    await clock.advance(1000);
    expect(engine.describeExecution(arn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });
});

describe('task tokens', () => {
  it('runs a Map with one waitForTaskToken task per item, resumed by sendTaskSuccess', async () => {
    const { clock, engine, seen, start, status, output } = await setup();
    const arn = await start('approvals', { approvers: ['ann', 'bob', 'cat'] });
    await clock.settle();
    expect(seen.asked.map((a) => a.who).sort()).toEqual(['ann', 'bob', 'cat']);
    expect(new Set(seen.asked.map((a) => a.token)).size).toBe(3);
    expect(seen.asked.every((a) => a.execution === arn)).toBe(true);

    for (const { token, who } of seen.asked.slice(0, 2))
      engine.sendTaskSuccess(token, JSON.stringify({ who, ok: true }));
    await clock.settle();
    expect(status(arn)).toBe('RUNNING');
    const last = seen.asked[2] as Asked;
    engine.sendTaskSuccess(last.token, JSON.stringify({ who: last.who, ok: true }));
    await engine.waitForExecution(arn);

    expect(status(arn)).toBe('SUCCEEDED');
    expect(output(arn).decisions).toEqual(['ann', 'bob', 'cat'].map((who) => ({ who, ok: true })));
    expect(() => engine.sendTaskSuccess(last.token, '{}')).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
    expect(engine.stats().pendingTokens).toBe(0);
  });

  it('catches sendTaskFailure by its error name', async () => {
    const { clock, engine, seen, start, output } = await setup();
    const arn = await start('rejectable', { who: 'ann' });
    await clock.settle();
    engine.sendTaskFailure((seen.asked[0] as Asked).token, 'Approval.Rejected', 'over budget');
    await engine.waitForExecution(arn);
    expect(output(arn)).toMatchObject({
      outcome: 'rejected',
      error: { Error: 'Approval.Rejected', Cause: 'over budget' },
    });
  });

  it('raises States.Timeout on the virtual clock, not caught by States.TaskFailed', async () => {
    const { clock, engine, seen, start, status, output } = await setup();
    const arn = await start('rejectable', { who: 'bob' });
    await clock.advance(HOUR - 1000);
    expect(status(arn)).toBe('RUNNING');
    await clock.advance(1000);
    expect(status(arn)).toBe('SUCCEEDED');
    expect(output(arn)).toMatchObject({ outcome: 'timed-out', error: { Error: 'States.Timeout' } });
    expect(() => engine.sendTaskSuccess((seen.asked[0] as Asked).token, '{}')).toThrow(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
  });

  it('takes the timeout from TimeoutSecondsPath', async () => {
    const { clock, start, status, output } = await setup();
    const arn = await start('timeoutFromInput', { who: 'cat', timeout: 120 });
    await clock.advance(119_000);
    expect(status(arn)).toBe('RUNNING');
    await clock.advance(1000);
    expect(output(arn)).toMatchObject({ outcome: 'expired', error: { Error: 'States.Timeout' } });
  });

  it('names bad tokens as AWS does', async () => {
    const { engine } = await setup();
    expect(() => engine.sendTaskSuccess('nope', '{}')).toThrow(expect.objectContaining({ name: 'InvalidToken' }));
    expect(() => engine.sendTaskHeartbeat('A'.repeat(64))).toThrow(
      expect.objectContaining({ name: 'TaskDoesNotExist' }),
    );
  });
});

describe('Lambda tasks', () => {
  it('retries a handler error by its name, at once, and returns the optimized-integration Payload', async () => {
    const { engine, seen, start, output } = await setup();
    const arn = await start('retrying', { failures: 2 });
    await engine.waitForExecution(arn);
    expect(output(arn)).toEqual({ ok: true, attempts: 3 });
    expect(seen.flakyCalls).toBe(3);
    const stats = engine.stats().perExecution.find((s) => s.executionArn === arn);
    expect(stats).toMatchObject({ taskInvocations: 3, transitions: 1 });
  });

  it('catches a handler error after the retries run out, with a Lambda-shaped Cause', async () => {
    const { engine, start, output } = await setup();
    const arn = await start('retrying', { failures: 9 });
    await engine.waitForExecution(arn);
    const error = output(arn).error as { Error: string; Cause: string };
    expect(error.Error).toBe('TransientError');
    expect(JSON.parse(error.Cause)).toMatchObject({ errorType: 'TransientError', errorMessage: 'attempt 4 failed' });
  });

  it('resolves Parameters (context included) before calling the handler, on virtual time', async () => {
    // Frozen: the virtual instants are exact, whatever the machine's load.
    const { clock, engine, seen, start, output } = await setup({ clock: new VirtualClock({ frozen: true }) });
    await clock.advance(10 * DAY);
    const virtualNow = clock.nowMs();
    const arn = await start('context', { who: 'ann' }, 'ctx-1');
    await engine.waitForExecution(arn);
    const event = seen.record[0] as Record<string, string>;
    expect(event).toMatchObject({ id: arn, name: 'ctx-1', input: { who: 'ann' }, greeting: 'hello ann' });
    expect(Date.parse(event.start as string)).toBe(virtualNow);
    expect(Date.parse(event.entered as string)).toBe(virtualNow);
    expect(output(arn)).toEqual(event);
  });
});

describe('executions', () => {
  it('is idempotent on name + input while RUNNING, and refuses a different input', async () => {
    const { engine, seen, start } = await setup();
    const first = await start('rejectable', { who: 'ann' }, 'req-1');
    expect(await start('rejectable', { who: 'ann' }, 'req-1')).toBe(first);
    await expect(start('rejectable', { who: 'bob' }, 'req-1')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    await engine.stopExecution(first, 'Cancelled', 'by test');
    expect(engine.describeExecution(first)).toMatchObject({ status: 'ABORTED', error: 'Cancelled' });
    expect(engine.stats().pendingTokens).toBe(0);
    expect(() => engine.sendTaskSuccess((seen.asked[0] as Asked).token, '{}')).toThrow(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
    await expect(start('rejectable', { who: 'ann' }, 'req-1')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('re-runs RUNNING executions from the start after a restart on the same data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-local-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await setup({ dataDir });
    const until = new Date(first.clock.nowMs() + DAY).toISOString();
    const waiting = await first.start('waitUntil', { until }, 'resume-me');
    const done = await first.start('retrying', { failures: 0 }, 'done-before');
    await first.engine.waitForExecution(done);
    await first.engine.stop();

    const second = await setup({ dataDir });
    expect(second.engine.resumeRunning()).toBe(1);
    expect(second.status(waiting)).toBe('RUNNING');
    expect(second.status(done)).toBe('SUCCEEDED');
    await second.clock.advance(DAY);
    expect(second.status(waiting)).toBe('SUCCEEDED');
    expect(second.seen.record).toEqual([{ until }]);
  });

  // How fast is for the benchmarks; this only shows that many concurrent waits all fire once.
  it('runs 200 executions through a 3-day advance', async () => {
    const { clock, engine, start, status } = await setup();
    const until = new Date(clock.nowMs() + 3 * DAY).toISOString();
    const arns = await Promise.all(Array.from({ length: 200 }, (_, i) => start('waitUntil', { until, i })));
    await clock.advance(3 * DAY);
    expect(arns.every((arn) => status(arn) === 'SUCCEEDED')).toBe(true);
    const stats = engine.stats();
    expect(stats).toMatchObject({ transitions: 400, taskInvocations: 200 });
  });

  it('leaves no timers behind after stop()', async () => {
    const baseline = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const { clock, engine, start } = await setup();
    await start('rejectable', { who: 'ann' }); // a pending token with a virtual timeout
    await start('waitUntil', { until: new Date(clock.nowMs() + DAY).toISOString() });
    await clock.settle();
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeGreaterThan(baseline);
    await engine.stop();
    expect(clock.pendingSleeps).toBe(0);
    // At most the baseline: timers of earlier tests (SDK sockets) may have expired meanwhile.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(baseline);
  });
});

describe('the Step Functions endpoint', () => {
  let endpoint: SfnEndpoint | undefined;
  afterEach(async () => endpoint?.close());

  const client = (url: string) =>
    new SFNClient({
      endpoint: url,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  it('serves StartExecution, DescribeExecution and SendTaskSuccess to the unchanged SDK', async () => {
    const { clock, engine, seen } = await setup();
    endpoint = await startSfnEndpoint(engine);
    const sfn = client(endpoint.url);
    cleanups.push(() => sfn.destroy());
    const stateMachineArn = engine.stateMachineArn('rejectable');
    const input = JSON.stringify({ who: 'dan' });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'sdk-1', input }));
    expect(executionArn).toBe('arn:aws:states:local:000000000000:execution:rejectable:sdk-1');
    await clock.settle();
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({ status: 'RUNNING', input, name: 'sdk-1' });
    expect(running.startDate).toBeInstanceOf(Date);

    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: (seen.asked[0] as Asked).token, output: '{"approved":true}' }),
    );
    await engine.waitForExecution(executionArn as string);
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ who: 'dan', decision: { approved: true } });

    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'sdk-1', input: '{"who":"eve"}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: `${stateMachineArn}-missing` })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('lets a task handler inside the engine call the endpoint without deadlock', async () => {
    let url = '';
    const selfApprove: TaskHandler = async (event) => {
      const sfn = client(url);
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: (event as { token: string }).token, output: '{"self":true}' }),
      );
      sfn.destroy();
      return null;
    };
    const { engine, start, output } = await setup({ handlers: { 'self-approve': selfApprove } });
    endpoint = await startSfnEndpoint(engine);
    url = endpoint.url;
    const arn = await start('selfApprove', {});
    await engine.waitForExecution(arn);
    expect(output(arn)).toEqual({ self: true });
  });
});

describe('POST /dev/clock', () => {
  it('advances by an ISO 8601 duration and answers after due timers ran and their work settled', async () => {
    const slowRecord: TaskHandler = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // real I/O stand-in
      return event;
    };
    const { clock, start, status } = await setup({ handlers: { record: slowRecord } });
    const [get, post] = clockDevRoutes(clock) as [
      ReturnType<typeof clockDevRoutes>[number],
      ReturnType<typeof clockDevRoutes>[number],
    ];
    const url = new URL('http://localhost/api/dev/clock');
    const arn = await start('waitUntil', { until: new Date(clock.nowMs() + 8 * HOUR).toISOString() });
    const before = clock.nowMs();
    const answer = await post.handle({ advance: 'PT8H' }, url);
    expect(answer.status).toBe(200);
    expect(Date.parse((answer.body as { now: string }).now) - before).toBeGreaterThanOrEqual(8 * HOUR);
    expect(status(arn)).toBe('SUCCEEDED');
    expect((await get.handle({}, url)).body).toEqual({ now: expect.any(String) });
    for (const bad of [{ advance: 'P1M' }, { advance: '8h' }, { advance: 8 }, {}, { advance: 'PT' }]) {
      expect((await post.handle(bad, url)).status).toBe(400);
    }
  });

  it('parses durations', () => {
    expect(parseIsoDuration('PT8H')).toBe(8 * HOUR);
    expect(parseIsoDuration('P1W2DT3H4M5.5S')).toBe(9 * DAY + 3 * HOUR + 4 * 60_000 + 5500);
    expect(parseIsoDuration('PT0S')).toBe(0);
    expect(() => parseIsoDuration('P1Y')).toThrow(/years and months/);
  });
});

describe('VirtualClock', () => {
  it('flows with real time, and advance() waits for tracked work and drains', async () => {
    const clock = new VirtualClock({ offsetMs: DAY });
    expect(Math.abs(clock.nowMs() - (Date.now() + DAY))).toBeLessThan(50);
    const order: string[] = [];
    let pending = 2;
    const remove = clock.addDrain(async () => {
      if (pending === 0) return false;
      pending--;
      order.push('drained');
      return true;
    });
    void clock.sleepUntil(clock.nowMs() + HOUR).then(() => {
      void clock.track(new Promise((resolve) => setTimeout(resolve, 30)).then(() => order.push('tracked')));
    });
    await clock.advance(HOUR);
    expect(order).toEqual(['drained', 'drained', 'tracked']);
    remove();
    const woken = clock.sleepUntil(clock.nowMs() + 20); // real time alone wakes it too
    await expect(woken).resolves.toBeUndefined();
    const aborted = new AbortController();
    const sleeping = clock.sleepUntil(clock.nowMs() + DAY, aborted.signal);
    expect(clock.pendingSleeps).toBe(1);
    aborted.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingSleeps).toBe(0);
  });

  it('keeps its offset across restarts when given a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clock-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'clock.json');
    await openVirtualClock({ file }).advance(2 * DAY);
    const reopened = openVirtualClock({ file });
    // The target is fixed when advance() starts; real time spent meanwhile counts towards it.
    expect(Math.abs(reopened.offsetMs - 2 * DAY)).toBeLessThan(5000);
  });
});
