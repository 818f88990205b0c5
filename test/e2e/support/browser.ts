import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildTestApp, type TestApp } from '../../support/test-app.js';
import type { AppOptions } from '../../../src/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Debian's Chromium only: the flags keep it from reaching out to a network this machine does not have. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does this)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface RunningSite {
  readonly app: TestApp;
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh browser profile; JavaScript can be switched off to prove pages work without it. */
  newContext(options?: { javaScript?: boolean; width?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The real server on a random local port, on a fresh SQLite database, with a real browser. */
export async function startSite(options: AppOptions & { prepare?: (app: TestApp) => Promise<void> } = {}): Promise<RunningSite> {
  const app = await buildTestApp('sqlite', options);
  await options.prepare?.(app);
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchBrowser();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    newContext: ({ javaScript = true, width = 1280 } = {}) =>
      browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 900 } }),
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Fails with a readable list when axe finds any WCAG 2.0–2.2 A/AA violation on the page. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.equal(problems.length, 0, `${label} has accessibility violations:\n  ${problems.join('\n  ')}`);
}

/** Moves focus with Tab until the element matching the selector has it, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  const target = page.locator(selector).first();
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Could not reach ${selector} with the Tab key in ${maxPresses} presses`);
}
