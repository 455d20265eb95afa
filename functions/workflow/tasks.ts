/**
 * The Lambda tasks the state machines call. Definitions in statemachines/*.asl.json name them as
 * `${<substitution>}` (e.g. "FunctionName": "${AwaitDecisionFunctionArn}"); CDK substitutes the
 * function ARNs, and the local runtime calls the same handler module (functions/workflow/<module>.ts).
 */
export const WORKFLOW_TASKS = {
  StartStageFunctionArn: 'start-stage',
  AwaitDecisionFunctionArn: 'await-decision',
  EscalateApprovalFunctionArn: 'escalate-approval',
  AssignFunctionArn: 'assign',
  SlaCheckFunctionArn: 'sla-check',
  RecordFailureFunctionArn: 'record-failure',
} as const;
export type WorkflowTaskKey = keyof typeof WORKFLOW_TASKS;
export type WorkflowTaskModule = (typeof WORKFLOW_TASKS)[WorkflowTaskKey];

/** The state machines, by file in statemachines/ and the env var that carries their ARN. */
export const STATE_MACHINES = {
  lifecycle: { file: 'request-lifecycle.asl.json', env: 'LIFECYCLE_STATE_MACHINE_ARN' },
  sla: { file: 'sla-timer.asl.json', env: 'SLA_STATE_MACHINE_ARN' },
} as const;
export type StateMachineName = keyof typeof STATE_MACHINES;
