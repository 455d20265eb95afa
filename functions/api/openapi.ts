import { openApiDocument } from './openapi-document';
import { httpHandler } from './http';

// Built once per process: it only depends on the code.
const document = openApiDocument();

export const handler = httpHandler(
  {},
  {
    'GET /openapi.json': async () => ({ status: 200, body: document }),
  },
);
