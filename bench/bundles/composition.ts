/**
 * What a function bundle is made of: the entry bundled with PortalFunction's settings (esbuild, ESM,
 * minified, the credential chain aliased) and its minified bytes grouped by origin. Used by the bundle
 * report (the size of each part) and by test/infra/bundles.test.ts (what must never be in a bundle).
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_SETTINGS, PROJECT_ROOT } from '../../lib/constructs/portal-function';

export interface Composition {
  bytes: number;
  /** Every input file, relative to the project root (node_modules/... for dependencies). */
  inputs: string[];
  /** Minified bytes by origin. */
  parts: { sdk: number; zod: number; catalog: number; otherLibraries: number; ours: number };
}

function originOf(input: string): keyof Composition['parts'] {
  if (/node_modules\/(@aws-sdk|@smithy|@aws\/|mnemonist|obliterator)/.test(input)) return 'sdk';
  if (input.includes('node_modules/zod/')) return 'zod';
  if (input.includes('node_modules/')) return 'otherLibraries';
  return input.startsWith('catalog/') ? 'catalog' : 'ours';
}

export async function compositionOf(entry: string): Promise<Composition> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    ...BUNDLE_SETTINGS,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const parts: Composition['parts'] = { sdk: 0, zod: 0, catalog: 0, otherLibraries: 0, ours: 0 };
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {}))
    parts[originOf(input)] += bytesInOutput;
  return { bytes: output?.bytes ?? 0, inputs: Object.keys(output?.inputs ?? {}), parts };
}
