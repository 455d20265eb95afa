/** The per-user write allowance, on a runtime of its own (the shared one raises it for parallel tests). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';

let portal: IsolatedRuntime;
beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
}, 90_000);
afterAll(() => portal?.stop());

describe('write allowance', () => {
  it(
    'should answer 429 once one person writes more than 60 times a minute, and keep what was accepted',
    { timeout: 180_000 },
    async () => {
      const created = await portal.as('vladimir.kiselev', 'POST', '/requests', {
        serviceId: 'employment-certificate',
        fields: { purpose: 'bank', copies: 1, language: 'ru', delivery: 'email' },
      });
      const id = created.body.id;
      const answers = [];
      for (let i = 0; i < 64; i++)
        answers.push(await portal.as('vladimir.kiselev', 'POST', `/requests/${id}/comments`, { text: `ping ${i}` }));
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]?.body.error.code).toBe('rate_limited');
      expect(limited[0]?.headers.get('retry-after')).toBe('60');
      const accepted = answers.filter((a) => a.status === 201).length;
      expect(accepted).toBeLessThanOrEqual(59);
      const detail = await portal.as('vladimir.kiselev', 'GET', `/requests/${id}`);
      expect(detail.body.history.filter((e: { type: string }) => e.type === 'comment')).toHaveLength(accepted);
      // Someone else is not slowed down by it.
      const other = await portal.as('ivan.sidorov', 'POST', `/requests/${id}/comments`, { text: 'hi' });
      expect(other.status).toBe(404);
    },
  );
});
