/**
 * The function bundles stay lean: a library that drags its data in (time zones, holiday tables, every
 * zod locale, the SDK's SSO/STS credential clients) shows up here, long before a cold start does.
 * The sizes and cold starts themselves are measured by `npm run bench -- --only bundles`.
 */
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CHAIN, LAMBDA_CREDENTIALS, PROJECT_ROOT } from '../../lib/constructs/portal-function';

/** What PortalFunction's bundling does (esbuild, ESM, minified, the credential chain aliased). */
async function bundle(entry: string): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    logLevel: 'silent',
    alias: { [CREDENTIAL_CHAIN]: join(PROJECT_ROOT, LAMBDA_CREDENTIALS) },
  });
  const metafile: Metafile = result.metafile;
  const output = Object.values(metafile.outputs)[0];
  return { bytes: output?.bytes ?? 0, inputs: Object.keys(output?.inputs ?? {}) };
}

const HEAVY = [
  'node_modules/date-holidays',
  'node_modules/moment-timezone',
  'node_modules/astronomia',
  'node_modules/zod/v4/locales/de.js',
  'node_modules/@aws-sdk/nested-clients',
  'node_modules/@aws-sdk/credential-provider-sso',
];

describe('function bundles', () => {
  it.each([
    'functions/api/requests.ts',
    'functions/events/notify.ts',
    'functions/events/history.ts',
    'functions/workflow/assign.ts',
  ])('%s should leave out the heavy modules and stay under 600 KB minified', async (entry) => {
    const { bytes, inputs } = await bundle(entry);
    for (const heavy of HEAVY) expect(inputs.filter((input) => input.includes(heavy))).toEqual([]);
    expect(inputs.some((input) => input.endsWith(LAMBDA_CREDENTIALS))).toBe(true);
    expect(bytes).toBeLessThan(600 * 1024);
  });
});
