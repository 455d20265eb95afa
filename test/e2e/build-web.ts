/**
 * Vitest global setup: builds the web portal (web/dist) once before the tests when the build is
 * missing or older than its sources, so the runtimes the e2e tests start serve the current portal.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'vite.config.ts',
  'functions/domain/forms',
  'functions/domain/i18n.ts',
  'catalog/teams.ts',
  'catalog/calendars.ts',
  'catalog/departments.ts',
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export async function setup() {
  const built = join(ROOT, 'web/dist/index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (Math.max(...SOURCES.map((s) => newest(join(ROOT, s)))) <= builtAt) return;
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
