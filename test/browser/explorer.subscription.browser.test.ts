/**
 * The explorer in headless Chromium runs a subscription: GraphiQL, served by
 * the gateway, sends the `subscription` typed in its editor over graphql-ws
 * on the gateway's own path, and the changes pushed as events are ingested
 * stream into its result pane. Queries typed there keep going by POST.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const firm = simulateFirm({ seed: 'explorer-subscription', scale: 0.1 });
const SUBSCRIPTION = 'subscription Watch { invoiceStatusChanged { eventType invoice { id status customer { name } } } }';

/** The CodeMirror 5 editor GraphiQL renders in `selector` (its instance hangs on the element). */
const editorValue = (page: Page, selector: string) =>
  page.evaluate((s) => (document.querySelector(`${s} .CodeMirror`) as unknown as { CodeMirror: { getValue(): string } } | null)?.CodeMirror.getValue() ?? '', selector);

/**
 * Types `query` into the editor and waits until GraphiQL has taken it in: it
 * reads the operation's name from the editor after a debounce, and a click
 * before that would send the new document under the previous tab's name.
 */
async function typeOperation(page: Page, query: string, name: string): Promise<void> {
  await page.evaluate((q) => {
    (document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(q);
  }, query);
  await page.waitForFunction((n) => document.querySelector('.graphiql-tab-active')?.textContent?.startsWith(n) === true, name);
}

describe('the explorer', () => {
  let hub: LiveHub;
  let browser: Browser;
  let page: Page;
  const sockets: string[] = [];
  const posts: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    hub = await startLiveHub();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('request', (request) => { if (request.method() === 'POST') posts.push(request.url()); });
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url}`); });
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('runs a subscription over graphql-ws and shows the changes pushed as events arrive', async () => {
    await page.goto(hub.gateway.url, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    await typeOperation(page, SUBSCRIPTION, 'Watch');
    posts.length = 0;
    await page.click('.graphiql-execute-button');
    // GraphiQL holds a running subscription: its button turns into "Stop query".
    await page.waitForSelector('.graphiql-execute-button[aria-label^="Stop"]', { timeout: 30_000 });
    // Live once the fan-out holds it: only then are events sent, so the first change is one it must see.
    await eventually('the explorer\'s subscription is open on the hub', () => hub.live.subscriberQueues().length === 1, { timeoutMs: 30_000 });
    assert.deepEqual(sockets, [hub.gateway.url.replace(/^http/, 'ws')], 'one WebSocket, to the gateway\'s GraphQL path');
    await postEvents(firm.events, { url: hub.ingestUrl, progress: false });
    await hub.settled();
    await eventually('a pushed change is shown in the result pane',
      async () => /"invoiceStatusChanged"/.test(await editorValue(page, '.result-window')), { timeoutMs: 30_000 });
    const shown = await editorValue(page, '.result-window');
    assert.match(shown, /"eventType": "[a-z_.]+"/);
    assert.match(shown, /"customer": \{\s*"name": "[^"]+"/);
    assert.doesNotMatch(shown, /"errors"/);
    assert.deepEqual(posts.filter((url) => url === hub.gateway.url), [], 'the subscription itself was not POSTed');
  });

  it('still sends a query by POST through the gateway', async () => {
    await typeOperation(page, 'query Status { ingestStatus { received applied } }', 'Status');
    // The button stops a running subscription first ("Stop query"), then executes.
    if ((await page.getAttribute('.graphiql-execute-button', 'aria-label'))?.startsWith('Stop')) {
      await page.click('.graphiql-execute-button');
      await page.waitForSelector('.graphiql-execute-button[aria-label^="Execute"]');
    }
    posts.length = 0;
    await page.click('.graphiql-execute-button');
    await eventually('the query\'s answer is shown', async () => /"ingestStatus"/.test(await editorValue(page, '.result-window')), { timeoutMs: 30_000 });
    assert.ok(posts.includes(hub.gateway.url), 'the query went by POST');
    assert.match(await editorValue(page, '.result-window'), /"received": [1-9]\d*/);
    assert.deepEqual(consoleErrors, []);
  });
});
