/**
 * Which Chromium the browser tests and `npm run bench:web` drive, in this order: CHROMIUM_PATH,
 * Debian's /usr/bin/chromium, else the headless shell that the dev dependency @sparticuz/chromium
 * ships brotli-packed (Linux x64). That one is unpacked once (~210 MB, a few seconds) into
 * node_modules/.cache/sparticuz-chromium-VERSION/ beside its own NSS libraries, behind a small
 * `chromium` script that puts them on LD_LIBRARY_PATH (and its own font when the machine has no
 * fontconfig), so it needs nothing from apt. When nothing runs, one line says what to do.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PACKAGE = '@sparticuz/chromium';
const NO_CHROMIUM = `No Chromium: run "apt-get install -y chromium" (Debian) or set CHROMIUM_PATH`;

let resolved: Promise<string> | undefined;

/** The Chromium executable to launch (memoised); rejects with a one-line Error when there is none. */
export function chromiumExecutable(): Promise<string> {
  resolved ??= resolveChromium();
  return resolved;
}

async function resolveChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} does not exist. ${NO_CHROMIUM}`);
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  try {
    const executable = unpackedChromium();
    await promisify(execFile)(executable, ['--version'], { timeout: 10_000 });
    return executable;
  } catch (error) {
    // A failed start says why on stderr (e.g. a missing shared library); keep its first line.
    const { stderr, message } = error as { stderr?: string; message: string };
    const why = (stderr?.trim() || message).split('\n')[0];
    throw new Error(`${NO_CHROMIUM} (${SYSTEM_CHROMIUM} is missing and ${PACKAGE} does not run here: ${why})`);
  }
}

/** The packaged headless shell's launcher script, unpacking the package's files on first use. */
function unpackedChromium(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`it is built for linux x64 only, this is ${process.platform} ${process.arch}`);
  }
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE); // <package>/build/index.js
  } catch {
    throw new Error(`it is not installed (npm install)`);
  }
  const root = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const cache = join(root, '../../.cache');
  const name = `sparticuz-chromium-${version}`;
  const dir = join(cache, name);
  const launcher = join(dir, 'chromium');
  if (existsSync(launcher)) return launcher;
  // Unpack beside the final folder and rename it into place, so a half-done unpack is never used.
  const partial = join(cache, `${name}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  unpack(join(root, 'bin'), partial);
  // Other versions, and unpacks that a killed process left half done, are ~210 MB each.
  for (const old of readdirSync(cache).filter((n) => n.startsWith('sparticuz-chromium-') && n !== name)) {
    const pid = Number(/\.partial-(\d+)$/.exec(old)?.[1]);
    if (!pid || !alive(pid)) rmSync(join(cache, old), { recursive: true, force: true });
  }
  try {
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true }); // another process unpacked it first
    if (!existsSync(launcher)) throw error;
  }
  return launcher;
}

function alive(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
}

function unpack(bin: string, into: string): void {
  const inflate = (file: string) => brotliDecompressSync(readFileSync(join(bin, file)));
  const untar = (tar: Buffer, folder: string) =>
    execFileSync('tar', ['-x', '--no-same-owner', '-C', folder], { input: tar });
  writeFileSync(join(into, 'headless_shell'), inflate('chromium.br'), { mode: 0o755 });
  untar(inflate('al2023.tar.br'), into); // lib/: NSS, NSPR and expat built for Amazon Linux 2023
  untar(inflate('fonts.tar.br'), into); // fonts/: Open Sans, used only when the machine has no fontconfig
  writeFileSync(
    join(into, 'fonts.conf'),
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>' +
      '<dir prefix="relative">fonts</dir><cachedir prefix="xdg">fontconfig</cachedir></fontconfig>\n',
  );
  writeFileSync(
    join(into, 'chromium'),
    [
      '#!/bin/sh',
      `# ${PACKAGE}'s headless shell with its own libraries; written by test/e2e/chromium.ts.`,
      'dir=$(cd "$(dirname "$0")" && pwd)',
      'export LD_LIBRARY_PATH="$dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"',
      '[ -e /etc/fonts/fonts.conf ] || [ -n "${FONTCONFIG_FILE:-}" ] || export FONTCONFIG_FILE="$dir/fonts.conf"',
      'exec "$dir/headless_shell" "$@"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}
