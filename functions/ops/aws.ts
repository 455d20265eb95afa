/**
 * The cloud transports of the dead-letter replay: the consumers' dead-letter queues (SQS), their
 * functions (Lambda Invoke, RequestResponse, like the event source mapping) and where both are
 * found (the service stack's outputs, lib/constructs/history-stream-consumer.ts).
 */
import { CloudFormationClient, DescribeStacksCommand, type Output } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { DeadLetter, DeadLetterQueue, StreamConsumerInvoker } from './replay-dead-letters';
import { consumerOfOutputKey, consumerOutputKeys } from './stream-mapping';

/** Long enough for a whole run: a message received once stays invisible until released or deleted. */
const RUN_VISIBILITY_SECONDS = 15 * 60;

export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async *receive(): AsyncIterable<DeadLetter> {
    for (;;) {
      // Long polling asks every SQS server, so an empty answer means the queue is (visibly) empty.
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 2,
          VisibilityTimeout: RUN_VISIBILITY_SECONDS,
        }),
      );
      if (Messages.length === 0) return;
      for (const message of Messages)
        if (message.ReceiptHandle) yield { id: message.ReceiptHandle, body: message.Body ?? '' };
    }
  }

  async delete(letter: DeadLetter): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: letter.id }));
  }

  async release(letter: DeadLetter): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: letter.id, VisibilityTimeout: 0 }),
    );
  }
}

/** Invokes the consumer function as the event source mapping does and reads what it answered. */
export function lambdaInvoker(lambda: LambdaClient, functionName: string): StreamConsumerInvoker {
  return async (event) => {
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    if (result.FunctionError) return { functionError: `${result.FunctionError} ${text}`.trim() };
    return { response: text ? (JSON.parse(text) as DynamoDBBatchResponse | null) : null };
  };
}

export interface DeployedConsumer {
  name: string;
  queueUrl: string;
  functionName: string;
}

/** The stream consumers a service stack's outputs name (output keys: functions/ops/stream-mapping.ts). */
export function consumersFromOutputs(stackName: string, outputs: Output[]): DeployedConsumer[] {
  const values = new Map(outputs.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const consumers: DeployedConsumer[] = [];
  for (const [key, queueUrl] of values) {
    const name = consumerOfOutputKey(key);
    if (!name) continue;
    const functionName = values.get(consumerOutputKeys(name).functionName);
    if (!functionName || !queueUrl) throw new Error(`Stack ${stackName}: output ${key} has no function name beside it`);
    consumers.push({ name, queueUrl, functionName });
  }
  return consumers;
}

/** The stream consumers of a deployed service stack. */
export async function deployedConsumers(stackName: string) {
  const cfn = new CloudFormationClient({});
  try {
    const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    return consumersFromOutputs(stackName, Stacks[0]?.Outputs ?? []);
  } finally {
    cfn.destroy();
  }
}
