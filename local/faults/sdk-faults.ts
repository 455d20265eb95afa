/**
 * Fault injection for the local runtime and tests: an AWS SDK v3 middleware on the handlers' own
 * clients (DynamoDB, Step Functions, SES) that, with configured probabilities, throws a throttling
 * error before a call, loses the acknowledgement of a call that succeeded (a retryable network
 * error after it), delays it, or crashes an API handler right after its commit. The production
 * code is unchanged: the middleware is added from outside, to the exported clients.
 */
import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';
import type { DevRoute } from '../api-server';
import { invocation } from './invocation';

export interface SdkFaultConfig {
  /** Probability of a throttling error before a call (the SDK retries it). */
  throttle: number;
  /** Probability that a successful DynamoDB/Step Functions call loses its answer (the SDK retries it). */
  lostAck: number;
  /** Probability that an API handler crashes right after a successful TransactWriteItems (500). */
  crashAfterCommit: number;
  /** Probability and size of a delay before a call. */
  delay: number;
  delayMs: number;
}

export const NO_FAULTS: SdkFaultConfig = { throttle: 0, lostAck: 0, crashAfterCommit: 0, delay: 0, delayMs: 0 };

interface Client<I extends object, O extends object> {
  middlewareStack: MiddlewareStack<I, O>;
}

/** An error the SDK's retry strategy treats as transient, like a dropped connection. */
function transient(name: string, message: string) {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: name === 'ThrottlingException' ? 400 : 503 },
  });
}

export class SdkFaults {
  config: SdkFaultConfig = { ...NO_FAULTS };
  readonly counts = { throttles: 0, lostAcks: 0, crashes: 0, delays: 0 };

  constructor(private readonly random: () => number = Math.random) {}

  /** Adds the fault middleware to a client; `service` tells which faults apply. */
  attach<I extends object, O extends object>(client: Client<I, O>, service: 'dynamodb' | 'sfn' | 'ses') {
    const middleware: FinalizeRequestMiddleware<I, O> = (next, context) => async (args) => {
      await this.before(service);
      const result = await next(args);
      this.after(service, context.commandName ?? '');
      return result;
    };
    // Inside the retry loop (finalizeRequest, low priority), so injected transient errors are retried.
    client.middlewareStack.add(middleware, {
      step: 'finalizeRequest',
      name: `localFaults-${service}`,
      priority: 'low',
    });
  }

  private async before(service: string) {
    if (this.config.delay > 0 && this.random() < this.config.delay) {
      this.counts.delays++;
      await new Promise((r) => setTimeout(r, this.config.delayMs));
    }
    if (this.random() < this.config.throttle) {
      this.counts.throttles++;
      throw transient('ThrottlingException', `injected throttle (${service})`);
    }
  }

  private after(service: string, command: string) {
    // SES has no idempotency token: a lost acknowledgement there would really send twice, so it
    // is not simulated (see the closing note); throttles before SES calls are.
    if (service !== 'ses' && this.random() < this.config.lostAck) {
      this.counts.lostAcks++;
      throw transient('TimeoutError', 'injected lost acknowledgement');
    }
    const api = invocation.getStore() === 'api';
    if (api && command === 'TransactWriteItemsCommand' && this.random() < this.config.crashAfterCommit) {
      this.counts.crashes++;
      throw Object.assign(new Error('injected crash after commit'), { name: 'HandlerCrashed' });
    }
  }

  routes(): DevRoute[] {
    return [
      {
        method: 'POST',
        path: '/dev/faults/sdk',
        handle: async (body) => {
          this.config = { ...NO_FAULTS, ...(body as Partial<SdkFaultConfig>) };
          return { status: 200, body: { config: this.config, counts: this.counts } };
        },
      },
      {
        method: 'GET',
        path: '/dev/faults/sdk',
        handle: async () => ({ status: 200, body: { config: this.config, counts: this.counts } }),
      },
    ];
  }
}
