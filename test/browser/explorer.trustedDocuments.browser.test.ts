/**
 * The explorer on a hub that runs only trusted documents
 * (TRUSTED_DOCUMENTS=require), in headless Chromium: GraphiQL loads its
 * schema (its introspection query is a listed document), its example tabs
 * run as they are, and an operation typed into it that is in no manifest is
 * refused with PERSISTED_QUERY_NOT_IN_LIST.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NO_AUDIT } from '../../access/auditLog';
import { Doors } from '../../access/doors';
import { EXAMPLE_QUERIES } from '../../gateway/exampleQueries';
import { trustedDocumentsAccess } from '../support/accessHub';
import { eventually } from '../support/eventually';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The CodeMirror 5 editor GraphiQL renders in `selector` (its instance hangs on the element). */
const editorValue = (page: Page, selector: string) =>
  page.evaluate((s) => (document.querySelector(`${s} .CodeMirror`) as unknown as { CodeMirror: { getValue(): string } } | null)?.CodeMirror.getValue() ?? '', selector);

describe('the explorer with TRUSTED_DOCUMENTS=require', () => {
  let hub: LiveHub;
  let browser: Browser;
  let page: Page;
  /** Each GraphQL POST the page made: its operation name and the answer's status. */
  const answers: Array<{ operationName: string | undefined; status: number }> = [];

  before(async () => {
    hub = await startLiveHub({ doors: await Doors.create(trustedDocumentsAccess('require'), NO_AUDIT) });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on('response', (response) => {
      const request = response.request();
      if (request.method() === 'POST' && request.url() === hub.gateway.url) {
        answers.push({ operationName: JSON.parse(request.postData() ?? '{}').operationName, status: response.status() });
      }
    });
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('loads its schema and runs an example tab as it is', async () => {
    await page.goto(hub.gateway.url, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    await eventually('the schema is loaded', () => answers.some((a) => a.operationName === 'IntrospectionQuery'), { timeoutMs: 30_000 });
    assert.deepEqual(answers.filter((a) => a.operationName === 'IntrospectionQuery').map((a) => a.status), [200], 'the introspection query is a trusted document');
    assert.equal(await editorValue(page, '.graphiql-query-editor'), EXAMPLE_QUERIES[0]!.query, 'the first example tab is open');
    await page.click('.graphiql-execute-button');
    await eventually('the example\'s answer is shown', async () => /"customer"/.test(await editorValue(page, '.result-window')), { timeoutMs: 30_000 });
    assert.doesNotMatch(await editorValue(page, '.result-window'), /"errors"/);
  });

  it('refuses an operation typed into it that is in no manifest', async () => {
    await page.evaluate(() => {
      (document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } })
        .CodeMirror.setValue('query Typed { ingestStatus { received } }');
    });
    await page.waitForFunction(() => document.querySelector('.graphiql-tab-active')?.textContent?.startsWith('Typed') === true);
    await page.click('.graphiql-execute-button');
    await eventually('the refusal is shown', async () => /PERSISTED_QUERY_NOT_IN_LIST/.test(await editorValue(page, '.result-window')), { timeoutMs: 30_000 });
  });
});
