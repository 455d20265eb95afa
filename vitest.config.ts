import { defineConfig } from 'vitest/config';

/** Tests that need no local runtime, no Java, no browser and no web build (`npm run test:unit` adds the use cases). */
const UNIT = [
  'test/unit/**/*.test.ts',
  'test/analytics/{domain,histogram,metrics}.test.ts',
  'test/workflows/{definitions,history-consumer}.test.ts',
  'test/local/**/*.test.ts',
];
/** Use cases through their ports on one DynamoDB Local (no API server, no workflows engine, no web build). */
const USECASES = ['test/usecases/**/*.test.ts'];
/** CDK assertions and bundles: synthesis is CPU-heavy, so their budgets allow for a loaded 2-core machine. */
const INFRA = ['test/infra/**/*.test.ts'];

export default defineConfig({
  test: {
    // Lambda runs the latest Node; the SDK's notice about this machine's Node 20 is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'usecases',
          include: USECASES,
          globalSetup: ['test/usecases/setup.ts'],
          setupFiles: ['test/usecases/table.ts'],
        },
      },
      { extends: true, test: { name: 'infra', include: INFRA, testTimeout: 120_000, hookTimeout: 240_000 } },
      {
        extends: true,
        test: {
          name: 'runtime',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, ...USECASES, ...INFRA],
          // One local runtime (DynamoDB Local + API server) for all API tests; tests isolate by data they create.
          // The browser tests (test/e2e) need web/dist: built first when missing or older than web/src.
          globalSetup: ['test/e2e/check-chromium.ts', 'test/e2e/build-web.ts', 'test/support/global-setup.ts'],
        },
      },
    ],
  },
});
