import type { TestProject } from 'vitest/node';
import { startRuntime, type Runtime } from '../../local/runtime';

let runtime: Runtime | undefined;

export async function setup(project: TestProject) {
  // Many test files write as the same demo users at once; the allowance itself is tested on a runtime of its own.
  process.env.WRITES_PER_MINUTE = '100000';
  process.env.READS_PER_MINUTE = '1000000';
  runtime = await startRuntime({ port: 0 });
  project.provide('baseUrl', runtime.url);
}

export async function teardown() {
  await runtime?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
