/**
 * Nothing lost, nothing duplicated: a small soak under injected faults and a kill -9 of the whole
 * runtime half-way (the full one is `npm run soak`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { runSoak } from '../support/soak';

const dataDir = mkdtempSync(join(tmpdir(), 'portal-soak-'));
let portal: IsolatedRuntime;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ dataDir, env: { WRITES_PER_MINUTE: '100000' } });
}, 90_000);
afterAll(async () => {
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('soak under faults', () => {
  it(
    'should keep every accepted request exactly once with a complete history, across a crash',
    { timeout: 240_000 },
    async () => {
      const result = await runSoak(portal, {
        logical: 40,
        concurrency: 10,
        faults: { throttle: 0.1, lostAck: 0.05, crashAfterCommit: 0.05 },
        halfway: () => portal.crashAndRestart(),
      });
      console.log(
        JSON.stringify({
          ...result,
          consistency: { ...result.consistency, problems: result.consistency.problems?.slice(0, 5) },
        }),
      );
      expect(result.acknowledged).toBe(40);
      expect(result.keysWithTwoIds).toBe(0);
      expect(result.distinctIds).toBe(40);
      expect(result.lost).toEqual([]);
      expect(result.consistency.requests).toBe(40);
      expect(result.consistency.problems, JSON.stringify(result.consistency.problems)).toEqual([]);
      expect(result.duplicateMails).toBe(0);
      expect(result.deadLetters).toBe(0);
      expect(result.refusedDecisions).toEqual([]);
      expect(result.decided).toBe(40);
      // The faults really happened (else this proves nothing).
      const { throttles = 0, lostAcks = 0, crashes = 0 } = result.injected;
      expect(throttles).toBeGreaterThan(0);
      expect(lostAcks + crashes).toBeGreaterThan(0);
      expect((result.finalStatuses.in_progress ?? 0) + (result.finalStatuses.rejected ?? 0)).toBe(40);
    },
  );
});
