/**
 * Shared by the infra tests: synthesizing the portal offline (cdk.json's context, no bundling, a temporary
 * outdir removed after the file) and reading the CloudFormation it produces.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnResource, type Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll } from 'vitest';
import { createPortal, type Portal } from '../../lib/portal';
import type { Settings, Stage } from '../../lib/settings';

// Synth must never reach for AWS: another part of the suite sets dummy credentials in its process.
delete process.env.AWS_ACCESS_KEY_ID;
delete process.env.AWS_SECRET_ACCESS_KEY;
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;

export const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

export interface CfnJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}
export type Resources = Record<string, CfnJson>;
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const SETTINGS: Settings = { senderEmail: 'portal@example.com', adminEmail: 'ops@example.com' };

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface Synthesized {
  portal: Portal;
  outdir: string;
}

/** Both stacks of one stage, synthesized without bundling into a temporary directory. */
export function synth(settings: Settings, stage: Stage = 'dev'): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'portal-cdk-'));
  outdirs.push(outdir);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] }, outdir });
  return { portal: createPortal(app, { stage, settings }), outdir };
}

export const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnResource);

export const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A CloudFormation value as one string: `Fn::Join` flattened, `Ref`/`Fn::GetAtt` as `<Id>` / `<Id.Attr>`. */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if (typeof node.Ref === 'string') return `<${node.Ref}>`;
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = node['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(render).join(join[0]);
  return JSON.stringify(value);
}

/** Follows `Fn::ImportValue` in the consumer to the producer's exported value (undefined for any other value). */
export function exportedValue(producer: Template, imported: unknown): unknown {
  const name = (imported as { 'Fn::ImportValue'?: string } | undefined)?.['Fn::ImportValue'];
  if (name === undefined) return undefined;
  const outputs = producer.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  return Object.values(outputs).find((output) => output.Export?.Name === name)?.Value;
}

/** Every policy statement of the template, with the policy (or role, for inline policies) it is in. */
export function allStatements(resources: Resources): (readonly [string, Statement])[] {
  return [
    ...ofType(resources, 'AWS::IAM::Policy').flatMap(([id, r]) =>
      (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement.map((st) => [id, st] as const),
    ),
    ...ofType(resources, 'AWS::IAM::Role').flatMap(([id, r]) =>
      asArray(r.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) =>
        p.PolicyDocument.Statement.map((st) => [id, st] as const),
      ),
    ),
  ];
}

/** The statements of every policy attached to the role. */
export function statementsOf(resources: Resources, roleId: string): Statement[] {
  return ofType(resources, 'AWS::IAM::Policy')
    .filter(([, r]) => JSON.stringify(r.Properties?.Roles).includes(JSON.stringify({ Ref: roleId })))
    .flatMap(([, r]) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The role of a function resource. */
export const roleOf = (fn: CfnJson | undefined) =>
  (fn?.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] ?? '';

/** Unacknowledged cdk-nag findings (errors and warnings) of both packs the app runs, one line each. */
export function nagFindings(stack: Stack): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
    pack
      .validateScope(stack)
      .violations.map(
        (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(', ')}`,
      ),
  );
}
