/** Every state machine definition is valid and cannot hang: checked on the files CDK deploys. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { STATE_MACHINES, WORKFLOW_TASKS } from '../../functions/workflow/tasks';

const DIR = join(import.meta.dirname, '../../statemachines');
const files = readdirSync(DIR).filter((f) => f.endsWith('.asl.json'));

interface State {
  Type: string;
  Resource?: string;
  Retry?: unknown[];
  Catch?: unknown[];
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  ItemProcessor?: { States: Record<string, State> };
  Iterator?: { States: Record<string, State> };
  Branches?: { States: Record<string, State> }[];
}

/** Every state, also inside Map and Parallel. */
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...allStates(state.ItemProcessor?.States ?? state.Iterator?.States ?? {}),
    ...(state.Branches ?? []).flatMap((b) => allStates(b.States)),
  ]);
}

describe.each(files)('statemachines/%s', (file) => {
  const definition = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { States: Record<string, State> };
  const states = allStates(definition.States);
  const tasks = states.filter(([, s]) => s.Type === 'Task');

  it('should pass asl-validator', () => {
    const { isValid, errorsText } = aslValidator(structuredClone(definition));
    expect(isValid, errorsText()).toBe(true);
  });

  it('should give every Task a Retry and a Catch', () => {
    for (const [name, state] of tasks) {
      expect(state.Retry?.length, `${name} Retry`).toBeGreaterThan(0);
      expect(state.Catch?.length, `${name} Catch`).toBeGreaterThan(0);
    }
  });

  it('should give every wait for a task token a timeout and a heartbeat', () => {
    for (const [name, state] of tasks.filter(([, s]) => s.Resource?.endsWith('.waitForTaskToken'))) {
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, `${name} timeout`).toBeDefined();
      expect(state.HeartbeatSeconds ?? state.HeartbeatSecondsPath, `${name} heartbeat`).toBeDefined();
    }
  });

  it('should name only known workflow tasks', () => {
    const used = [...JSON.stringify(definition).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    for (const key of used) expect(Object.keys(WORKFLOW_TASKS)).toContain(key);
  });
});

it('should deploy every state machine file and nothing else', () => {
  expect(
    Object.values(STATE_MACHINES)
      .map((m) => m.file)
      .sort(),
  ).toEqual([...files].sort());
});
