/**
 * How a report reaches its reader: the CSV is RFC 4180 in UTF-8, quoted and
 * escaped where a value needs it; pages are read from the gateway only as the
 * client takes the rows, so a client that stops reading stops the report, and
 * one that reads nothing for the stall timeout, or hangs up, ends it: its
 * handler settles and no page is executed after that.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { buildSchema, type FormattedExecutionResult } from 'graphql';
import { parseReport } from '../../reporting/catalogue';
import { createReportsHandler } from '../../reporting/reportsExtension';
import { csvRecords } from '../support/csvRecords';

const REPORT = parseReport('endless', `# title: Endless
# list: things
query Endless($first: Int, $after: String) {
  things(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id text } }
}`);
const PEOPLE = parseReport('people', `# title: People
# list: people
query People { people { name note { text } } }`);
const schema = buildSchema('type Query { things(first: Int, after: String): String people: String }');
/** The real timer, kept before a test mocks `setTimeout`: the test's own waits stay real. */
const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));
/** The handler's stall timeout (reporting/reportsExtension.ts). */
const STALLED_READER_MS = 60_000;

interface Served {
  readonly url: string;
  /** The handler's promise for the latest request. */
  handled(): Promise<boolean>;
  close(): Promise<void>;
}

async function serve(execute: (variables: Record<string, unknown>) => Promise<FormattedExecutionResult>): Promise<Served> {
  const handle = createReportsHandler({
    schema, reports: new Map([[REPORT.name, REPORT], [PEOPLE.name, PEOPLE]]), execute: (_req, _report, variables) => execute(variables),
  });
  let handled: Promise<boolean> | undefined;
  const server = http.createServer((req, res) => {
    handled = handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handled: () => handled!,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Every page 500 rows of 2 KiB that says there is another: only the reader can stop the report. */
function endlessPages(): { execute: () => Promise<FormattedExecutionResult>; pages: () => number } {
  let pages = 0;
  return {
    pages: () => pages,
    execute: async () => {
      // A page is read from the database: the event loop turns meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      pages++;
      const nodes = Array.from({ length: 500 }, (_, i) => ({ id: `${pages}-${i}`, text: 'x'.repeat(2048) }));
      return { data: { things: { pageInfo: { hasNextPage: true, endCursor: String(pages) }, nodes } } };
    },
  };
}

/** True when `promise` settles within `ms` (real time). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true, () => true), sleep(ms).then(() => false)]);
}

describe('a saved report and its reader', () => {
  it('writes RFC 4180 CSV in UTF-8: CRLF record ends, a comma, quote or line break quoted, a quote doubled', async () => {
    const people = [
      { name: 'Müller, Anna', note: { text: 'says "hi"' } },
      { name: 'two\r\nlines', note: { text: 'Zoë 東京 ✓' } },
      { name: 'a\rb', note: { text: 'c\nd' } },
      { name: '"quoted"', note: null },
      { name: 'plain', note: { text: '' } },
    ];
    const served = await serve(async () => ({ data: { people } }));
    try {
      const response = await fetch(`${served.url}/reports/people.csv`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
      const bytes = Buffer.from(await response.arrayBuffer());
      const expected = 'name,note.text\r\n'
        + '"Müller, Anna","says ""hi"""\r\n'
        + '"two\r\nlines",Zoë 東京 ✓\r\n'
        + '"a\rb","c\nd"\r\n'
        + '"""quoted""",\r\n'
        + 'plain,\r\n';
      assert.deepEqual(bytes, Buffer.from(expected, 'utf8'), `served:\n${JSON.stringify(bytes.toString('utf8'))}`);
      // A strict RFC 4180 reader gives back every value.
      assert.deepEqual(csvRecords(bytes.toString('utf8')).map((r) => [r.name, r['note.text']]),
        people.map((p) => [p.name, p.note?.text ?? '']));
    } finally {
      await served.close();
    }
  });

  it('reads no further page while its client reads nothing, and ends the report after the stall timeout', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { execute, pages } = endlessPages();
    const served = await serve(execute);
    try {
      const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get(`${served.url}/reports/endless.csv`, resolve).on('error', reject);
      });
      // The client reads nothing: no 'data' listener, the stream paused; the socket buffers fill up.
      response.pause();
      const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
      response.on('error', () => undefined);
      assert.equal(response.statusCode, 200);

      // Each page is 1 MiB: the socket buffers hold a few; the report must then wait for the reader.
      const MOST_PAGES_BUFFERED = 24;
      let unchangedFor = 0;
      let seen = pages();
      while (unchangedFor < 1_000) {
        await sleep(100);
        assert.ok(pages() <= MOST_PAGES_BUFFERED, `${pages()} pages read while the client read nothing`);
        unchangedFor = pages() === seen ? unchangedFor + 100 : 0;
        seen = pages();
      }
      const stalledAt = pages();
      await sleep(500);
      assert.equal(pages(), stalledAt, 'no page read while the client still reads nothing');
      assert.equal(await settlesWithin(served.handled(), 0), false, 'the report waits for its reader');

      t.mock.timers.tick(STALLED_READER_MS - 1_000);
      assert.equal(await settlesWithin(served.handled(), 200), false, 'the report still waits before the stall timeout');
      t.mock.timers.tick(1_000);
      assert.equal(await settlesWithin(served.handled(), 2_000), true, 'the stall timeout ends the report');
      // A paused client notices the end only when it reads again: what was buffered, then no final chunk.
      response.resume();
      assert.equal(await settlesWithin(closed, 5_000), true, 'the response is closed');
      assert.equal(response.complete, false, 'the client sees an incomplete transfer, not a short report that looks whole');
      assert.equal(pages(), stalledAt, 'no page read after the report ended');
    } finally {
      await served.close();
    }
  });

  it('ends the report when the client hangs up, however many pages the list has', async () => {
    const { execute, pages } = endlessPages();
    const served = await serve(execute);
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${served.url}/reports/endless.csv`, (res) => {
          assert.equal(res.statusCode, 200);
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            // A few pages in, the client hangs up.
            if (received > 3 * 1024 * 1024) {
              req.destroy();
              resolve();
            }
          });
        });
        req.on('error', (error) => (req.destroyed ? resolve() : reject(error)));
      });
      const atHangUp = pages();
      assert.equal(await settlesWithin(served.handled(), 2_000), true, 'the report ends when its client hangs up (it does not wait for ever to write)');
      assert.ok(pages() <= atHangUp + 1, `pages executed after the hang-up: ${pages() - atHangUp}`);
      assert.ok(atHangUp < 50, `the report ran ahead of its reader: ${atHangUp} pages for ~3 MiB read`);
    } finally {
      await served.close();
    }
  });
});
