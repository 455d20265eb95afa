import type { TestProject } from 'vitest/node';
import { startRuntime, type Runtime } from '../../local/runtime';

let runtime: Runtime | undefined;

export async function setup(project: TestProject) {
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
