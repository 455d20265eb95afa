import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One local runtime (DynamoDB Local + API server) for all API tests; tests isolate by data they create.
    // The browser tests (test/e2e) need web/dist: built first when missing or older than web/src.
    globalSetup: ['test/e2e/build-web.ts', 'test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
