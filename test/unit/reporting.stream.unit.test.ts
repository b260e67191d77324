/**
 * A report streams no further than its reader: pages are read from the
 * gateway only as the client takes the rows, and a client that hangs up ends
 * the report: its handler settles and no page is executed after that.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { buildSchema } from 'graphql';
import { parseReport } from '../../reporting/catalogue';
import { createReportsHandler } from '../../reporting/reportsExtension';

const REPORT = parseReport('endless', `# title: Endless
# list: things
query Endless($first: Int, $after: String) {
  things(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id text } }
}`);
const schema = buildSchema('type Query { things(first: Int, after: String): String }');

describe('a saved report and its reader', () => {
  it('ends the report when the client hangs up, however many pages the list has', async () => {
    let pages = 0;
    const handle = createReportsHandler({
      schema,
      reports: new Map([[REPORT.name, REPORT]]),
      // Every page is 500 rows of 2 KiB and says there is another: only the reader can stop it.
      execute: async () => {
        pages++;
        const nodes = Array.from({ length: 500 }, (_, i) => ({ id: `${pages}-${i}`, text: 'x'.repeat(2048) }));
        return { data: { things: { pageInfo: { hasNextPage: true, endCursor: String(pages) }, nodes } } };
      },
    });
    let handled: Promise<boolean> | undefined;
    const server = http.createServer((req, res) => {
      handled = handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`http://127.0.0.1:${port}/reports/endless.csv`, (res) => {
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
      const atHangUp = pages;
      const settled = await Promise.race([handled!.then(() => true, () => true), new Promise((resolve) => setTimeout(() => resolve(false), 2_000))]);
      assert.equal(settled, true, 'the report ends when its client hangs up (it does not wait for ever to write)');
      assert.ok(pages <= atHangUp + 1, `pages executed after the hang-up: ${pages - atHangUp}`);
      assert.ok(atHangUp < 50, `the report ran ahead of its reader: ${atHangUp} pages for ~3 MiB read`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
