/**
 * The local Step Functions service in one call: the engine plus its AWS JSON endpoint, and the
 * environment the handlers need to reach it (AWS_ENDPOINT_URL_SFN, the state machine ARNs).
 */
import { STATE_MACHINES } from '../../functions/workflow/tasks';
import { StepFunctionsEngine, type EngineOptions } from './engine';
import { startSfnEndpoint, type SfnEndpoint } from './endpoint';

export { StepFunctionsEngine } from './engine';
export { workflowLoader } from './tasks';
export type { EngineOptions, ExecutionDescription, EngineStats, LoadTask, TaskHandler } from './engine';
export { startSfnEndpoint, type SfnEndpoint } from './endpoint';

export interface LocalStepFunctions {
  engine: StepFunctionsEngine;
  endpoint: SfnEndpoint;
  /** AWS_ENDPOINT_URL_SFN and each STATE_MACHINES[name].env -> its local ARN. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalStepFunctions(options: EngineOptions & { port?: number }): Promise<LocalStepFunctions> {
  const engine = await StepFunctionsEngine.start(options);
  const endpoint = await startSfnEndpoint(engine, options.port ?? 0);
  const env: Record<string, string> = { AWS_ENDPOINT_URL_SFN: endpoint.url };
  for (const [name, machine] of Object.entries(STATE_MACHINES)) env[machine.env] = engine.stateMachineArn(name);
  return {
    engine,
    endpoint,
    env,
    async stop() {
      await endpoint.close();
      await engine.stop();
    },
  };
}
