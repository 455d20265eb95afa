/**
 * The function bundles stay lean: a library that drags its data in (time zones, holiday tables, every
 * zod locale, the SDK's SSO/STS credential clients) shows up here, long before a cold start does.
 * The sizes and cold starts themselves are measured by `npm run bench -- --only bundles`.
 */
import { describe, expect, it } from 'vitest';
import { compositionOf } from '../../bench/bundles/composition';
import { LAMBDA_CREDENTIALS } from '../../lib/constructs/portal-function';

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
    const { bytes, inputs } = await compositionOf(entry);
    for (const heavy of HEAVY) expect(inputs.filter((input) => input.includes(heavy))).toEqual([]);
    expect(inputs).toContain(LAMBDA_CREDENTIALS);
    expect(bytes).toBeLessThan(600 * 1024);
  });
});
