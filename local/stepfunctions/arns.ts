/** The local account's ARNs, shaped like the cloud's so ARN-parsing code behaves the same. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

const SM_PREFIX = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:`;
const EXEC_PREFIX = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:`;

export const stateMachineArn = (name: string) => `${SM_PREFIX}${name}`;
export const executionArn = (stateMachine: string, name: string) => `${EXEC_PREFIX}${stateMachine}:${name}`;
export const lambdaArn = (module: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${module}`;

/** The state machine name in a local state machine ARN, or undefined. */
export function stateMachineNameOf(arn: string): string | undefined {
  return arn.startsWith(SM_PREFIX) ? arn.slice(SM_PREFIX.length) || undefined : undefined;
}

/** The function name in a Lambda ARN (any region/account, qualifier dropped) or a bare name. */
export function functionNameOf(nameOrArn: string): string {
  const m = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  return m?.[1] ?? nameOrArn;
}

export const isLambdaFunctionArn = (resource: string) =>
  /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:[^:]+/.test(resource);
