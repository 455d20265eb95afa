/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas the handlers parse
 * with. Path keys are relative to /api (the server URL).
 */
import * as z from 'zod/mini';
import { EVENT_TYPES } from '../domain/requests/model';
import { ROUTES, routeKey } from './routes';
import { analyticsQuery, analyticsSchema } from './schemas/analytics';
import {
  actionBody,
  commentBody,
  createRequestBody,
  decisionBody,
  emailDecisionBody,
  delegationBody,
  previewBody,
  listQuery,
} from './schemas';
import {
  previewSchema,
  historyEventSchema,
  meSchema,
  page,
  requestDetailSchema,
  requestListItemSchema,
  requestSchema,
  schemas,
  serviceSchema,
} from './schemas/responses';

interface Operation {
  summary: string;
  body?: z.ZodMiniType;
  ok: { status: number; schema?: z.ZodMiniType };
  query?: z.ZodMiniObject;
}

const OPERATIONS: Record<string, Operation> = {
  'GET /health': { summary: 'Liveness', ok: { status: 200, schema: z.object({ status: z.literal('ok') }) } },
  'GET /openapi.json': { summary: 'This document', ok: { status: 200 } },
  'GET /me': { summary: 'The signed-in user', ok: { status: 200, schema: meSchema } },
  'GET /services': {
    summary: 'The service catalog',
    ok: { status: 200, schema: z.object({ items: z.array(serviceSchema) }) },
  },
  'GET /services/{serviceId}': { summary: 'One service with its form', ok: { status: 200, schema: serviceSchema } },
  'POST /services/{serviceId}/preview': {
    summary: 'The route a request would take: approvers, team, expected due time',
    body: previewBody,
    ok: { status: 200, schema: previewSchema },
  },
  'PUT /me/delegation': {
    summary: 'Hand my approvals to a deputy for a period',
    body: delegationBody,
    ok: { status: 200, schema: delegationBody },
  },
  'DELETE /me/delegation': { summary: 'End my delegation', ok: { status: 204 } },
  'GET /email-decision': {
    summary:
      'The approve-by-e-mail page (HTML; changes nothing). The mailed link carries its token in the fragment ' +
      '(#token=…), which the page posts as a form with the token alone to get the confirmation page. A token in ' +
      'the query (links of before) answers 410',
    ok: { status: 200 },
  },
  'POST /email-decision': {
    summary:
      'Decide with a single-use e-mail token (JSON, or the HTML form: url-encoded, answers HTML; the form with ' +
      'the token alone answers the confirmation page and changes nothing)',
    body: emailDecisionBody,
    ok: { status: 200, schema: requestSchema },
  },
  'POST /requests/{id}/approvals/{stage}/decision': {
    summary: 'Approve, reject or return the current stage (pending approvers and their delegates)',
    body: decisionBody,
    ok: { status: 200, schema: requestSchema },
  },
  'POST /requests': {
    summary: 'Submit a request',
    body: createRequestBody,
    ok: { status: 201, schema: requestSchema },
  },
  'GET /requests': {
    summary: 'List requests (views: mine, queue, approvals, all)',
    query: listQuery,
    ok: { status: 200, schema: page(requestListItemSchema) },
  },
  'GET /requests/{id}': {
    summary: `A request with its history. Event types: ${EVENT_TYPES.join(', ')}`,
    ok: { status: 200, schema: requestDetailSchema },
  },
  'POST /requests/{id}/comments': {
    summary: 'Comment (internal: team only)',
    body: commentBody,
    ok: { status: 201, schema: historyEventSchema },
  },
  'POST /requests/{id}/actions': {
    summary: 'Act on a request',
    body: actionBody,
    ok: { status: 200, schema: requestSchema },
  },
  'GET /analytics': {
    summary:
      'Volume, SLA compliance, time in stage and bottlenecks for a period (admins: everything; managers: their department)',
    query: analyticsQuery,
    ok: { status: 200, schema: analyticsSchema },
  },
};

const ERRORS: Record<string, string> = {
  400: 'Malformed or invalid input; details name each field at fault',
  401: 'Missing or invalid token: answered by API Gateway’s JWT authorizer, the reason in `www-authenticate`',
  403: 'Not allowed for the caller',
  404: 'Unknown, or not visible to the caller',
  409: 'Conflict with the current state, a stale version or a reused Idempotency-Key',
  410: 'Gone: an expired e-mail link',
  413: 'Body over 256 KiB',
};

/** API Gateway's own body when its JWT authorizer refuses a token (the handler never runs). */
const GATEWAY_UNAUTHORIZED = {
  'application/json': {
    schema: {
      type: 'object',
      properties: { message: { type: 'string', const: 'Unauthorized' } },
      required: ['message'],
    },
  },
};

const jsonSchema = (schema: z.core.$ZodType) =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
const content = (schema: z.core.$ZodType) => ({ 'application/json': { schema: jsonSchema(schema) } });

function operation(route: (typeof ROUTES)[number]) {
  const op = OPERATIONS[routeKey(route)];
  if (!op) throw new Error(`No OpenAPI description for ${routeKey(route)}`);
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    schema: jsonSchema(schema as z.core.$ZodType),
  }));
  const idempotency =
    route.method === 'POST'
      ? [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', minLength: 1, maxLength: 128 } }]
      : [];
  const errors = Object.fromEntries(
    Object.entries(ERRORS)
      .filter(([status]) => !(route.public && status === '401'))
      .map(([status, description]) => [
        status,
        { description, content: status === '401' ? GATEWAY_UNAUTHORIZED : content(schemas.errorSchema) },
      ]),
  );
  return {
    summary: op.summary,
    security: route.public ? [] : [{ bearer: [] }],
    parameters: [...pathParams, ...queryParams, ...idempotency],
    ...(op.body ? { requestBody: { required: true, content: content(op.body) } } : {}),
    responses: {
      [op.ok.status]: { description: 'OK', ...(op.ok.schema ? { content: content(op.ok.schema) } : {}) },
      ...errors,
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Backoffice Portal API', version: '1.0.0' },
    servers: [{ url: '/api' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
