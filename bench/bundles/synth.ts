/**
 * The function bundles exactly as `cdk deploy` uploads them: the portal app synthesized with bundling
 * (esbuild, PortalFunction's settings) into a temporary cloud assembly, each PortalFunction found in
 * the construct tree with the asset directory of its code.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type CfnResource } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { PortalFunction, PROJECT_ROOT } from '../../lib/constructs/portal-function';
import { createPortal } from '../../lib/portal';

export interface Bundle {
  /** The construct path under the service stack, e.g. `Api/requests`. */
  name: string;
  /** The handler module, e.g. `functions/api/requests.ts`. */
  entry: string;
  /** The bundled handler module. */
  file: string;
  /** Minified bundle size (the source map beside it is not loaded unless an error is printed). */
  bytes: number;
  /** The function's own environment in the template (literal values only, e.g. NODE_OPTIONS). */
  literalEnv: Record<string, string>;
  memoryMb: number;
}

const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

function literalEnvOf(fn: PortalFunction): Record<string, string> {
  const cfn = fn.node.defaultChild as CfnFunction;
  const env = (Stack.of(fn).resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined)?.variables;
  return Object.fromEntries(Object.entries(env ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function synthBundles(): Bundle[] {
  const outdir = mkdtempSync(join(tmpdir(), 'portal-bundles-'));
  // Synth must not reach for AWS (the local runtime's dummy credentials are in this process).
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:enable-asset-metadata': true }, outdir });
  const { service } = createPortal(app, {
    stage: 'dev',
    settings: { senderEmail: 'portal@example.com', adminEmail: 'ops@example.com' },
  });
  app.synth();
  return service.node
    .findAll()
    .filter((c): c is PortalFunction => c instanceof PortalFunction)
    .map((fn) => {
      const cfn = fn.node.defaultChild as CfnResource;
      const file = join(outdir, String(cfn.getMetadata('aws:asset:path')), 'index.mjs');
      return {
        name: fn.node.path.slice(service.node.path.length + 1),
        entry: fn.entry,
        file,
        bytes: statSync(file).size,
        literalEnv: literalEnvOf(fn),
        memoryMb: Number((fn.node.defaultChild as CfnFunction).memorySize),
      };
    });
}
