/**
 * A consumer of the history outbox: the table's stream feeds one handler module of functions/events/,
 * which turns new history events into their effects (e-mails, workflow starts, analytics aggregates).
 * Every consumer gets the same event source mapping: it passes on only INSERTs of history events
 * (`entity = 'event'`), reports failed records (the handler answers batchItemFailures and the batch
 * resumes there), splits a failing batch, retries a few times and then records the batch it gave up
 * on in a dead-letter queue of its own. The handlers are idempotent per event, so every retry and
 * replay is safe.
 *
 * A stream dead letter holds the shard and sequence numbers of the skipped records, not the records:
 * they stay readable from the stream for 24 hours after they were written. `npm run replay-dead-letters`
 * (functions/ops/) replays them; it finds each consumer's queue and function by the stack outputs
 * added here (README: replaying).
 *
 * Each consumer polls every shard on its own. AWS recommends at most two simultaneous readers per
 * DynamoDB Streams shard (more can be throttled, which shows as iterator age, not as lost records),
 * hence two consumers (lib/service-stack.ts HistoryConsumer).
 */
import { CfnOutput, Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition, type EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { consumerOutputKeys, STREAM_MAPPING } from '../../functions/ops/stream-mapping';
import { PortalFunction } from './portal-function';

/** The event source mapping's settings, the same for every consumer (the infra tests read them from here). */
export const HISTORY_STREAM = {
  // Plain values the local runtime and the replay tool share (without loading aws-cdk-lib).
  batchSize: STREAM_MAPPING.batchSize,
  retryAttempts: STREAM_MAPPING.retryAttempts,
  /** Skipped after this long unprocessed, which leaves ~18 of the stream's 24 hours to replay them. */
  maxRecordAge: Duration.hours(6),
  /** Time for a batch of 25 events at a few calls each (SES, Step Functions), below which a stuck call fails the batch. */
  timeout: Duration.seconds(60),
  /** Alarm when the oldest unprocessed record is older than this. */
  maxIteratorAge: Duration.minutes(15),
  deadLetterRetention: Duration.days(14),
} as const;

/** The stream read actions Lambda's event source mapping needs, on the table's stream only. */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

export interface HistoryStreamConsumerProps {
  table: ITable;
  /** The handler module, functions/events/<module>.ts; also the function's id. */
  module: string;
  /** What goes missing while a batch sits in the dead-letter queue (the DLQ alarm says it). */
  lost: string;
  /**
   * Everything the handler does besides reading the stream (table, mail, workflows): the `use*`
   * helpers of PortalFunction, so each environment variable comes with its permission.
   */
  grants: (fn: PortalFunction) => unknown;
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

export class HistoryStreamConsumer extends Construct {
  /** The handler module (functions/events/<module>.ts). */
  readonly module: string;
  readonly function: PortalFunction;
  readonly deadLetterQueue: Queue;
  readonly mapping: EventSourceMapping;
  /** What the DLQ alarm says goes missing. */
  readonly lost: string;

  constructor(scope: Construct, id: string, props: HistoryStreamConsumerProps) {
    super(scope, id);
    const { module } = props;
    const streamArn = props.table.tableStreamArn;
    if (!streamArn)
      throw new Error(`The table ${props.table.node.path} has no stream: the ${module} stream consumer needs one`);
    this.module = module;
    this.lost = props.lost;

    this.function = new PortalFunction(this, module, {
      entry: `functions/events/${module}.ts`,
      description: `Backoffice Portal stream consumer: functions/events/${module}.ts`,
      timeout: HISTORY_STREAM.timeout,
      logs: props.logs,
    });
    props.grants(this.function);

    this.deadLetterQueue = this.deadLetters();
    // Explicit stream grants: Table.grantStreamRead (used by DynamoEventSource) adds ListStreams on "*".
    this.function.addToRolePolicy(new PolicyStatement({ actions: STREAM_READ_ACTIONS, resources: [streamArn] }));
    this.mapping = this.function.addEventSourceMapping('TableStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: HISTORY_STREAM.batchSize,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: HISTORY_STREAM.retryAttempts,
      maxRecordAge: HISTORY_STREAM.maxRecordAge,
      // One batch at a time per shard: a request's events are handled in history order.
      parallelizationFactor: 1,
      // Only new history events reach the function (it ignores any other record: functions/adapters/store/stream.ts).
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('event') } } },
        }),
      ],
      onFailure: new SqsDlq(this.deadLetterQueue),
    });
    this.outputs();
  }

  /** Where the replay tool finds this consumer: stable output keys named after the module. */
  private outputs() {
    const keys = consumerOutputKeys(this.module);
    const queueUrl = new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: `Dead letters of the ${this.module} stream consumer (npm run replay-dead-letters)`,
    });
    queueUrl.overrideLogicalId(keys.queueUrl);
    const functionName = new CfnOutput(this, 'FunctionName', {
      value: this.function.functionName,
      description: `The ${this.module} stream consumer (functions/events/${this.module}.ts)`,
    });
    functionName.overrideLogicalId(keys.functionName);
  }

  private deadLetters(): Queue {
    const queue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: HISTORY_STREAM.deadLetterRetention,
    });
    const consumer = `the ${this.module} stream consumer`;
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        `This queue is itself the dead-letter destination of ${consumer}: nothing consumes it automatically, ` +
        'its messages stay 14 days (the SQS maximum) and the "DLQ not empty" alarm reports the first one. ' +
        'A dead-letter queue of a dead-letter queue would only move the same messages.',
    });
    Validations.of(queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        `The dead-letter queue of ${consumer} itself (see AwsSolutions-SQS3): nothing receives from it ` +
        'automatically, so no message can fail to be processed and need redriving.',
    });
    return queue;
  }
}
