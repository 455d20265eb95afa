/**
 * Browser end-to-end helpers: Chromium (./chromium.ts: Debian's, else an npm-packaged headless shell)
 * driven by playwright-core (no downloaded browser), a fresh profile per test file, sign-in through
 * the portal's own sign-in page, screenshots and axe.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumExecutable } from './chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

export interface Browser {
  context: BrowserContext;
  /** Errors thrown in any page (a test fails on them). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  const profile = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Europe/Moscow',
  });
  context.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
  return {
    context,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new tab (its own sessionStorage, so its own signed-in person) signed in as a demo user. */
export async function signIn(browser: Browser, baseUrl: string, userId: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.locator(`[data-user="${userId}"]`).click();
  await page.locator('.nav').waitFor();
  return page;
}

/** Opens a portal path in the page's single-page app and waits for its heading. */
export async function open(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('#page-title').first().waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Toasts come and go; the picture is of the screen itself.
  await page.addStyleTag({ content: '.toasts{display:none!important}' });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await page.addStyleTag({ content: '.toasts{display:flex!important}' });
  return path;
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core on the page as it is: serious and critical violations (WCAG 2.x A/AA and best practices). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource() });
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
