/**
 * What a deployment is made of: the stage (declared once, here) and the company's settings,
 * validated at synth so a wrong value fails `cdk synth` with a message naming the setting.
 *
 * Settings come from the JSON file named by `-c config=path.json` when given; otherwise from the
 * context keys of the same names (`senderEmail`, `adminEmail`, `portalDomain`, ...; cdk.json holds the
 * demo company's). The two sources are not merged, so a company file is always complete on its own.
 * README "Deploy to AWS" documents every setting; `settingsSchema` below is the authority.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** What differs between stages; everything else is the same code and the same shape. */
export interface StageProfile {
  /** Retention of the function and access log groups. */
  logRetention: RetentionDays;
  /** Log groups of a torn-down dev stack go with it; prod keeps them. */
  logRemovalPolicy: RemovalPolicy;
  /** Default route throttling of the HTTP API stage (requests per second, burst). */
  throttle: { rateLimit: number; burstLimit: number };
  /** The sign-in callback also accepts the web dev server (`npm start` serves on port 3000). */
  localCallbackUrl?: string;
  /** Alarm evaluation period. */
  alarmPeriod: Duration;
  /** The "SLA breach spike" alarm fires when more than this many SLA breaches happen within one hour. */
  slaBreachSpike: number;
  /**
   * Whether the state machines' logs (level ALL either way) carry execution data: states' inputs and
   * outputs and tasks' parameters, among them the task tokens of approvals waiting for a decision. Off
   * in prod, where the log group outlives them and more people read it; the execution history in the
   * Step Functions console still shows the data to those allowed to read executions.
   */
  workflowExecutionData: boolean;
}

export const STAGE_PROFILES: Record<Stage, StageProfile> = {
  dev: {
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    throttle: { rateLimit: 20, burstLimit: 40 },
    localCallbackUrl: 'http://localhost:3000/',
    alarmPeriod: Duration.minutes(5),
    slaBreachSpike: 5,
    workflowExecutionData: true,
  },
  prod: {
    logRetention: RetentionDays.SIX_MONTHS,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    throttle: { rateLimit: 100, burstLimit: 200 },
    alarmPeriod: Duration.minutes(5),
    slaBreachSpike: 5,
    workflowExecutionData: false,
  },
};

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
/** An https origin, as a CSP source: scheme, host and optional port, no path. */
const httpsOrigin = z
  .string()
  .regex(
    /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/,
    'must be an https origin such as https://login.example.com (lower case, no path, no trailing slash)',
  );
/** CloudFront only takes certificates and web ACLs from us-east-1. */
const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const WAF_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/;
/** `-c key=true` arrives as a string. */
const flag = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());

/** The domain part of an address (tolerates a value that failed its own check). */
const domainOf = (email: unknown) =>
  typeof email === 'string' ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : '';

export const settingsSchema = z
  .object({
    /** The portal's own host name (e.g. `portal.example.com`), when the company has one. */
    portalDomain: z
      .string()
      .regex(HOSTNAME, 'must be a lower-case host name such as portal.example.com (no scheme, no path)')
      .optional(),
    /**
     * The ACM certificate for `portalDomain`, in us-east-1 (CloudFront's region). Required with
     * `portalDomain`; without a portal domain the portal is served on its CloudFront domain.
     */
    portalCertificateArn: z
      .string()
      .regex(ACM_CERTIFICATE_ARN, 'must be the ARN of an ACM certificate in us-east-1 (CloudFront only uses those)')
      .optional(),
    /** An AWS WAF web ACL (scope CLOUDFRONT, in us-east-1) the company already runs, attached to the distribution. */
    webAclArn: z
      .string()
      .regex(
        WAF_WEB_ACL_ARN,
        'must be the ARN of a WAFv2 web ACL with scope CLOUDFRONT (arn:aws:wafv2:us-east-1:...:global/webacl/...)',
      )
      .optional(),
    /** The From address of the portal's e-mails. */
    senderEmail: z.email('must be an e-mail address'),
    /**
     * The domain to verify in SES (DKIM) instead of the single address `senderEmail`; `senderEmail`
     * must then be an address of exactly this domain.
     */
    senderDomain: z
      .string()
      .regex(HOSTNAME, 'must be a lower-case domain such as example.com (no scheme, no @)')
      .optional(),
    /**
     * Cognito sends its own e-mails (invitations, codes) through SES from `senderEmail` instead of its
     * built-in sender (50 e-mails a day). Turn on only once the SES identity is verified: Cognito
     * refuses an unverified identity, which would fail the deployment.
     */
    userPoolEmailViaSes: flag.optional(),
    /**
     * While the SES account is in the sandbox, SES also checks the sender's IAM permission against each
     * recipient's identity: the verified addresses listed here may receive the portal's e-mails then.
     * Remove once the account has production access.
     */
    sandboxRecipients: z.array(z.email('must be an e-mail address')).max(20).optional(),
    /** Who receives the operational alarms. */
    adminEmail: z.email('must be an e-mail address'),
    /**
     * Pins the CloudFront origin secret (the header value the API requires) to this version of the
     * service stack's secret `OriginSecret`: setting a new one after `put-secret-value` is how it is rotated,
     * since CloudFormation reads the secret only when the resources that use it change. Unset: the
     * current version at the time those resources were last deployed.
     */
    originSecretVersion: z
      .string()
      .regex(/^[A-Za-z0-9-]{32,64}$/, 'must be a Secrets Manager VersionId, as put-secret-value prints it')
      .optional(),
    /** The company's own OpenID Connect issuer, used instead of the built-in Cognito user pool. */
    externalOidc: z
      .object({
        issuer: httpsUrl,
        /** The portal's client id at the issuer: the ID tokens' `aud`. */
        audience: z.string().min(1, 'must not be empty'),
        /**
         * Origins other than the issuer's that the browser calls during sign-in, i.e. the token endpoint's
         * when the discovery document puts it on another host (e.g. `https://oauth2.googleapis.com`). The
         * web app's CSP `connect-src` allows the issuer's origin and these, nothing else.
         */
        connectOrigins: z.array(httpsOrigin).max(5).optional(),
        /**
         * The ID token claim that carries the person's directory id, when the IdP cannot map it to a
         * `user_id` claim (e.g. `email` or `preferred_username`). Only admin-controlled attributes: a
         * claim people can edit themselves would let them be someone else.
         */
        directoryIdClaim: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_:.-]{0,63}$/, 'must be a claim name such as email or preferred_username')
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.portalDomain && !settings.portalCertificateArn)
      ctx.addIssue({
        code: 'custom',
        path: ['portalCertificateArn'],
        message: `is required with portalDomain: an ACM certificate in us-east-1 covering ${settings.portalDomain}`,
      });
    if (settings.portalCertificateArn && !settings.portalDomain)
      ctx.addIssue({ code: 'custom', path: ['portalDomain'], message: 'is required with portalCertificateArn' });
    if (settings.senderDomain && domainOf(settings.senderEmail) !== settings.senderDomain)
      ctx.addIssue({
        code: 'custom',
        path: ['senderEmail'],
        message: `must be an address of senderDomain ${settings.senderDomain}`,
      });
    if (settings.userPoolEmailViaSes && settings.externalOidc)
      ctx.addIssue({
        code: 'custom',
        path: ['userPoolEmailViaSes'],
        message: 'applies to the built-in user pool only; with externalOidc there is none',
      });
  });

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const SETTING_KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** Reads the stage from context `stage` (default `dev`); an unknown one fails with the known ones. */
export function parseStage(value: unknown): Stage {
  const stage = value ?? 'dev';
  if (typeof stage === 'string' && (STAGES as readonly string[]).includes(stage)) return stage as Stage;
  throw new SettingsError(`Unknown stage ${JSON.stringify(stage)}: use -c stage=<${STAGES.join('|')}>`);
}

/** `-c key=value` arrives as a string; an object- or list-valued setting may be given as JSON. */
function contextValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new SettingsError(`Setting "${key}" is not valid JSON`, { cause: error });
  }
}

function readConfigFile(path: string): unknown {
  const file = resolve(path);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SettingsError(`Cannot read settings file ${file} (-c config=${path}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * The company settings, from `config` (a JSON file path) or from the individual context keys.
 * @param context reads one context value (e.g. `(key) => app.node.tryGetContext(key)`).
 */
export function loadSettings(context: (key: string) => unknown): Settings {
  const configPath = context('config');
  let raw: unknown;
  let source: string;
  if (configPath !== undefined) {
    if (typeof configPath !== 'string') throw new SettingsError('Context "config" must be a path to a JSON file');
    raw = readConfigFile(configPath);
    source = configPath;
  } else {
    const entries = SETTING_KEYS.map((key) => [key, contextValue(key, context(key))] as const);
    raw = Object.fromEntries(entries.filter(([, value]) => value !== undefined));
    source = 'context';
  }
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.join('.') : '(settings)';
    return `  - setting "${name}": ${issue.message}`;
  });
  throw new SettingsError(`Invalid company settings (from ${source}):\n${problems.join('\n')}`);
}
