/**
 * Vitest global setup, first in the list: finds the Chromium the browser tests will drive before
 * anything else starts, so a machine without one stops at once with one line saying what to run.
 * The check starts when this file is imported: vitest imports every global setup file (the runtime's
 * is heavy) before it runs any. Costs an existsSync when /usr/bin/chromium is there; the packaged
 * browser is unpacked here on first use (see ./chromium.ts).
 */
import { chromiumExecutable } from './chromium';

const found = chromiumExecutable().catch((error: unknown) => {
  // One line, no stack: the message says what to do.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

export async function setup() {
  await found;
}
