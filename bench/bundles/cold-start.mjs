// Runs in a fresh Node process, like a Lambda cold start: imports one bundle, invokes its handler
// once (cold) and once more (warm), and writes the timings to the file named by argv[4].
// Plain JavaScript on purpose: no loader (tsx) may add to the measured import.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [bundle, probeJson, resultFile] = process.argv.slice(2);
const probe = JSON.parse(probeJson);
const context = {
  functionName: probe.functionName,
  awsRequestId: 'bundle-report',
  getRemainingTimeInMillis: () => 10_000,
  callbackWaitsForEmptyEventLoop: false,
};

/** What the invocation answered: an HTTP status, a batch failure count, or the error's name. */
async function invoke(handler) {
  try {
    const result = await handler(JSON.parse(probeJson).event, context);
    if (result && typeof result.statusCode === 'number') return `HTTP ${result.statusCode}`;
    if (result && Array.isArray(result.batchItemFailures)) return `${result.batchItemFailures.length} failed records`;
    return 'ok';
  } catch (error) {
    return `threw ${error.name}`;
  }
}

const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const outcome = await invoke(handler);
const invoked = performance.now();
await invoke(handler);
const warm = performance.now();
writeFileSync(
  resultFile,
  JSON.stringify({
    importMs: imported - started,
    firstInvokeMs: invoked - imported,
    warmInvokeMs: warm - invoked,
    outcome,
  }),
);
process.exit(0);
