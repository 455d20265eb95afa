/**
 * Operational alarms and where they go: one SNS topic (KMS-encrypted, TLS-only) with the company's
 * admin e-mail subscribed. Other constructs add alarms through `alarmOn`, so every alarm notifies
 * the same way (on ALARM and on OK).
 */
import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

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
}

export class PortalAlarms extends Construct {
  readonly topic: Topic;
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
    this.topic.addSubscription(new EmailSubscription(props.adminEmail));
  }

  /** An alarm on `metric` >= threshold in one period, notifying the topic on ALARM and OK. */
  alarmOn(id: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, id, {
      metric: spec.metric,
      alarmDescription: spec.description,
      threshold: spec.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
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
}
