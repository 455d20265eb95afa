import { httpHandler } from './http';

export const handler = httpHandler(
  {},
  {
    'GET /health': async () => ({ status: 200, body: { status: 'ok' } }),
  },
);
