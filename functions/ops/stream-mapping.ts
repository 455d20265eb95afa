/**
 * The history stream's event source mapping as plain values, shared by the CDK construct
 * (lib/constructs/history-stream-consumer.ts), the local stand-in for the mapping (local/streams.ts)
 * and the dead-letter replay, which must not load aws-cdk-lib to know them.
 */
export const STREAM_MAPPING = {
  /** Records per invocation; the consumers' timeout is sized for it. */
  batchSize: 25,
  /** Retries of a failing batch before it goes to the consumer's dead-letter queue. */
  retryAttempts: 5,
} as const;

const pascal = (module: string) =>
  module
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The service stack's output keys of one consumer (functions/events/<module>.ts), read by the replay CLI. */
export const consumerOutputKeys = (module: string) => ({
  queueUrl: `${pascal(module)}DeadLetterQueueUrl`,
  functionName: `${pascal(module)}ConsumerFunctionName`,
});

/** The consumer module of a dead-letter queue URL output key, or undefined for any other key. */
export function consumerOfOutputKey(key: string): string | undefined {
  const match = /^([A-Z][A-Za-z0-9]*)DeadLetterQueueUrl$/.exec(key);
  return match?.[1] && match[1].charAt(0).toLowerCase() + match[1].slice(1);
}
