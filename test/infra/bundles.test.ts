/**
 * The function bundles stay lean: a library that drags its data in (time zones, holiday tables, every
 * zod locale, the SDK's SSO/STS credential clients), or a client a function never calls, shows up
 * here long before a cold start does. The sizes and cold starts themselves are measured by
 * `npm run bench -- --only bundles`.
 */
import { describe, expect, it } from 'vitest';
import { compositionOf } from '../../bench/bundles/composition';
import { LAMBDA_CREDENTIALS } from '../../lib/constructs/portal-function';

const HEAVY = [
  'node_modules/date-holidays',
  'node_modules/moment-timezone',
  'node_modules/astronomia',
  'node_modules/zod/v4/locales/de.js',
  // zod/mini only: the classic API's methods (and its JSON Schema generator) on every schema.
  'node_modules/zod/v4/classic',
  'node_modules/@aws-sdk/nested-clients',
  'node_modules/@aws-sdk/credential-provider-sso',
  // API Gateway's JWT authorizer verifies tokens; no handler fetches keys or verifies again.
  'node_modules/jose',
];
const SFN = 'node_modules/@aws-sdk/client-sfn';
const SES = 'node_modules/@aws-sdk/client-sesv2';

describe('function bundles', () => {
  it.each([
    { entry: 'functions/api/requests.ts', never: [SES] },
    { entry: 'functions/api/email-decision.ts', never: [SES] },
    // Health needs neither the table's data nor validation: no SDK client, no zod.
    {
      entry: 'functions/api/health.ts',
      never: [SES, SFN, 'node_modules/zod/', 'node_modules/@aws-sdk/client-dynamodb'],
    },
    // Reads, delegation and previews start no workflow.
    { entry: 'functions/api/me.ts', never: [SES, SFN] },
    { entry: 'functions/api/catalog.ts', never: [SES, SFN] },
    { entry: 'functions/api/analytics.ts', never: [SES, SFN] },
    { entry: 'functions/events/notify.ts', never: [] },
    { entry: 'functions/events/history.ts', never: [SES] },
    { entry: 'functions/workflow/assign.ts', never: [SES] },
  ])(
    '$entry should leave out the heavy modules and clients it never calls, under 480 KB minified',
    async ({ entry, never }) => {
      const { bytes, inputs } = await compositionOf(entry);
      for (const heavy of [...HEAVY, ...never]) expect(inputs.filter((input) => input.includes(heavy))).toEqual([]);
      // Every bundle with an SDK client takes its credentials from the environment, as Lambda gives them.
      if (inputs.some((input) => input.includes('node_modules/@aws-sdk/client-')))
        expect(inputs).toContain(LAMBDA_CREDENTIALS);
      expect(bytes).toBeLessThan(480 * 1024);
    },
  );
});
