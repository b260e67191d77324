"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The live status page with AUTH=jwt, in headless Chromium: without a token
 * it asks for one (saying why); a token in the URL fragment (never sent to
 * the server) or typed into the sign-in field makes it live — its query sends
 * it as a bearer token, its graphql-ws connection in connection_init — and
 * the token appears in no request URL.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const playwright_core_1 = require("playwright-core");
const livePage_1 = require("../../live/livePage");
const accessHub_1 = require("../support/accessHub");
const tokens_1 = require("../support/tokens");
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
(0, node_test_1.describe)('the live page with AUTH=jwt', () => {
    let hub;
    let browser;
    let token;
    (0, node_test_1.before)(async () => {
        hub = await (0, accessHub_1.startAccessHub)();
        token = await (0, tokens_1.hs256)({ sub: 'live-viewer', scope: 'graph:read financials:read operations:read' });
        browser = await playwright_core_1.chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    });
    (0, node_test_1.after)(async () => {
        await browser?.close();
        await hub?.close();
    });
    const pageUrl = () => hub.graphqlUrl.replace(/\/graphql$/, livePage_1.LIVE_PATH);
    (0, node_test_1.it)('asks for a token when it has none', async () => {
        const page = await browser.newPage();
        try {
            await page.goto(pageUrl());
            await page.locator('[data-testid="sign-in"]').waitFor({ state: 'visible', timeout: 20_000 });
            strict_1.default.match(await page.locator('[data-testid="sign-in-reason"]').textContent() ?? '', /expected a bearer token/);
            await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.textContent === 'signed out', undefined, { timeout: 20_000 });
        }
        finally {
            await page.close();
        }
    });
    for (const how of ['URL fragment', 'sign-in field']) {
        (0, node_test_1.it)(`goes live with a token from the ${how}, sending it in no URL`, async () => {
            const page = await browser.newPage();
            const urls = [];
            page.on('request', (request) => urls.push(request.url()));
            try {
                if (how === 'URL fragment') {
                    await page.goto(`${pageUrl()}#token=${token}`);
                }
                else {
                    await page.goto(pageUrl());
                    await page.locator('[data-testid="token-input"]').fill(token);
                    await page.locator('[data-testid="sign-in"] button').click();
                }
                await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.textContent === 'live', undefined, { timeout: 30_000 });
                await page.locator('[data-testid="ingest"]').filter({ hasText: /received/ }).waitFor({ timeout: 30_000 });
                strict_1.default.equal(await page.locator('[data-testid="sign-in"]').isVisible(), false);
                strict_1.default.equal(new URL(page.url()).hash, '', 'the fragment is taken out of the address bar');
                strict_1.default.ok(urls.length > 0 && urls.every((url) => !url.includes(token)), 'no request URL carries the token');
            }
            finally {
                await page.close();
            }
        });
    }
});
//# sourceMappingURL=live.auth.browser.test.js.map