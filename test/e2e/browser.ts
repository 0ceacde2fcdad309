import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it). Never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A headless Chromium on a fresh profile, and the requests its pages tried to send off the loopback interface. */
export interface TestBrowser {
  browser: Browser;
  /** Opens a page whose every request to a host other than 127.0.0.1/localhost is aborted and recorded. */
  newLoopbackPage(): Promise<{ page: Page; offLoopback: string[]; consoleErrors: string[] }>;
  close(): Promise<void>;
}

export async function launchTestBrowser(): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'meridian-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    userDataDir,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    async newLoopbackPage() {
      const page = await browser.newPage();
      const offLoopback: string[] = [];
      const consoleErrors: string[] = [];
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = new URL(request.url());
        const local = ['data:', 'blob:', 'file:'].includes(url.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
        if (local) void request.continue();
        else {
          offLoopback.push(request.url());
          void request.abort('blockedbyclient');
        }
      });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(String(error)));
      return { page, offLoopback, consoleErrors };
    },
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
