/**
 * What a deployment is made of: the stage (declared once, here) and the company's settings,
 * validated at synth so a wrong value fails `cdk synth` with a message naming the setting.
 *
 * Settings come from the JSON file named by `-c config=path.json` when given; otherwise from the
 * context keys `portalDomain`, `senderEmail`, `adminEmail`, `externalOidc` (cdk.json holds the demo
 * company's). The two sources are not merged, so a company file is always complete on its own.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

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
}

export const STAGE_PROFILES: Record<Stage, StageProfile> = {
  dev: {
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    throttle: { rateLimit: 20, burstLimit: 40 },
    localCallbackUrl: 'http://localhost:3000/',
    alarmPeriod: Duration.minutes(5),
  },
  prod: {
    logRetention: RetentionDays.SIX_MONTHS,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    throttle: { rateLimit: 100, burstLimit: 200 },
    alarmPeriod: Duration.minutes(5),
  },
};

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

export const settingsSchema = z
  .object({
    /** The portal's own host name (e.g. `portal.example.com`), when the company has one. */
    portalDomain: z
      .string()
      .regex(HOSTNAME, 'must be a lower-case host name such as portal.example.com (no scheme, no path)')
      .optional(),
    /** The From address of the portal's e-mails (SES identity). */
    senderEmail: z.email('must be an e-mail address'),
    /** Who receives the operational alarms. */
    adminEmail: z.email('must be an e-mail address'),
    /** The company's own OpenID Connect issuer, used instead of the built-in Cognito user pool. */
    externalOidc: z
      .object({
        issuer: httpsUrl,
        audience: z.string().min(1, 'must not be empty'),
        /** The issuer's `jwks_uri` (from its /.well-known/openid-configuration); not guessable offline. */
        jwksUrl: httpsUrl,
      })
      .strict()
      .optional(),
  })
  .strict();

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

/** `-c key=value` arrives as a string; an object-valued setting may be given as JSON. */
function contextValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return value;
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
