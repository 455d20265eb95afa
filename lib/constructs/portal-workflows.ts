/**
 * The Step Functions workflows: one PortalFunction per task module of functions/workflow/tasks.ts and
 * the two Standard state machines of statemachines/*.asl.json (Standard, since the lifecycle waits on
 * people through task tokens), each logging ALL and traced with X-Ray. Execution data (inputs, outputs,
 * task parameters with their task tokens) goes into the logs only where the stage says so (dev).
 *
 * The definitions stay inline (`DefinitionBody.fromString`) so the template, and the infra tests,
 * show them; each `${<Key>}` placeholder is substituted with the ARN of the task function of that key.
 *
 * The state machines get names derived from their construct path (`Names.uniqueResourceName`), and
 * callers receive ARNs built from those names instead of `Ref`s: the SLA timer invokes functions
 * (sla-check, record-failure) that may themselves start an SLA timer, and a `Ref` both ways would be a
 * CloudFormation dependency cycle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, Duration, Names, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  STATE_MACHINES,
  WORKFLOW_TASKS,
  type StateMachineName,
  type WorkflowTaskKey,
  type WorkflowTaskModule,
} from '../../functions/workflow/tasks';
import type { StateMachineBinding, TableAccess, WorkflowAccess } from '../bindings';
import { PROJECT_ROOT, PortalFunction } from './portal-function';

/**
 * What each task module does with the table and the workflows. Only commits that move a request
 * into `in_progress` start an SLA timer (functions/usecases/commit.ts); none of the tasks changes the
 * round or cancels, so none starts or stops a lifecycle.
 */
export const WORKFLOW_TASK_ACCESS: Record<WorkflowTaskModule, { table: TableAccess } & WorkflowAccess> = {
  // Reads the stage deadline only.
  'start-stage': { table: 'read' },
  // Keeps the task token, or resumes the task at once when the decision came first.
  'await-decision': { table: 'readWrite', taskTokens: true },
  // The rest commit through functions/usecases/mutate.ts, which may start the SLA timer.
  'escalate-approval': { table: 'readWrite', sla: 'start' },
  assign: { table: 'readWrite', sla: 'start' },
  'sla-check': { table: 'readWrite', sla: 'start' },
  'record-failure': { table: 'readWrite', sla: 'start' },
};

const MACHINE_IDS: Record<StateMachineName, string> = { lifecycle: 'RequestLifecycle', sla: 'SlaTimer' };

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The task keys the `${Key}` placeholders of an ASL definition name; anything not in WORKFLOW_TASKS fails synth. */
export function placeholderKeys(definition: string, source: string): WorkflowTaskKey[] {
  try {
    JSON.parse(definition);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const keys = [...new Set([...definition.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
  const unknown = keys.filter((key) => !Object.hasOwn(WORKFLOW_TASKS, key));
  if (unknown.length > 0)
    throw new Error(
      `${source} names ${unknown.map((k) => `\${${k}}`).join(', ')}, which WORKFLOW_TASKS does not define`,
    );
  return keys as WorkflowTaskKey[];
}

/** The ASL of a state machine (statemachines/<file>) and the task keys it names. */
function readDefinition(machine: StateMachineName): { definition: string; keys: WorkflowTaskKey[] } {
  const file = join(PROJECT_ROOT, 'statemachines', STATE_MACHINES[machine].file);
  const definition = readFileSync(file, 'utf8');
  return { definition, keys: placeholderKeys(definition, file) };
}

export interface PortalWorkflowsProps {
  table: ITable;
  logs: { retention: RetentionDays; removalPolicy: RemovalPolicy };
  /** Whether the logs carry execution data, task tokens included (StageProfile.workflowExecutionData). */
  executionData: boolean;
}

export class PortalWorkflows extends Construct {
  readonly functions: Record<WorkflowTaskModule, PortalFunction>;
  readonly stateMachines: Record<StateMachineName, StateMachine>;
  /** What callers bind to (PortalFunction.useStateMachine): the ARNs, built from the names. */
  readonly bindings: Record<StateMachineName, StateMachineBinding>;

  constructor(scope: Construct, id: string, props: PortalWorkflowsProps) {
    super(scope, id);
    const machines = Object.keys(STATE_MACHINES) as StateMachineName[];
    const scopes = Object.fromEntries(machines.map((m) => [m, new Construct(this, MACHINE_IDS[m])])) as Record<
      StateMachineName,
      Construct
    >;
    const names = Object.fromEntries(
      machines.map((m) => [m, Names.uniqueResourceName(scopes[m], { maxLength: 80, separator: '-' })]),
    ) as Record<StateMachineName, string>;
    this.bindings = Object.fromEntries(machines.map((m) => [m, this.binding(m, names[m])])) as Record<
      StateMachineName,
      StateMachineBinding
    >;

    const modules = Object.keys(WORKFLOW_TASK_ACCESS) as WorkflowTaskModule[];
    this.functions = Object.fromEntries(
      modules.map((module) => {
        const access = WORKFLOW_TASK_ACCESS[module];
        const fn = new PortalFunction(this, module, {
          entry: `functions/workflow/${module}.ts`,
          description: `Backoffice Portal workflow task: functions/workflow/${module}.ts`,
          // Below the tasks' TimeoutSeconds (60), so a slow run fails as a Lambda error, not a task timeout.
          timeout: Duration.seconds(30),
          logs: props.logs,
        })
          .useTable(props.table, access.table)
          .useWorkflows(this.bindings, access);
        return [module, fn];
      }),
    ) as Record<WorkflowTaskModule, PortalFunction>;

    this.stateMachines = Object.fromEntries(
      machines.map((m) => [m, this.stateMachine(scopes[m], m, names[m], props)]),
    ) as Record<StateMachineName, StateMachine>;
  }

  private binding(machine: StateMachineName, name: string): StateMachineBinding {
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    return { machine, stateMachineArn: arn('stateMachine', name), executionArns: arn('execution', `${name}:*`) };
  }

  private stateMachine(
    scope: Construct,
    machine: StateMachineName,
    name: string,
    { logs, executionData }: PortalWorkflowsProps,
  ): StateMachine {
    const { definition, keys } = readDefinition(machine);
    const tasks = keys.map((key) => [key, this.functions[WORKFLOW_TASKS[key]]] as const);
    const logGroup = new LogGroup(scope, 'Logs', { retention: logs.retention, removalPolicy: logs.removalPolicy });
    const stateMachine = new StateMachine(scope, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(tasks.map(([key, fn]) => [key, fn.functionArn])),
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: executionData },
      tracingEnabled: true,
    });
    // Exactly the functions its definition names, by their unqualified ARNs (what FunctionName holds):
    // grantInvoke would add `<arn>:*` (every version and alias) as well.
    stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [...new Set(tasks.map(([, fn]) => fn.functionArn))],
      }),
    );
    Validations.of(stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Logging to CloudWatch Logs goes through log delivery (logs:CreateLogDelivery, GetLogDelivery, ' +
        'UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, ' +
        'DescribeLogGroups) and tracing through xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, ' +
        'GetSamplingTargets: none of these supports resource-level permissions, so they need Resource "*". ' +
        'The state machine may invoke only its own task functions, by exact ARN.',
    });
    return stateMachine;
  }
}
