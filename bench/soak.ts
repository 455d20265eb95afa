/**
 * `npm run soak`: the full soak of the issue — 1 000 logical submissions, 50 concurrent, each sent
 * 1-3 times with the same key, with 10 % throttles, 5 % lost acknowledgements and 5 % crashes after
 * commit, a kill -9 of the runtime half-way, then concurrent decisions; prints what the consistency
 * checker found. Options: --logical N --concurrency N.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startIsolatedRuntime } from '../test/support/isolated-runtime';
import { runSoak } from '../test/support/soak';

const { values } = parseArgs({
  options: { logical: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '50' } },
});
const dataDir = mkdtempSync(join(tmpdir(), 'portal-soak-'));
const portal = await startIsolatedRuntime({
  dataDir,
  env: { WRITES_PER_MINUTE: '1000000', READS_PER_MINUTE: '1000000' },
});
try {
  const result = await runSoak(portal, {
    logical: Number(values.logical),
    concurrency: Number(values.concurrency),
    faults: { throttle: 0.1, lostAck: 0.05, crashAfterCommit: 0.05 },
    halfway: async () => {
      console.log('half-way: kill -9 and restart');
      await portal.crashAndRestart();
    },
  });
  const { problems, ...consistency } = result.consistency;
  console.log(JSON.stringify({ ...result, consistency, problems: problems.slice(0, 10) }, null, 2));
  const ok =
    result.lost.length === 0 &&
    result.keysWithTwoIds === 0 &&
    problems.length === 0 &&
    result.duplicateMails === 0 &&
    result.deadLetters === 0 &&
    result.refusedDecisions.length === 0 &&
    consistency.requests === result.acknowledged;
  console.log(ok ? 'SOAK OK: 0 lost, 0 duplicated, all histories contiguous' : 'SOAK FOUND PROBLEMS');
  process.exitCode = ok ? 0 : 1;
} finally {
  await portal.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
