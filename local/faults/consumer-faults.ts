/**
 * Local-only fault injection for the stream consumers: `POST /api/dev/faults/streams { "consumer":
 * "notify", "times": 3 }` makes its next three invocations fail like a crashing function (no
 * `times`: until `{ "times": 0 }`), so tests can exhaust the retries and replay the dead letters.
 */
import type { DevRoute } from '../api-server';
import type { StreamConsumer, StreamHandler } from '../streams';

export class ConsumerFaults {
  private readonly remaining = new Map<string, number>();
  private readonly names = new Set<string>();

  wrap(consumers: StreamConsumer[]): StreamConsumer[] {
    return consumers.map(({ name, handler }) => {
      this.names.add(name);
      const wrapped: StreamHandler = async (event) => {
        const left = this.remaining.get(name) ?? 0;
        if (left <= 0) return handler(event);
        this.remaining.set(name, left - 1);
        throw Object.assign(new Error(`injected fault in the ${name} stream consumer`), { name: 'InjectedFault' });
      };
      return { name, handler: wrapped };
    });
  }

  routes(): DevRoute[] {
    return [
      {
        method: 'POST',
        path: '/dev/faults/streams',
        handle: async (body) => {
          const { consumer, times = Infinity } = (body ?? {}) as { consumer?: unknown; times?: unknown };
          if (typeof consumer !== 'string' || !this.names.has(consumer) || typeof times !== 'number')
            return {
              status: 400,
              body: {
                error: {
                  code: 'validation_failed',
                  message: `consumer (one of ${[...this.names].join(', ')}) is required; times is a number`,
                  details: [],
                },
              },
            };
          this.remaining.set(consumer, times);
          return { status: 200, body: { consumer, times: Number.isFinite(times) ? times : null } };
        },
      },
    ];
  }
}
