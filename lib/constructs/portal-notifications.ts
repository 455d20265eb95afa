/**
 * The outbox consumer: the table's stream feeds functions/events/notify.ts, which turns every new
 * history event into the e-mails it implies. The event source mapping passes on only INSERTs of
 * history events (`entity = 'event'`), reports failed records (the handler answers batchItemFailures
 * and the batch resumes there), splits a failing batch, retries a few times and then records the
 * batch it gave up on in an SQS dead-letter queue. Sends are idempotent per (request, event,
 * recipient) in the handler, so every retry and replay is safe.
 *
 * A stream dead letter holds the shard and sequence numbers of the skipped records, not the records:
 * they stay readable from the stream for 24 hours after they were written (README: replaying).
 */
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition, type EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PortalFunction, type MailBinding } from './portal-function';

/** The event source mapping's settings (the infra tests read them from here). */
export const NOTIFY_STREAM = {
  batchSize: 25,
  retryAttempts: 5,
  /** Skipped after this long unprocessed, which leaves ~18 of the stream's 24 hours to replay them. */
  maxRecordAge: Duration.hours(6),
  /** Time for a batch of 25 events at a few sends each, below which a stuck SES call fails the batch. */
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

export interface PortalNotificationsProps {
  table: ITable;
  mail: MailBinding;
  /** The portal's public URL, for the links in the e-mails. */
  portalUrl: string;
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

export class PortalNotifications extends Construct {
  readonly function: PortalFunction;
  readonly deadLetterQueue: Queue;
  readonly mapping: EventSourceMapping;

  constructor(scope: Construct, id: string, props: PortalNotificationsProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error(`The table ${props.table.node.path} has no stream: the notifications need one`);

    this.function = new PortalFunction(this, 'notify', {
      entry: 'functions/events/notify.ts',
      description: 'Backoffice Portal stream consumer: functions/events/notify.ts',
      timeout: NOTIFY_STREAM.timeout,
      logs: props.logs,
    })
      // Reads the request; claims each notice, records the send and stores approve-by-mail tokens.
      .useTable(props.table, 'readWrite')
      .useMail(props.mail)
      .usePortalUrl(props.portalUrl);

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: NOTIFY_STREAM.deadLetterRetention,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the notification stream consumer: nothing consumes ' +
        'it automatically, its messages stay 14 days (the SQS maximum) and the "DLQ not empty" alarm reports the ' +
        'first one. A dead-letter queue of a dead-letter queue would only move the same messages.',
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'The dead-letter queue of the notification stream consumer itself (see AwsSolutions-SQS3): nothing ' +
        'receives from it automatically, so no message can fail to be processed and need redriving.',
    });

    // Explicit stream grants: Table.grantStreamRead (used by DynamoEventSource) adds ListStreams on "*".
    this.function.addToRolePolicy(new PolicyStatement({ actions: STREAM_READ_ACTIONS, resources: [streamArn] }));
    this.mapping = this.function.addEventSourceMapping('TableStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: NOTIFY_STREAM.batchSize,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: NOTIFY_STREAM.retryAttempts,
      maxRecordAge: NOTIFY_STREAM.maxRecordAge,
      // One batch at a time per shard: the e-mails of one request go out in history order.
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
  }
}
