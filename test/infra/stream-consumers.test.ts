/**
 * The consumers of the history outbox (functions/events/*.ts): exactly two (notify; history, which is
 * workflow recovery and analytics), each with an event source mapping of its own on the stateful
 * table's stream with the same filter and error handling, a dead-letter queue of its own with a "DLQ
 * not empty" alarm, and exactly the grants its handler needs. Synthesized offline like stacks.test.ts.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/adapters/store/table';
import { consumersFromOutputs } from '../../functions/ops/aws';
import { ENV } from '../../functions/shared/env';
import { STATE_MACHINES, type StateMachineName } from '../../functions/workflow/tasks';
import { HISTORY_STREAM, STREAM_READ_ACTIONS } from '../../lib/constructs/history-stream-consumer';
import { TASK_TOKEN_ACTIONS } from '../../lib/constructs/portal-function';
import type { HistoryConsumer } from '../../lib/service-stack';
import {
  asArray,
  build,
  envOf,
  exportedValue,
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
  type Resources,
} from './template';

type Props = Record<string, unknown>;

const CONSUMERS: HistoryConsumer[] = ['notify', 'history'];

/** The table's item actions that change data: only consumers that write get any of them. */
const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const alarmsOf = (resources: Resources) =>
  ofType(resources, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties ?? {});

describe('the history stream consumers (dev)', () => {
  let built: Built;
  let tableArn: string;
  let streamArn: string;

  beforeAll(() => {
    built = build(SETTINGS);
    const tableId = logicalId(built.portal.stateful, built.portal.stateful.table);
    tableArn = `<${tableId}.Arn>`;
    streamArn = `<${tableId}.StreamArn>`;
  });

  const consumer = (module: HistoryConsumer) => built.portal.service.streamConsumers[module];
  const id = (construct: { node: { defaultChild?: unknown } }) => logicalId(built.portal.service, construct);
  const roleOfConsumer = (module: HistoryConsumer) => roleIdOf(built, consumer(module).function);
  const actionsOf = (module: HistoryConsumer) =>
    statementsOf(built.resources, roleOfConsumer(module)).flatMap((st) => asArray(st.Action));

  it('should be one per handler module of functions/events/ not run on a schedule, each with a mapping and a queue of its own', () => {
    const scheduled = new Set(Object.keys(built.portal.service.schedules));
    const modules = readdirSync(new URL('../../functions/events/', import.meta.url))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''))
      .filter((module) => !scheduled.has(module));
    expect(Object.keys(built.portal.service.streamConsumers).sort()).toEqual(modules.sort());
    expect([...CONSUMERS].sort()).toEqual(modules.sort());
    const mappings = ofType(built.resources, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties ?? {});
    expect(mappings.map((m) => m.FunctionName).sort()).toEqual(
      CONSUMERS.map((module) => ({ Ref: id(consumer(module).function) })).sort(),
    );
    const queues = new Set(CONSUMERS.map((module) => id(consumer(module).deadLetterQueue)));
    expect(queues.size).toBe(CONSUMERS.length);
  });

  // AWS advises no more than two simultaneous readers per DynamoDB Streams shard: more are throttled on
  // GetRecords and fall behind (DynamoDB developer guide, "DynamoDB Streams and AWS Lambda triggers").
  it('should read the table stream with exactly two event source mappings', () => {
    const onStream = ofType(built.resources, 'AWS::Lambda::EventSourceMapping')
      .map(([, m]) => m.Properties ?? {})
      .filter((m) => render(exportedValue(built.stateful, m.EventSourceArn)) === streamArn);
    expect(onStream).toHaveLength(2);
    expect(CONSUMERS).toHaveLength(2);
  });

  describe.each(CONSUMERS)('%s', (module) => {
    const mappingOf = (): Props => propsOf(built, consumer(module).mapping);
    const queueId = () => id(consumer(module).deadLetterQueue);

    it('should run functions/events/<module>.ts', () => {
      expect(propsOf(built, consumer(module).function).Description).toBe(
        `Backoffice Portal stream consumer: functions/events/${module}.ts`,
      );
    });

    it('should read the stateful table stream from the start, 25 at a time, reporting failed items', () => {
      const mapping = mappingOf();
      expect(render(exportedValue(built.stateful, mapping.EventSourceArn))).toBe(streamArn);
      expect(mapping.FunctionName).toEqual({ Ref: id(consumer(module).function) });
      expect(mapping).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: HISTORY_STREAM.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: HISTORY_STREAM.retryAttempts,
        MaximumRecordAgeInSeconds: HISTORY_STREAM.maxRecordAge.toSeconds(),
        ParallelizationFactor: 1,
      });
      expect(HISTORY_STREAM.batchSize).toBe(25);
      // Records can wait this long and still leave time to replay them from the 24-hour stream.
      expect(HISTORY_STREAM.maxRecordAge.toHours()).toBeLessThanOrEqual(12);
    });

    it('should pass on only INSERTs of history events (entity = event)', () => {
      const filters = (mappingOf().FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
      expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['event'] } } } },
      ]);
    });

    it('should send what it gives up on to its own encrypted, TLS-only dead-letter queue', () => {
      expect(mappingOf().DestinationConfig).toEqual({
        OnFailure: { Destination: { 'Fn::GetAtt': [queueId(), 'Arn'] } },
      });
      expect(built.resources[queueId()]?.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: HISTORY_STREAM.deadLetterRetention.toSeconds(),
      });
      const policies = ofType(built.resources, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
        JSON.stringify(p.Properties?.Queues).includes(JSON.stringify({ Ref: queueId() })),
      );
      expect(policies).toHaveLength(1);
      expect(policies[0]?.[1].Properties?.PolicyDocument).toMatchObject({
        Statement: [
          {
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] },
          },
        ],
      });
    });

    it('should alarm the admins when its dead-letter queue is not empty', () => {
      const topic = only(built.resources, 'AWS::SNS::Topic')[0];
      const alarm = alarmsOf(built.resources).find(
        (a) =>
          a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(a.Dimensions) ===
            JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }]),
      );
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: topic }],
      });
      expect(String(alarm?.AlarmDescription)).toMatch(new RegExp(`^DLQ not empty: the ${module} stream consumer`));
    });

    it('should alarm on its errors and when it falls behind the stream', () => {
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: id(consumer(module).function) } }];
      const alarmOn = (metric: string) =>
        alarmsOf(built.resources).find(
          (a) => a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify(dimensions),
        );
      expect(alarmOn('Errors')).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 1 });
      expect(alarmOn('IteratorAge')).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Maximum',
        Threshold: HISTORY_STREAM.maxIteratorAge.toMilliseconds(),
      });
    });

    it('should read only its table stream and write only its own dead-letter queue', () => {
      for (const action of STREAM_READ_ACTIONS)
        expect(resourcesFor(built, roleOfConsumer(module), action), action).toEqual([streamArn]);
      expect(resourcesFor(built, roleOfConsumer(module), 'sqs:SendMessage')).toEqual([`<${queueId()}.Arn>`]);
    });

    it('should set TABLE_NAME and grant the item actions on the table only, never Scan', () => {
      expect(render(exportedValue(built.stateful, envOf(built, consumer(module).function)[ENV.tableName]))).toBe(
        `<${logicalId(built.portal.stateful, built.portal.stateful.table)}>`,
      );
      expect(resourcesFor(built, roleOfConsumer(module), 'dynamodb:GetItem')).toEqual([tableArn]);
      expect(actionsOf(module)).not.toContain('dynamodb:Scan');
    });
  });

  describe('history (workflow recovery and analytics)', () => {
    /** Each state machine's ARN as callers get it: built from its name (see PortalWorkflows). */
    const machineArn = (machine: StateMachineName) => {
      const props = propsOf(built, built.portal.service.workflows.stateMachines[machine]);
      return `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:${String(props.StateMachineName)}`;
    };
    const machines = Object.keys(STATE_MACHINES) as StateMachineName[];

    it('should get both state machine ARNs and the table, and no mail or portal URL settings', () => {
      const env = envOf(built, consumer('history').function);
      for (const machine of machines)
        expect(render(env[STATE_MACHINES[machine].env]), machine).toBe(machineArn(machine));
      expect(env[ENV.tableName]).toBeDefined();
      for (const name of [ENV.mailFrom, ENV.mailConfigurationSet, ENV.portalUrl])
        expect(env[name], name).toBeUndefined();
    });

    it('should start executions of the two state machines only and stop only lifecycle executions', () => {
      const roleId = roleOfConsumer('history');
      expect(resourcesFor(built, roleId, 'states:StartExecution').sort()).toEqual(machines.map(machineArn).sort());
      expect(resourcesFor(built, roleId, 'states:StopExecution')).toEqual([
        `${machineArn('lifecycle').replace(':stateMachine:', ':execution:')}:*`,
      ]);
    });

    it('should resume tasks through the task-token policy only: SendTaskSuccess/Failure on "*", nothing else', () => {
      const roleId = roleOfConsumer('history');
      const tokenPolicies = ofType(built.resources, 'AWS::IAM::Policy').filter(
        ([policyId, p]) =>
          policyId.includes('TaskTokenPolicy') &&
          JSON.stringify(p.Properties?.Roles).includes(JSON.stringify({ Ref: roleId })),
      );
      expect(tokenPolicies).toHaveLength(1);
      const [, policy] = tokenPolicies[0] ?? [];
      expect((policy?.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
        { Effect: 'Allow', Action: [...TASK_TOKEN_ACTIONS].sort(), Resource: '*' },
      ]);
      // The same actions nowhere else in its policies.
      const elsewhere = statementsOf(built.resources, roleId).filter(
        (st) => st.Resource !== '*' && asArray(st.Action).some((a) => TASK_TOKEN_ACTIONS.includes(a)),
      );
      expect(elsewhere).toEqual([]);
    });

    it('should read and write the table (aggregates and counted marks), and query its indexes', () => {
      const roleId = roleOfConsumer('history');
      for (const action of ['dynamodb:GetItem', 'dynamodb:Query', ...TABLE_WRITES])
        expect(resourcesFor(built, roleId, action), action).toContain(tableArn);
      expect(resourcesFor(built, roleId, 'dynamodb:Query').sort()).toEqual(
        [tableArn, ...TABLE.indexes.map((index) => `${tableArn}/index/${index.name}`)].sort(),
      );
    });

    it('should send no e-mail', () => {
      expect(actionsOf('history').filter((a) => a.startsWith('ses:'))).toEqual([]);
    });
  });

  describe('notify', () => {
    it('should get no state machine settings and no Step Functions permission', () => {
      const env = envOf(built, consumer('notify').function);
      for (const name of [ENV.lifecycleStateMachineArn, ENV.slaStateMachineArn])
        expect(env[name], name).toBeUndefined();
      expect(actionsOf('notify').filter((a) => a.startsWith('states:'))).toEqual([]);
    });
  });

  // The contract with `npm run replay-dead-letters`, which finds them by the stack's outputs (DescribeStacks).
  it('should name every consumer with its dead-letter queue URL and function name in the outputs', () => {
    const outputs = built.service.toJSON().Outputs as Record<string, { Value: unknown }>;
    const described = Object.entries(outputs).map(([OutputKey, { Value }]) => ({
      OutputKey,
      OutputValue: render(Value),
    }));
    const found = consumersFromOutputs('Service', described).sort((a, b) => a.name.localeCompare(b.name));
    const expected = CONSUMERS.map((module) => ({
      name: module,
      // Ref of a queue is its URL, Ref of a function its name.
      queueUrl: `<${id(consumer(module).deadLetterQueue)}>`,
      functionName: `<${id(consumer(module).function)}>`,
    })).sort((a, b) => a.name.localeCompare(b.name));
    expect(found).toEqual(expected);
  });
});
