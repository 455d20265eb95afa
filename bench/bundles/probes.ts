/**
 * The first invocation each bundle gets in the report: a real event of the kind the function receives
 * in the cloud (an HTTP API request with a token, a stream record of a history event, a state machine
 * task's input), all about one purchase request submitted beforehand, so every handler reaches the
 * local emulators the way it would reach DynamoDB, Step Functions and SES.
 */
import type { IncomingMessage } from 'node:http';
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { API_BASE, type ApiFunction } from '../../functions/api/routes';
import { EVENT_PREFIX, requestKey } from '../../functions/adapters/store/keys';
import { TABLE_NAME } from '../../local/runtime';
import { matchRoute } from '../../local/api-server';
import { gatewayClaims } from '../../local/jwt-authorizer';
import { toEvent } from '../../local/lambda-event';
import type { ApiClient } from '../api-client';

export interface Probe {
  functionName: string;
  event: unknown;
}

/** The request every probe is about: pending its first approval (the requester's manager). */
export interface Subject {
  id: string;
  round: number;
  /** The first approval stage's id (e.g. `manager`). */
  stage: string;
  requester: string;
  approver: string;
  admin: string;
}

interface HttpProbe {
  method: string;
  path: string;
  as?: string;
  body?: unknown;
}

/** One representative route per API function (a read where the function has one). */
function httpProbes(s: Subject): Record<ApiFunction, HttpProbe> {
  return {
    health: { method: 'GET', path: '/health' },
    openapi: { method: 'GET', path: '/openapi.json' },
    me: { method: 'GET', path: '/me', as: s.requester },
    catalog: { method: 'GET', path: '/services', as: s.requester },
    requests: { method: 'GET', path: `/requests/${s.id}`, as: s.requester },
    'request-activity': {
      method: 'POST',
      path: `/requests/${s.id}/comments`,
      as: s.requester,
      body: { text: 'Cold start probe' },
    },
    approvals: {
      method: 'POST',
      path: `/requests/${s.id}/approvals/${s.stage}/decision`,
      as: s.approver,
      body: { decision: 'approve' },
    },
    // A token no mail carried: one DynamoDB read, as the confirmation step makes (the GET page reads nothing).
    'email-decision': {
      method: 'POST',
      path: '/email-decision',
      body: { token: 'bundle-report', decision: 'approve' },
    },
    analytics: { method: 'GET', path: '/analytics', as: s.admin },
  };
}

/** The API Gateway event, built by the local runtime's own router and translator (local/). */
async function httpEvent(api: ApiClient, fn: ApiFunction, probe: HttpProbe) {
  const url = new URL(`${API_BASE}${probe.path}`, api.baseUrl);
  const match = matchRoute(probe.method, url.pathname);
  if (match?.route.fn !== fn) throw new Error(`no route of ${fn} for ${probe.method} ${probe.path}`);
  const headers: Record<string, string> = { 'content-type': 'application/json', host: url.host };
  const token = probe.as && (await api.token(probe.as));
  if (token) headers.authorization = `Bearer ${token}`;
  const req = { headers, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
  // The local issuer's own token: its claims as the JWT authorizer passes them on.
  const claims = token ? gatewayClaims(decodeJwt(token)) : undefined;
  return toEvent(req, match, url, { body: probe.body === undefined ? '' : JSON.stringify(probe.body), claims });
}

/** The request's first history event as the table's stream delivers it (INSERT, new image). */
async function streamEvent(dynamo: DynamoDBClient, s: Subject): Promise<DynamoDBStreamEvent> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
      ExpressionAttributeValues: { ':pk': { S: requestKey(s.id).pk }, ':evt': { S: EVENT_PREFIX } },
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  if (!item) throw new Error(`request ${s.id} has no history`);
  const record = {
    eventID: 'bundle-report',
    eventName: 'INSERT' as const,
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { pk: item.pk, sk: item.sk }, NewImage: item, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
  return { Records: [record] } as unknown as DynamoDBStreamEvent;
}

/** The input each state machine task gets (statemachines/*.asl.json), about the subject's first stage. */
function taskInputs(s: Subject): Record<string, unknown> {
  const stage = { requestId: s.id, round: s.round, stageIndex: 0 };
  return {
    'start-stage': stage,
    'await-decision': { ...stage, token: 'bundle-report' },
    'escalate-approval': stage,
    assign: { requestId: s.id, round: s.round },
    'sla-check': { requestId: s.id, timer: 'resolution' },
    'record-failure': { requestId: s.id, workflow: 'bundle-report', failure: { Error: 'Probe', Cause: 'cold start' } },
  };
}

/** The probe of the function bundling `entry` (functions/<kind>/<module>.ts). */
export async function probeFor(
  entry: string,
  env: { api: ApiClient; dynamo: DynamoDBClient; subject: Subject },
): Promise<Probe> {
  const [, kind, file] = entry.split('/');
  const module = (file ?? '').replace(/\.ts$/, '');
  const functionName = `portal-${module}`;
  if (kind === 'api') {
    const fn = module as ApiFunction;
    return { functionName, event: await httpEvent(env.api, fn, httpProbes(env.subject)[fn]) };
  }
  if (kind === 'events') return { functionName, event: await streamEvent(env.dynamo, env.subject) };
  const input = taskInputs(env.subject)[module];
  if (kind === 'workflow' && input) return { functionName, event: input };
  throw new Error(`no probe for ${entry}`);
}
