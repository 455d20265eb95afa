/**
 * Local-only fault injection for workflow tasks: `POST /api/dev/faults { "task": "assign", "times": 2,
 * "error": "TransientError" }` makes the next two invocations of that task fail with that error name,
 * so tests can show Retry and Catch working on the real definitions.
 */
import type { DevRoute } from '../api-server';
import type { LoadTask, TaskHandler } from '../stepfunctions';

interface Fault {
  times: number;
  error: string;
}

export class TaskFaults {
  private readonly pending = new Map<string, Fault>();

  wrap(load: LoadTask): LoadTask {
    return async (module) => {
      const handler = await load(module);
      const wrapped: TaskHandler = (event, context) => {
        const fault = this.pending.get(module);
        if (fault && fault.times > 0) {
          fault.times -= 1;
          const error = new Error(`injected fault in ${module}`);
          error.name = fault.error;
          throw error;
        }
        return handler(event, context);
      };
      return wrapped;
    };
  }

  routes(): DevRoute[] {
    return [
      {
        method: 'POST',
        path: '/dev/faults',
        handle: async (body) => {
          const { task, times, error } = (body ?? {}) as { task?: unknown; times?: unknown; error?: unknown };
          if (typeof task !== 'string' || typeof times !== 'number' || typeof error !== 'string')
            return {
              status: 400,
              body: {
                error: { code: 'validation_failed', message: 'task, times and error are required', details: [] },
              },
            };
          this.pending.set(task, { times, error });
          return { status: 200, body: { task, times, error } };
        },
      },
    ];
  }
}
