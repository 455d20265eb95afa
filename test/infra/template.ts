/**
 * Shared by the infra tests: synthesizing the portal offline (cdk.json's context, no bundling, a temporary
 * outdir removed after the file) and reading the CloudFormation it produces.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, expect } from 'vitest';
import type { PortalFunction } from '../../lib/constructs/portal-function';
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

/** The stacks' parts a test reads, built once per configuration. */
export interface Built {
  portal: Portal;
  outdir: string;
  stateful: Template;
  service: Template;
  resources: Resources;
  statefulResources: Resources;
}

export function build(settings: Settings, stage: Stage = 'dev'): Built {
  const { portal, outdir } = synth(settings, stage);
  const stateful = Template.fromStack(portal.stateful);
  const service = Template.fromStack(portal.service);
  return {
    portal,
    outdir,
    stateful,
    service,
    resources: service.toJSON().Resources as Resources,
    statefulResources: stateful.toJSON().Resources as Resources,
  };
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

/** The properties of a construct's resource in the service stack. */
export const propsOf = (built: Built, construct: { node: { defaultChild?: unknown } }): Record<string, unknown> =>
  built.resources[logicalId(built.portal.service, construct)]?.Properties ?? {};

export const envOf = (built: Built, fn: PortalFunction) =>
  (propsOf(built, fn).Environment as { Variables: Record<string, unknown> }).Variables;

/** The one resource of the type (the test fails if there are none or several). */
export const only = (resources: Resources, type: string): [string, CfnJson] => {
  const found = ofType(resources, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnJson];
};

/** A consumer's value with every `Fn::ImportValue` in it, however deep, replaced by the producer's exported value. */
export function withImports(producer: Template, value: unknown): unknown {
  const exported = exportedValue(producer, value);
  if (exported !== undefined) return exported;
  if (Array.isArray(value)) return value.map((item) => withImports(producer, item));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withImports(producer, item)]));
  return value;
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

/** The role of a function of the service stack. */
export const roleIdOf = (built: Built, fn: PortalFunction) =>
  roleOf(built.resources[logicalId(built.portal.service, fn)]);

/** The rendered ARNs a role may call `action` on (cross-stack imports followed to the exported value). */
export const resourcesFor = (built: Built, roleId: string, action: string) =>
  statementsOf(built.resources, roleId)
    .filter((st) => asArray(st.Action).includes(action))
    .flatMap((st) => asArray(st.Resource).map((r) => render(withImports(built.stateful, r))));

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
