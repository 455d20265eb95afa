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
  // Once per document: axe is half a megabyte to parse, and a page checked in several states keeps it.
  if ((await page.evaluate('typeof axe')) === 'undefined') await page.addScriptTag({ content: axeSource() });
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Runs in the page: every target smaller than MIN×MIN, described. Skipped: what is not rendered, and
 * visually hidden helpers (the skip link until focused is off-screen, not small). Exempt: a link shown
 * inline whose block has other text around it (a link in a sentence).
 */
const MEASURE_TAP_TARGETS = `(() => {
  const min = 24;
  const targets = document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], label',
  );
  const toggle = (label) => label.control && ['checkbox', 'radio'].includes(label.control.type);
  const blockOf = (el) => {
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    return block;
  };
  const inSentence = (el) =>
    el.tagName === 'A' &&
    getComputedStyle(el).display === 'inline' &&
    (blockOf(el)?.textContent ?? '').replace(el.textContent ?? '', '').trim().length > 0;
  const small = [];
  for (const el of targets) {
    if (el.tagName === 'LABEL' && !toggle(el)) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    if (el.closest('.sr-only') || (box.width <= 1 && box.height <= 1)) continue;
    if (box.width >= min && box.height >= min) continue;
    if (inSentence(el)) continue;
    const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim();
    const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '');
    small.push(what + ' "' + name.slice(0, 40) + '" ' + Math.round(box.width) + '×' + Math.round(box.height));
  }
  return small;
})()`;

/** Tap targets smaller than 24×24 CSS px (WCAG 2.5.8), described: `a.crumb "← Все услуги" 86×18`. */
export const smallTapTargets = async (page: Page) => (await page.evaluate(MEASURE_TAP_TARGETS)) as string[];
