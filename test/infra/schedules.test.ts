/**
 * The scheduled jobs (lib/constructs/portal-schedule.ts): the backlog sampler runs every
 * BACKLOG_SAMPLE_MINUTES from an EventBridge rule, may only read the table (item reads and Queries,
 * never Scan or a write), touches nothing else, and its failures alarm the admins. Synthesized offline
 * like stacks.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/env';
import { BACKLOG_SAMPLE_MINUTES } from '../../functions/shared/metrics';
import type { PortalSchedule } from '../../lib/constructs/portal-schedule';
import {
  asArray,
  build,
  envOf,
  logicalId,
  ofType,
  only,
  propsOf,
  render,
  resourcesFor,
  roleIdOf,
  SETTINGS,
  statementsOf,
  type Built,
} from './template';

describe('the backlog sampler (dev)', () => {
  let built: Built;
  let schedule: PortalSchedule;
  let tableArn: string;
  const id = (construct: { node: { defaultChild?: unknown } }) => logicalId(built.portal.service, construct);

  beforeAll(() => {
    built = build(SETTINGS);
    schedule = built.portal.service.schedules.backlog;
    tableArn = `<${logicalId(built.portal.stateful, built.portal.stateful.table)}.Arn>`;
  });

  it('should run functions/events/backlog.ts', () => {
    expect(propsOf(built, schedule.function).Description).toBe(
      'Backoffice Portal scheduled job: functions/events/backlog.ts',
    );
  });

  it('should be the target of an enabled rule firing every 5 minutes, and of nothing else', () => {
    expect(BACKLOG_SAMPLE_MINUTES).toBe(5);
    const fnId = id(schedule.function);
    const rules = ofType(built.resources, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties?.Targets).includes(JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] })),
    );
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0] as (typeof rules)[number];
    expect(ruleId).toBe(id(schedule.rule));
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rule.Properties?.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        // A delivery later than the next run would only repeat it.
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      }),
    ]);
    // EventBridge may invoke it, from this rule only; no other event source reaches it.
    const permissions = ofType(built.resources, 'AWS::Lambda::Permission')
      .map(([, p]) => p.Properties ?? {})
      .filter((p) => JSON.stringify(p.FunctionName).includes(fnId));
    expect(permissions).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      }),
    ]);
    const mappings = ofType(built.resources, 'AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      JSON.stringify(m.Properties?.FunctionName).includes(fnId),
    );
    expect(mappings).toEqual([]);
  });

  it('should only read the table: item reads and Queries on it and its indexes, no write, no Scan', () => {
    const roleId = roleIdOf(built, schedule.function);
    const actions = statementsOf(built.resources, roleId).flatMap((st) => asArray(st.Action));
    const data = actions.filter((action) => /^(dynamodb|states|ses|sqs|sns|s3|kms):/.test(action));
    expect([...new Set(data)].sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'].sort(),
    );
    for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'])
      expect(resourcesFor(built, roleId, action), action).toEqual([tableArn]);
    const queried = resourcesFor(built, roleId, 'dynamodb:Query');
    expect(queried).toContain(tableArn);
    for (const arn of queried) expect(arn === tableArn || arn.startsWith(`${tableArn}/index/`), arn).toBe(true);
  });

  it('should get the table name and nothing it does not use (workflows, mail, portal URL, tokens)', () => {
    const env = envOf(built, schedule.function);
    expect(render(env[ENV.tableName])).toBeTruthy();
    for (const name of [
      ENV.lifecycleStateMachineArn,
      ENV.slaStateMachineArn,
      ENV.mailFrom,
      ENV.mailConfigurationSet,
      ENV.portalUrl,
    ])
      expect(env[name], name).toBeUndefined();
  });

  it('should alarm the admins when a run fails and when the rule cannot invoke the function', () => {
    const topic = only(built.resources, 'AWS::SNS::Topic')[0];
    const alarms = ofType(built.resources, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties ?? {});
    const errors = alarms.find(
      (a) =>
        a.Namespace === 'AWS/Lambda' &&
        a.MetricName === 'Errors' &&
        JSON.stringify(a.Dimensions) ===
          JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id(schedule.function) } }]),
    );
    const failedInvocations = alarms.find(
      (a) =>
        a.Namespace === 'AWS/Events' &&
        a.MetricName === 'FailedInvocations' &&
        JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'RuleName', Value: { Ref: id(schedule.rule) } }]),
    );
    for (const alarm of [errors, failedInvocations])
      expect(alarm).toMatchObject({ Statistic: 'Sum', Threshold: 1, AlarmActions: [{ Ref: topic }] });
  });
});
