/**
 * Operational alarms and where they go: one SNS topic (KMS-encrypted, TLS-only) with the company's
 * admin e-mail subscribed. Other constructs add alarms through `alarmOn`, so every alarm notifies
 * the same way (on ALARM and on OK).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  TreatMissingData,
  type IMetric,
  type Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { insightsQuery } from '../metrics';

export interface PortalAlarmsProps {
  adminEmail: string;
  /** Evaluation period of the alarms this construct creates. */
  period: Duration;
}

export interface AlarmSpec {
  metric: IMetric;
  description: string;
  /** Alarm when the metric is at least this. @default 1 */
  threshold?: number;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  comparison?: ComparisonOperator;
}

export class PortalAlarms extends Construct {
  readonly topic: Topic;
  /** Every alarm created here (the dashboard shows their state). */
  readonly all: Alarm[] = [];
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: PortalAlarmsProps) {
    super(scope, id);
    this.period = props.period;
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key: a key of our own that it may use.
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Backoffice Portal alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Backoffice Portal alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const subscription = this.topic.addSubscription(new EmailSubscription(props.adminEmail));
    Validations.of(subscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        "The only subscription is the admins' e-mail. SNS retries e-mail deliveries itself; a dead-letter queue " +
        "would hold undelivered alarm notifications where nobody is notified of them. The alarms' state stays " +
        'visible on the dashboard and in the CloudWatch console either way.',
    });
  }

  /** An alarm on `metric` >= threshold in one period, notifying the topic on ALARM and OK. */
  alarmOn(id: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, id, {
      metric: spec.metric,
      alarmDescription: spec.description,
      threshold: spec.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: spec.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.all.push(alarm);
    return alarm;
  }

  private sum(metric: Metric): Metric {
    return metric.with({ statistic: 'Sum', period: this.period });
  }

  /** Any 5xx answer from the API: handlers map every expected failure to 4xx, so a 5xx is a fault. */
  apiServerErrors(api: IHttpApi): Alarm {
    return this.alarmOn('Api5xx', {
      metric: this.sum(api.metricServerError()),
      description: 'The portal API answered 5xx (unhandled error, timeout or throttled integration).',
    });
  }

  /** Any failed invocation of the function (crash at start-up, timeout, out of memory). */
  functionErrors(id: string, fn: IFunction): Alarm {
    return this.alarmOn(`${id}Errors`, {
      metric: this.sum(fn.metricErrors()),
      description: `The portal function ${id} failed an invocation (crash, timeout or out of memory).`,
    });
  }

  /**
   * Any execution that failed or timed out. Rejected, returned and cancelled requests end in Succeed
   * (or are stopped, which is ExecutionsAborted), so a failed execution is a fault, already recorded
   * in the request's history by record-failure.
   */
  workflowFailures(id: string, stateMachine: IStateMachine): Alarm[] {
    return [
      this.alarmOn(`${id}ExecutionsFailed`, {
        metric: this.sum(stateMachine.metricFailed()),
        description: `An execution of the ${id} state machine failed (a task failed for good; see the request history).`,
      }),
      this.alarmOn(`${id}ExecutionsTimedOut`, {
        metric: this.sum(stateMachine.metricTimedOut()),
        description: `An execution of the ${id} state machine timed out.`,
      }),
    ];
  }

  /** Any message in a dead-letter queue: something was given up on and needs a look (and a replay). */
  deadLetters(id: string, queue: IQueue, what: string): Alarm {
    return this.alarmOn(`${id}DeadLetters`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: this.period }),
      description: `DLQ not empty: ${what}`,
    });
  }

  /** A stream consumer falling behind: its oldest unprocessed record is older than `maxAge`. */
  streamIteratorAge(id: string, fn: IFunction, maxAge: Duration): Alarm {
    return this.alarmOn(`${id}IteratorAge`, {
      metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: this.period }),
      threshold: maxAge.toMilliseconds(),
      description: `The stream consumer ${id} is more than ${maxAge.toHumanString()} behind the table's stream.`,
    });
  }

  /**
   * More than `threshold` SLA breaches within one hour: the EMF metric SlaBreaches summed over all its
   * dimensions by a Metrics Insights query (lib/metrics.ts).
   */
  slaBreachSpike(threshold: number): Alarm {
    return this.alarmOn('SlaBreachSpike', {
      metric: new MathExpression({
        expression: insightsQuery('SUM', 'slaBreaches'),
        label: 'SLA breaches',
        period: Duration.hours(1),
      }),
      threshold,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `SLA breach spike: more than ${threshold} requests missed their SLA within one hour.`,
    });
  }
}
