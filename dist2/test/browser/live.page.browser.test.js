"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The live status page in headless Chromium: it loads, events are ingested,
 * and the figures shown move to the values the oracle expects, pushed by the
 * subscriptions (the page is never reloaded). A screenshot is saved in
 * test-artifacts/ for people to look at.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const playwright_core_1 = require("playwright-core");
const livePage_1 = require("../../live/livePage");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const overTime = __importStar(require("../../simulator/oracleOverTime"));
const post_1 = require("../../simulator/post");
const liveHub_1 = require("../support/liveHub");
const ARTIFACTS = node_path_1.default.resolve(__dirname, '..', '..', '..', 'test-artifacts');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const firm = (0, firm_1.simulateFirm)({ seed: 'live-page', scale: 0.5 });
const half = Math.floor(firm.events.length / 2);
const atHalf = (0, oracle_1.expectedFigures)(firm.events.slice(0, half));
const atEnd = (0, oracle_1.expectedFigures)(firm.events);
const endOracle = new oracle_1.Oracle();
for (const event of firm.events)
    endOracle.apply(event);
const endFacts = endOracle.datedFacts();
/** "21,402.31 EUR" → "21402.31" */
const amountOf = (text) => (text ?? '').replace(/[^\d.-]/g, '');
async function shownMargins(page) {
    const shown = {};
    for (const row of atEnd.portfolio) {
        const cell = page.locator(`[data-testid="margin-${row.currency}"]`);
        if (await cell.count())
            shown[row.currency] = amountOf(await cell.textContent());
    }
    return shown;
}
async function eventually(what, check, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline)
            strict_1.default.fail(`timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
const margins = (figures) => Object.fromEntries(figures.portfolio.map((row) => [row.currency, row.margin]));
(0, node_test_1.describe)('the live status page', () => {
    let hub;
    let browser;
    let page;
    const consoleErrors = [];
    (0, node_test_1.before)(async () => {
        hub = await (0, liveHub_1.startLiveHub)();
        await (0, post_1.postEvents)(firm.events.slice(0, half), { url: hub.ingestUrl, progress: false });
        await hub.settled();
        browser = await playwright_core_1.chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
        page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, locale: 'en-US' });
        page.on('console', (message) => { if (message.type() === 'error')
            consoleErrors.push(message.text()); });
        page.on('requestfailed', (request) => consoleErrors.push(`request failed: ${request.url()}`));
    });
    (0, node_test_1.after)(async () => {
        await browser?.close();
        await hub?.close();
    });
    (0, node_test_1.it)('loads and shows the portfolio as it stands', async () => {
        await page.goto(hub.gateway.url.replace(/\/graphql$/, livePage_1.LIVE_PATH));
        await eventually('the page is connected', async () => (await page.textContent('[data-testid="connection"]')) === 'live');
        await eventually('the figures of the first half are shown', async () => JSON.stringify(await shownMargins(page)) === JSON.stringify(margins(atHalf)));
    });
    (0, node_test_1.it)('moves the figures to the final values as events arrive, without a reload', async () => {
        await (0, post_1.postEvents)(firm.events.slice(half), { url: hub.ingestUrl, batchSize: 50, progress: false });
        await hub.settled();
        await eventually('the final figures are shown', async () => JSON.stringify(await shownMargins(page)) === JSON.stringify(margins(atEnd)));
        for (const row of atEnd.portfolio) {
            strict_1.default.equal(amountOf(await page.textContent(`[data-testid="unbilled-${row.currency}"]`)), row.unbilledApprovedAmount);
            strict_1.default.equal(amountOf(await page.textContent(`[data-testid="outstanding-${row.currency}"]`)), row.outstandingBalance);
        }
        strict_1.default.ok(await page.locator('[data-testid="changes"] li').count() > 0, 'pushed changes are listed');
        // The trend's last 12 months and both agings, as of the hub's today, as the oracle computes them.
        const trend = overTime.portfolioMonths(endFacts);
        const months = [...new Set(trend.map((row) => row.month))].sort().slice(-12);
        strict_1.default.ok(months.length > 1, 'the firm has more than one month');
        for (const row of trend.filter((r) => months.includes(r.month))) {
            strict_1.default.equal(amountOf(await page.textContent(`[data-testid="trend-margin-${row.month}-${row.currency}"]`)), row.margin, `${row.month} ${row.currency}`);
            strict_1.default.equal(amountOf(await page.textContent(`[data-testid="trend-revenue-${row.month}-${row.currency}"]`)), row.recognizedRevenue);
        }
        const today = new Date().toISOString().slice(0, 10);
        for (const [table, rows] of [['receivablesAging', overTime.receivablesAging(endFacts, today)], ['unbilledAging', overTime.unbilledAging(endFacts, today)]]) {
            strict_1.default.ok(rows.length > 0, `${table} has rows`);
            for (const row of rows) {
                for (const bucket of ['days1to30', 'days31to60', 'days61to90', 'over90']) {
                    strict_1.default.equal(amountOf(await page.textContent(`[data-testid="${table}-${row.currency}-${bucket}"]`)), row[bucket], `${table} ${row.currency} ${bucket}`);
                }
            }
        }
        node_fs_1.default.mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: node_path_1.default.join(ARTIFACTS, 'live-page.png'), fullPage: true });
    });
    (0, node_test_1.it)('loads nothing that fails, from no other origin', () => {
        strict_1.default.deepEqual(consoleErrors, []);
    });
});
//# sourceMappingURL=live.page.browser.test.js.map