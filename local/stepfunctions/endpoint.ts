/**
 * The Step Functions API (AWS JSON 1.0: `X-Amz-Target: AWSStepFunctions.<Operation>`) over the
 * local engine, so unchanged @aws-sdk/client-sfn code works when AWS_ENDPOINT_URL_SFN points here.
 * Nothing here blocks the event loop: a task handler running inside the engine may call it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionDescription, StepFunctionsEngine } from './engine';
import { SfnApiError } from './errors';
import { requireString } from './validate';

type Body = Record<string, unknown>;
type Operation = (engine: StepFunctionsEngine, body: Body) => unknown;

/** The JSON protocol carries timestamps as epoch seconds. */
const epoch = (date?: Date) => (date ? date.getTime() / 1000 : undefined);
const optional = (value: unknown) => (typeof value === 'string' ? value : undefined);

function describe(d: ExecutionDescription) {
  return {
    executionArn: d.executionArn,
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status: d.status,
    startDate: epoch(d.startDate),
    stopDate: epoch(d.stopDate),
    input: d.input,
    inputDetails: { included: true },
    output: d.output,
    outputDetails: d.output === undefined ? undefined : { included: true },
    error: d.error,
    cause: d.cause,
  };
}

const OPERATIONS: Record<string, Operation> = {
  async StartExecution(engine, body) {
    const started = await engine.startExecution({
      stateMachine: requireString(body.stateMachineArn, 'stateMachineArn'),
      name: optional(body.name),
      input: optional(body.input),
    });
    return { executionArn: started.executionArn, startDate: epoch(started.startDate) };
  },
  DescribeExecution: (engine, body) =>
    describe(engine.describeExecution(requireString(body.executionArn, 'executionArn'))),
  async StopExecution(engine, body) {
    const arn = requireString(body.executionArn, 'executionArn');
    const { stopDate } = await engine.stopExecution(arn, optional(body.error), optional(body.cause));
    return { stopDate: epoch(stopDate) };
  },
  SendTaskSuccess(engine, body) {
    engine.sendTaskSuccess(requireString(body.taskToken, 'taskToken'), requireString(body.output, 'output'));
    return {};
  },
  SendTaskFailure(engine, body) {
    engine.sendTaskFailure(requireString(body.taskToken, 'taskToken'), optional(body.error), optional(body.cause));
    return {};
  },
  SendTaskHeartbeat(engine, body) {
    engine.sendTaskHeartbeat(requireString(body.taskToken, 'taskToken'));
    return {};
  },
};

function send(res: ServerResponse, status: number, body: unknown, errorType?: string) {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, status: number, type: string, message: string) =>
  send(res, status, { __type: type, message }, type);

async function readJson(req: IncomingMessage): Promise<Body | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Body) : undefined;
  } catch {
    return undefined;
  }
}

async function handle(engine: StepFunctionsEngine, req: IncomingMessage, res: ServerResponse) {
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith('AWSStepFunctions.')
    ? OPERATIONS[target.slice('AWSStepFunctions.'.length)]
    : undefined;
  if (req.method !== 'POST' || !operation)
    return fail(res, 400, 'UnknownOperationException', `Unsupported operation: ${target}`);
  const body = await readJson(req);
  if (!body) return fail(res, 400, 'SerializationException', 'The request body is not a JSON object');
  try {
    send(res, 200, await operation(engine, body));
  } catch (error) {
    if (error instanceof SfnApiError) return fail(res, 400, error.code, error.message);
    console.error('local step functions endpoint:', error);
    fail(res, 500, 'InternalFailure', 'Internal failure');
  }
}

export interface SfnEndpoint {
  /** For AWS_ENDPOINT_URL_SFN. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:port (0 picks a free port). */
export function startSfnEndpoint(engine: StepFunctionsEngine, port = 0): Promise<SfnEndpoint> {
  const server: Server = createServer((req, res) => {
    handle(engine, req, res).catch((error: unknown) => {
      console.error('local step functions endpoint:', error);
      if (!res.headersSent) fail(res, 500, 'InternalFailure', 'Internal failure');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
