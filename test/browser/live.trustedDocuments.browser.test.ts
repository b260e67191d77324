/**
 * The live status page on a hub that runs only trusted documents
 * (TRUSTED_DOCUMENTS=require), in headless Chromium: it sends its queries
 * and subscriptions by id, never as text, nothing of it is refused, and
 * pushed changes still move it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NO_AUDIT } from '../../access/auditLog';
import { Doors } from '../../access/doors';
import { documentId } from '../../access/trustedDocuments';
import { LIVE_PATH } from '../../live/livePage';
import { LIVE_PAGE_OPERATIONS } from '../../live/pageOperations';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { trustedDocumentsAccess } from '../support/accessHub';
import { eventually } from '../support/eventually';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const firm = simulateFirm({ seed: 'live-trusted', scale: 0.1 });

describe('the live page with TRUSTED_DOCUMENTS=require', () => {
  let hub: LiveHub;
  let browser: Browser;
  let page: Page;
  /** What the page sent: GraphQL POST bodies and graphql-ws subscribe payloads. */
  const sent: Array<Record<string, unknown>> = [];
  const refused: string[] = [];

  before(async () => {
    hub = await startLiveHub({ doors: await Doors.create(trustedDocumentsAccess('require'), NO_AUDIT) });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql')) sent.push(JSON.parse(request.postData() ?? '{}'));
    });
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload));
      if (message.type === 'subscribe') sent.push(message.payload);
    }));
    page.on('console', (message) => { if (message.type() === 'warning' || message.type() === 'error') refused.push(message.text()); });
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('goes live, sending each of its operations by id', async () => {
    await page.goto(hub.gateway.url.replace(/\/graphql$/, LIVE_PATH));
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.textContent === 'live', undefined, { timeout: 30_000 });
    await page.locator('[data-testid="ingest"]').filter({ hasText: /received/ }).waitFor({ timeout: 30_000 });
    await eventually('both subscriptions are open', () => hub.live.subscriberQueues().length === 2);
    const ids = new Set(LIVE_PAGE_OPERATIONS.map((o) => documentId(o.body)));
    assert.ok(sent.length >= 4, `the page's operations were seen: ${JSON.stringify(sent)}`);
    for (const payload of sent) {
      assert.ok(ids.has(payload.documentId as string), `sent by a listed id: ${JSON.stringify(payload).slice(0, 200)}`);
      assert.ok(!payload.query, 'no document text sent');
    }
    assert.deepEqual(refused, []);
  });

  it('moves with the changes pushed to it', async () => {
    await postEvents(firm.events.slice(0, 200), { url: hub.ingestUrl, batchSize: 100, progress: false });
    await hub.settled();
    await page.locator('[data-testid="changes"] li').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="ingest"]').filter({ hasText: /received [1-9]/ }).waitFor({ timeout: 30_000 });
    assert.deepEqual(refused, []);
  });
});
