/**
 * The live status page in headless Chromium: it loads, events are ingested,
 * and the figures shown move to the values the oracle expects, pushed by the
 * subscriptions (the page is never reloaded). A screenshot is saved in
 * test-artifacts/ for people to look at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LIVE_PATH } from '../../live/livePage';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures, Oracle } from '../../simulator/oracle';
import * as overTime from '../../simulator/oracleOverTime';
import { postEvents } from '../../simulator/post';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const firm = simulateFirm({ seed: 'live-page', scale: 0.5 });
const half = Math.floor(firm.events.length / 2);
const atHalf = expectedFigures(firm.events.slice(0, half));
const atEnd = expectedFigures(firm.events);
const endOracle = new Oracle();
for (const event of firm.events) endOracle.apply(event);
const endFacts = endOracle.datedFacts();

/** "21,402.31 EUR" → "21402.31" */
const amountOf = (text: string | null) => (text ?? '').replace(/[^\d.-]/g, '');

async function shownMargins(page: Page): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const row of atEnd.portfolio) {
    const cell = page.locator(`[data-testid="margin-${row.currency}"]`);
    if (await cell.count()) shown[row.currency] = amountOf(await cell.textContent());
  }
  return shown;
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const margins = (figures: typeof atEnd) => Object.fromEntries(figures.portfolio.map((row) => [row.currency, row.margin]));

describe('the live status page', () => {
  let hub: LiveHub;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    hub = await startLiveHub();
    await postEvents(firm.events.slice(0, half), { url: hub.ingestUrl, progress: false });
    await hub.settled();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, locale: 'en-US' });
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('requestfailed', (request) => consoleErrors.push(`request failed: ${request.url()}`));
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('loads and shows the portfolio as it stands', async () => {
    await page.goto(hub.gateway.url.replace(/\/graphql$/, LIVE_PATH));
    await eventually('the page is connected', async () => (await page.textContent('[data-testid="connection"]')) === 'live');
    await eventually('the figures of the first half are shown',
      async () => JSON.stringify(await shownMargins(page)) === JSON.stringify(margins(atHalf)));
  });

  it('moves the figures to the final values as events arrive, without a reload', async () => {
    await postEvents(firm.events.slice(half), { url: hub.ingestUrl, batchSize: 50, progress: false });
    await hub.settled();
    await eventually('the final figures are shown', async () => JSON.stringify(await shownMargins(page)) === JSON.stringify(margins(atEnd)));
    for (const row of atEnd.portfolio) {
      assert.equal(amountOf(await page.textContent(`[data-testid="unbilled-${row.currency}"]`)), row.unbilledApprovedAmount);
      assert.equal(amountOf(await page.textContent(`[data-testid="outstanding-${row.currency}"]`)), row.outstandingBalance);
    }
    assert.ok(await page.locator('[data-testid="changes"] li').count() > 0, 'pushed changes are listed');
    // The trend's last 12 months and both agings, as of the hub's today, as the oracle computes them.
    const trend = overTime.portfolioMonths(endFacts);
    const months = [...new Set(trend.map((row) => row.month))].sort().slice(-12);
    assert.ok(months.length > 1, 'the firm has more than one month');
    for (const row of trend.filter((r) => months.includes(r.month))) {
      assert.equal(amountOf(await page.textContent(`[data-testid="trend-margin-${row.month}-${row.currency}"]`)), row.margin, `${row.month} ${row.currency}`);
      assert.equal(amountOf(await page.textContent(`[data-testid="trend-revenue-${row.month}-${row.currency}"]`)), row.recognizedRevenue);
    }
    const today = new Date().toISOString().slice(0, 10);
    for (const [table, rows] of [['receivablesAging', overTime.receivablesAging(endFacts, today)], ['unbilledAging', overTime.unbilledAging(endFacts, today)]] as const) {
      assert.ok(rows.length > 0, `${table} has rows`);
      for (const row of rows) {
        for (const bucket of ['days1to30', 'days31to60', 'days61to90', 'over90'] as const) {
          assert.equal(amountOf(await page.textContent(`[data-testid="${table}-${row.currency}-${bucket}"]`)), row[bucket], `${table} ${row.currency} ${bucket}`);
        }
      }
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-page.png'), fullPage: true });
  });

  it('lists open hub exceptions and parked events in the operator panel, by age', async () => {
    const approval = firm.events.find((e) => e.type === 'ps.project.time_entry.approved')!;
    // Approving an approved time entry again breaks its lifecycle; approving an unknown one parks.
    // Without a sequence: the copy would be stale (at or below the sequence applied), not an exception.
    const { sequence: _sequence, ...unsequenced } = approval;
    const again = { ...unsequenced, id: `${approval.id}-again` };
    const unknown = { ...unsequenced, id: `${approval.id}-unknown`, subject: 'TE-UNKNOWN', data: { ...approval.data, timeEntryId: 'TE-UNKNOWN' } };
    await postEvents([again, unknown], { url: hub.ingestUrl, progress: false });
    await hub.settled();
    await eventually('the operator panel shows the exception and the parked event',
      async () => (await page.textContent('[data-testid="hub-exception-count"]')) === '(1)' && (await page.textContent('[data-testid="parked-count"]')) === '(1)');
    const rows = page.locator('[data-testid="operator-rows"] tr');
    assert.equal(await rows.count(), 2);
    const texts = await rows.allTextContents();
    assert.ok(texts.some((t) => t.startsWith('exception') && t.includes(again.id) && t.includes('ILLEGAL_TRANSITION')), texts.join(' | '));
    assert.ok(texts.some((t) => t.startsWith('parked') && t.includes(unknown.id) && t.includes('TE-UNKNOWN')), texts.join(' | '));
  });

  it('loads nothing that fails, from no other origin', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
