/**
 * A handler module of functions/events/ run on a schedule: an EventBridge rule fires every `every` and
 * invokes the function asynchronously. Meant for samplers that read the state of now (the backlog
 * gauges): a late or retried run is as good as a punctual one and a lost run is replaced by the next,
 * so nothing is kept for replay; the admins hear of failures from the function's Errors alarm and the
 * rule's FailedInvocations alarm (lib/service-stack.ts).
 */
import { Validations, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PortalFunction } from './portal-function';

/** EventBridge's own retries of a failed delivery (Lambda then retries a failed run twice more). */
const DELIVERY_RETRIES = 2;

export interface PortalScheduleProps {
  /** The handler module, functions/events/<module>.ts; also the function's id. */
  module: string;
  every: Duration;
  /** What the handler needs (table, ...): the `use*` helpers of PortalFunction. */
  grants: (fn: PortalFunction) => unknown;
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
}

export class PortalSchedule extends Construct {
  readonly module: string;
  readonly function: PortalFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: PortalScheduleProps) {
    super(scope, id);
    const { module, every } = props;
    this.module = module;
    this.function = new PortalFunction(this, module, {
      entry: `functions/events/${module}.ts`,
      description: `Backoffice Portal scheduled job: functions/events/${module}.ts`,
      logs: props.logs,
    });
    props.grants(this.function);
    this.rule = new Rule(this, 'Schedule', {
      description: `Runs functions/events/${module}.ts every ${every.toHumanString()}`,
      schedule: Schedule.rate(every),
      // A delivery older than the next run would only repeat it.
      targets: [new LambdaFunction(this.function, { retryAttempts: DELIVERY_RETRIES, maxEventAge: every })],
    });
    Validations.of(this.rule).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        `The scheduled event carries no data: functions/events/${module}.ts samples the current state, and the ` +
        `rule fires again ${every.toHumanString()} later. A dead-lettered event could only be replayed as a stale ` +
        'duplicate run. Failed deliveries raise the FailedInvocations alarm of this rule.',
    });
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        `Invoked asynchronously by its ${every.toHumanString()} EventBridge rule: Lambda retries a failed run twice, ` +
        'then drops it, and the next scheduled run samples anew, so a dead-letter queue would hold only stale ' +
        'triggers. Failed runs raise the function Errors alarm.',
    });
  }

  /** Times the rule could not invoke the function (e.g. throttled, or its permission gone). */
  metricFailedInvocations(period: Duration): Metric {
    return new Metric({
      namespace: 'AWS/Events',
      metricName: 'FailedInvocations',
      dimensionsMap: { RuleName: this.rule.ruleName },
      statistic: 'Sum',
      period,
    });
  }
}
