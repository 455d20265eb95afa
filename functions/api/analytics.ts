import { clock } from '../adapters/clock';
import { periodTotals } from '../adapters/store/aggregates';
import { pendingApprovals, teamQueue } from '../adapters/store/open-work';
import { analyticsFor } from '../usecases/analytics';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { analyticsQuery } from './schemas/analytics';

// Only the reads: this function bundles none of the counting code.
const ports = { clock, directory: catalog, aggregates: { periodTotals, teamQueue, pendingApprovals } };

export const handler = httpHandler(
  {
    'GET /analytics': async ({ locale, principal, query }) => {
      const input = parseWith(analyticsQuery, query, { locale, prefix: 'query' });
      return { status: 200, body: await analyticsFor(ports, principal, input, locale) };
    },
  },
  {},
  catalog,
);
