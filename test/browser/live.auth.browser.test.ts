/**
 * The live status page with AUTH=jwt, in headless Chromium: without a token
 * it asks for one (saying why); a token in the URL fragment (never sent to
 * the server) or typed into the sign-in field makes it live — its query sends
 * it as a bearer token, its graphql-ws connection in connection_init — and
 * the token appears in no request URL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { LIVE_PATH } from '../../live/livePage';
import { startAccessHub, type AccessHub } from '../support/accessHub';
import { hs256 } from '../support/tokens';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

describe('the live page with AUTH=jwt', () => {
  let hub: AccessHub;
  let browser: Browser;
  let token: string;
  before(async () => {
    hub = await startAccessHub();
    token = await hs256({ sub: 'live-viewer', scope: 'graph:read financials:read operations:read' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });
  const pageUrl = () => hub.graphqlUrl.replace(/\/graphql$/, LIVE_PATH);

  it('asks for a token when it has none', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(pageUrl());
      await page.locator('[data-testid="sign-in"]').waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await page.locator('[data-testid="sign-in-reason"]').textContent() ?? '', /expected a bearer token/);
      await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.textContent === 'signed out', undefined, { timeout: 20_000 });
    } finally {
      await page.close();
    }
  });

  for (const how of ['URL fragment', 'sign-in field'] as const) {
    it(`goes live with a token from the ${how}, sending it in no URL`, async () => {
      const page = await browser.newPage();
      const urls: string[] = [];
      page.on('request', (request) => urls.push(request.url()));
      try {
        if (how === 'URL fragment') {
          await page.goto(`${pageUrl()}#token=${token}`);
        } else {
          await page.goto(pageUrl());
          await page.locator('[data-testid="token-input"]').fill(token);
          await page.locator('[data-testid="sign-in"] button').click();
        }
        await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.textContent === 'live', undefined, { timeout: 30_000 });
        await page.locator('[data-testid="ingest"]').filter({ hasText: /received/ }).waitFor({ timeout: 30_000 });
        assert.equal(await page.locator('[data-testid="sign-in"]').isVisible(), false);
        assert.equal(new URL(page.url()).hash, '', 'the fragment is taken out of the address bar');
        assert.ok(urls.length > 0 && urls.every((url) => !url.includes(token)), 'no request URL carries the token');
      } finally {
        await page.close();
      }
    });
  }
});
