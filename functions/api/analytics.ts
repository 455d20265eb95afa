import { analyticsFor } from '../usecases/analytics';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { analyticsQuery } from './schemas';

export const handler = httpHandler(
  {
    'GET /analytics': async ({ locale, principal, query }) => {
      const input = parseWith(analyticsQuery, query, { locale, prefix: 'query' });
      return { status: 200, body: await analyticsFor(principal, input, locale) };
    },
  },
  {},
  catalog,
);
