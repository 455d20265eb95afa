/**
 * Environment variable names shared by the CDK stacks (which set them) and the handlers (which
 * read them), so the two can never disagree.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  portalUrl: 'PORTAL_URL',
  lifecycleStateMachineArn: 'LIFECYCLE_STATE_MACHINE_ARN',
  slaStateMachineArn: 'SLA_STATE_MACHINE_ARN',
  mailFrom: 'MAIL_FROM',
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
  writesPerMinute: 'WRITES_PER_MINUTE',
  /** Reads per user, minute and Lambda instance (functions/api/read-allowance.ts); 600 by default. */
  readsPerMinute: 'READS_PER_MINUTE',
  /** The value CloudFront puts in the origin header; set, every API request without it is refused (api/origin.ts). */
  originSecret: 'ORIGIN_SECRET',
  /** The token claim that carries the caller's directory id, when the IdP cannot map it to `user_id`. */
  directoryIdClaim: 'DIRECTORY_ID_CLAIM',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

/** An optional variable: empty means unset. */
export const optionalEnv = (name: EnvName): string | undefined => process.env[name] || undefined;

/** Reads a required variable once; a missing one fails fast with its name. */
export function requiredEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}
