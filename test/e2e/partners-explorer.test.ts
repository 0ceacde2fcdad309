import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_CSP } from '../../gateway/explorer.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { launchTestBrowser, type TestBrowser } from './browser.ts';
import { startTestStack } from './stack.ts';

const OUTPUT = new URL('../../test-output/', import.meta.url);

let stack: RunningStack;
let browser: TestBrowser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchTestBrowser()]);
  mkdirSync(OUTPUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the offline explorer at GET /graphql', () => {
  it('answers a browser with our own page under a same-origin CSP, and a GraphQL client with GraphQL', async () => {
    const page = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    const html = await page.text();
    expect(html).toContain('/explorer/explorer.js');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const script = await fetch(new URL('/explorer/explorer.js', stack.gatewayUrl));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');

    const graphql = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await graphql.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('runs the product page in Chromium with only loopback traffic and shows the German title', async () => {
    const { page, offLoopback, consoleErrors } = await browser.newLoopbackPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(stack.gatewayUrl, { waitUntil: 'networkidle0' });

    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    const editors = await page.$$eval('.CodeMirror', (nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(editors.join('\n')).toContain('query ProductPage');
    // The market headers are ready in the headers pane.
    const headerPane = await page.$eval('.graphiql-editor-tool', (node) => node.textContent ?? '');
    expect(headerPane).toContain('x-ship-to-country');
    expect(headerPane).toContain('accept-language');

    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('Kabellose Kopfhörer'), {
      timeout: 30_000,
    });
    const result = await page.$eval('.result-window', (node) => node.textContent ?? '');
    expect(result).toContain('Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz');
    expect(result).toContain('258,64');

    // The documentation explorer shows our descriptions.
    await page.click('[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer', { timeout: 10_000 });
    await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name');
    await page.waitForFunction(() => document.querySelector('.graphiql-doc-explorer-content')?.textContent?.includes('product('), {
      timeout: 10_000,
    });
    const docs = await page.$eval('.graphiql-doc-explorer-content', (node) => node.textContent ?? '');
    expect(docs).toContain('Every market we sell to, ordered by country.');

    await page.screenshot({ path: new URL('explorer-product-page.png', OUTPUT).pathname, fullPage: true });
    expect(offLoopback).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    await page.close();
  });

  it('the offline reference page (schema/reference.html) opens from disk with nothing fetched', async () => {
    const { page, offLoopback, consoleErrors } = await browser.newLoopbackPage();
    await page.goto(new URL('../../schema/reference.html', import.meta.url).href, { waitUntil: 'load' });
    await page.click('nav a[href="#ProductPrice"]');
    const section = await page.$eval('#ProductPrice', (node) => node.textContent ?? '');
    expect(section).toContain('taxIncluded');
    expect(await page.evaluate(() => location.hash)).toBe('#ProductPrice');
    await page.screenshot({ path: new URL('reference-page.png', OUTPUT).pathname });
    expect(offLoopback).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
