/**
 * The admins' CloudWatch dashboard: the alarms' state first, then the business (requests submitted
 * and resolved by category, SLA warnings and breaches, approval wait, backlog by team with its breached
 * requests and oldest wait: the EMF metrics of lib/metrics.ts, read with Metrics Insights queries), then the technical side (API, functions,
 * workflows, stream consumers, e-mail, web). A metric nobody emits yet simply shows no data.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  BACKLOG_SAMPLE_MINUTES,
  insightsQuery,
  METRIC_DIMENSIONS,
  METRICS_NAMESPACE,
  type BusinessMetric,
  type InsightsFunction,
} from '../metrics';

/** The widget titles, one per metric group (the infra tests look for each). */
export const DASHBOARD_WIDGETS = {
  alarms: 'Alarms',
  requestsSubmitted: 'Requests submitted by category',
  requestsResolved: 'Requests resolved by category',
  sla: 'SLA warnings and breaches',
  approvalWait: 'Approval wait (business hours)',
  backlog: 'Backlog by team (open requests)',
  backlogAge: 'Backlog by team: SLA breached (left), oldest wait in business hours (right)',
  apiRequests: 'API requests, 4xx and 5xx',
  apiErrorRate: 'API 5xx rate (%)',
  apiLatency: 'API latency p99 (ms)',
  lambdaErrors: 'Lambda errors by function',
  lambdaThrottles: 'Lambda throttles by function',
  lambdaDuration: 'Lambda duration p99 by function (ms)',
  workflows: 'State machine executions failed and timed out',
  deadLetters: 'Stream consumers: dead-letter queue depth',
  streamAge: 'Stream consumers: iterator age (ms)',
  mail: 'E-mail (SES account): sent, bounces, complaints',
  web: 'Web (CloudFront): requests and error rates',
} as const;

export interface PortalDashboardProps {
  dashboardName: string;
  api: IHttpApi;
  /** Every function by a readable name. */
  functions: Record<string, IFunction>;
  stateMachines: Record<string, IStateMachine>;
  /** The consumers of the table's stream by a readable name. */
  streamConsumers: Record<string, { function: IFunction; deadLetterQueue: IQueue }>;
  distribution: IDistribution;
  alarms: IAlarm[];
  /** Period of the technical graphs. */
  period: Duration;
}

const WIDTH = 8;
const HEIGHT = 6;
/** Business counts read best per hour. */
const HOUR = Duration.hours(1);

export class PortalDashboard extends Construct {
  readonly dashboard: Dashboard;
  /** The console URL of the dashboard. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PortalDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          `# Backoffice Portal\nAlarms notify the admin e-mail. Business metrics are EMF metrics of the analytics ` +
          `stream consumer and of the backlog sampler (every ${BACKLOG_SAMPLE_MINUTES} minutes; namespace ` +
          `\`${METRICS_NAMESPACE}\`); a graph without data means nothing was emitted yet.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: DASHBOARD_WIDGETS.alarms, alarms: props.alarms, width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(...this.businessWidgets());
    this.dashboard.addWidgets(...this.apiWidgets(props));
    this.dashboard.addWidgets(...this.functionWidgets(props));
    this.dashboard.addWidgets(...this.operationsWidgets(props));

    const region = Stack.of(this).region;
    this.url = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${props.dashboardName}`;
  }

  private businessWidgets(): IWidget[] {
    const query = (fn: InsightsFunction, metric: BusinessMetric, label: string, groupBy?: string) =>
      new MathExpression({ expression: insightsQuery(fn, metric, groupBy), label, period: HOUR });
    const { category, team } = METRIC_DIMENSIONS;
    return [
      graph(DASHBOARD_WIDGETS.requestsSubmitted, [query('SUM', 'requestsSubmitted', 'submitted', category)], {
        stacked: true,
      }),
      graph(DASHBOARD_WIDGETS.requestsResolved, [query('SUM', 'requestsResolved', 'resolved', category)], {
        stacked: true,
      }),
      graph(DASHBOARD_WIDGETS.sla, [
        query('SUM', 'slaWarnings', 'SLA warnings'),
        query('SUM', 'slaBreaches', 'SLA breaches'),
      ]),
      graph(DASHBOARD_WIDGETS.approvalWait, [
        query('AVG', 'approvalWaitHours', 'average'),
        query('MAX', 'approvalWaitHours', 'longest'),
      ]),
      // Gauges: the hour's highest sample per team.
      graph(DASHBOARD_WIDGETS.backlog, [query('MAX', 'backlog', 'open', team)]),
      new GraphWidget({
        title: DASHBOARD_WIDGETS.backlogAge,
        left: [query('MAX', 'backlogBreached', 'breached', team)],
        right: [query('MAX', 'backlogOldestHours', 'oldest (h)', team)],
        width: WIDTH,
        height: HEIGHT,
      }),
    ];
  }

  private apiWidgets(props: PortalDashboardProps): IWidget[] {
    const { api, period } = props;
    const sum = { statistic: 'Sum', period };
    return [
      graph(DASHBOARD_WIDGETS.apiRequests, [
        api.metricCount({ ...sum, label: 'requests' }),
        api.metricClientError({ ...sum, label: '4xx' }),
        api.metricServerError({ ...sum, label: '5xx' }),
      ]),
      graph(DASHBOARD_WIDGETS.apiErrorRate, [
        new MathExpression({
          expression: 'IF(requests > 0, 100 * errors / requests, 0)',
          usingMetrics: { requests: api.metricCount(sum), errors: api.metricServerError(sum) },
          label: '5xx %',
          period,
        }),
      ]),
      graph(DASHBOARD_WIDGETS.apiLatency, [
        api.metricLatency({ statistic: 'p99', period, label: 'latency p99' }),
        api.metricIntegrationLatency({ statistic: 'p99', period, label: 'integration p99' }),
      ]),
    ];
  }

  private functionWidgets(props: PortalDashboardProps): IWidget[] {
    const { period } = props;
    const each = (metric: (fn: IFunction, name: string) => IMetric) =>
      Object.entries(props.functions).map(([name, fn]) => metric(fn, name));
    return [
      graph(
        DASHBOARD_WIDGETS.lambdaErrors,
        each((fn, label) => fn.metricErrors({ statistic: 'Sum', period, label })),
      ),
      graph(
        DASHBOARD_WIDGETS.lambdaThrottles,
        each((fn, label) => fn.metricThrottles({ statistic: 'Sum', period, label })),
      ),
      graph(
        DASHBOARD_WIDGETS.lambdaDuration,
        each((fn, label) => fn.metricDuration({ statistic: 'p99', period, label })),
      ),
    ];
  }

  private operationsWidgets(props: PortalDashboardProps): IWidget[] {
    const { period } = props;
    const machines = Object.entries(props.stateMachines).flatMap(([name, machine]) => [
      machine.metricFailed({ statistic: 'Sum', period, label: `${name} failed` }),
      machine.metricTimedOut({ statistic: 'Sum', period, label: `${name} timed out` }),
    ]);
    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Sum', period: HOUR, label: metricName });
    const distributionId = props.distribution.distributionId;
    // CloudFront publishes its metrics in us-east-1 only.
    const web = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/CloudFront',
        metricName,
        dimensionsMap: { DistributionId: distributionId, Region: 'Global' },
        statistic,
        period,
        region: 'us-east-1',
        label: metricName,
      });
    const consumers = Object.entries(props.streamConsumers);
    return [
      graph(DASHBOARD_WIDGETS.workflows, machines),
      graph(
        DASHBOARD_WIDGETS.deadLetters,
        consumers.map(([label, consumer]) =>
          consumer.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period, label }),
        ),
      ),
      graph(
        DASHBOARD_WIDGETS.streamAge,
        consumers.map(([label, consumer]) =>
          consumer.function.metric('IteratorAge', { statistic: 'Maximum', period, label }),
        ),
      ),
      graph(DASHBOARD_WIDGETS.mail, [ses('Send'), ses('Delivery'), ses('Bounce'), ses('Complaint')]),
      new GraphWidget({
        title: DASHBOARD_WIDGETS.web,
        left: [web('Requests', 'Sum')],
        right: [web('4xxErrorRate', 'Average'), web('5xxErrorRate', 'Average')],
        width: 16,
        height: HEIGHT,
      }),
    ];
  }
}

function graph(title: string, left: IMetric[], options: { stacked?: boolean; width?: number } = {}): GraphWidget {
  return new GraphWidget({
    title,
    left,
    stacked: options.stacked ?? false,
    width: options.width ?? WIDTH,
    height: HEIGHT,
  });
}
