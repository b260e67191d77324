/**
 * The gateway's response cache on a real read model: answers kept while the
 * projector's checkpoint stays put, and never older than what a client saw.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { ingestEvents } from '../../ingest/ingestEvents';
import { Projector } from '../../listeners/projector';
import { readModelPosition } from '../../hub/checkpoint';
import { createSubgraphs, VOLATILE_FIELDS } from '../../subgraphs';
import type { BusinessEvent } from '../../events/types';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const PAGE = `query Page($id: ID!, $first: Int) {
  project(id: $id) { id approvedHours laborCost { amount } customer { name } invoices(first: $first) { totalCount } }
}`;

interface Answer { status: number; cache: string | null; position: string | null; text: string; body: any }

describe('the response cache (gateway over a real read model)', () => {
  let db: TestDatabase;
  let projector: Projector;
  let gateway: RunningGateway;
  /** When set, each position read waits for it after its statement answered (a slow read in flight). */
  let holdPositionReads: Promise<void> | undefined;
  /** Position reads that answered and wait on `holdPositionReads`. */
  let heldPositionReads = 0;
  /** Requests that asked the response cache (each asks for a position first). */
  let lookups = 0;
  let entry = 0;

  const ingest = async (events: BusinessEvent[]) => {
    const result = await ingestEvents(db.pool, events);
    assert.equal(result.rejected, 0, JSON.stringify(result.results));
  };
  const approveTime = async (hours: number) => {
    const id = `TE-${++entry}`;
    await ingest([
      anEvent('ps.project.time_entry.submitted', { timeEntryId: id, projectId: 'PRJ-1', resourceId: 'RES-1', workDate: '2026-03-02', hours: String(hours), billable: true } as never),
      anEvent('ps.project.time_entry.approved', { timeEntryId: id, approvedBy: 'RES-9', billRate: eur('100'), costRate: eur('50') } as never),
    ]);
  };
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, cache: response.headers.get('x-servicegraph-cache'), position: response.headers.get('x-servicegraph-position'), text, body: JSON.parse(text) };
  };
  const page = (variables: Record<string, unknown> = { id: 'PRJ-1', first: 5 }) => post(gateway.url, { query: PAGE, variables });

  before(async () => {
    db = await createTestDatabase();
    projector = new Projector(db.pool);
    await ingest([
      anEvent('ps.customer.account.upserted', { accountId: 'ACC-1', name: 'Acme GmbH', legalEntityId: 'LE-DE', billingCurrency: 'EUR' } as never),
      anEvent('ps.project.project.created', { projectId: 'PRJ-1', accountId: 'ACC-1', name: 'ERP rollout', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' } as never),
    ]);
    await approveTime(8);
    await projector.drain();
    const position = readModelPosition(db.pool);
    gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
      responseCache: {
        volatileFields: VOLATILE_FIELDS,
        position: async () => {
          const value = await position();
          if (holdPositionReads) {
            heldPositionReads++;
            await holdPositionReads;
          }
          return value;
        },
      },
    });
    // Counted where a request asks the cache (before its position read): a test can tell its requests have arrived.
    const cache = gateway.responseCache!;
    const lookup = cache.lookup.bind(cache);
    cache.lookup = (key) => {
      lookups++;
      return lookup(key);
    };
  });
  after(async () => {
    await gateway?.close();
    await db?.drop();
  });

  it('answers a repeated query from the cache with the identical body, and says so', async () => {
    const first = await page();
    assert.equal(first.status, 200);
    assert.equal(first.body.data.project.approvedHours, '8');
    const second = await page();
    assert.equal(second.cache, 'hit');
    assert.equal(second.text, first.text);
    assert.equal(second.position, first.position);
    assert.ok(['miss', 'hit'].includes(first.cache ?? ''), String(first.cache));
  });

  it('executes afresh for a client that sends Cache-Control: no-cache or no-store', async () => {
    const cachedAnswer = await page();
    assert.equal((await page()).cache, 'hit');
    for (const directive of ['no-cache', 'max-age=0, no-store']) {
      const fresh = await post(gateway.url, { query: PAGE, variables: { id: 'PRJ-1', first: 5 } }, { 'cache-control': directive });
      assert.equal(fresh.cache, 'pass');
      assert.equal(fresh.text, cachedAnswer.text);
    }
  });

  it('misses after the projector commits a batch, and shows the new figures', async () => {
    const before = await page();
    await approveTime(2);
    await projector.drain();
    const after = await page();
    assert.equal(after.cache, 'miss');
    assert.ok(BigInt(after.position!) > BigInt(before.position!), `${after.position} after ${before.position}`);
    assert.equal(after.body.data.project.approvedHours, '10');
    assert.equal((await page()).cache, 'hit');
  });

  it('never answers older than a commit the client saw, even when a position read was in flight', async () => {
    const primed = await page();
    assert.equal((await page()).cache, 'hit');
    const hoursBefore = Number(primed.body.data.project.approvedHours);

    // A request arrives and its position read answers the old position, then stalls.
    let release!: () => void;
    holdPositionReads = new Promise((resolve) => { release = resolve; });
    const early = page();
    await eventually('the early request\'s position read to be held', () => heldPositionReads === 1);
    // A batch commits; the client sees it (drain returned), then asks while that old read is still in flight.
    await approveTime(1);
    await projector.drain();
    const lookupsBefore = lookups;
    const late = Array.from({ length: 5 }, () => page());
    await eventually('the late requests to ask the cache', () => lookups === lookupsBefore + late.length);
    holdPositionReads = undefined;
    release();

    const earlyAnswer = await early;
    assert.equal(earlyAnswer.body.data.project.approvedHours, String(hoursBefore), 'the early request may get the old answer');
    for (const answer of await Promise.all(late)) {
      assert.equal(answer.body.data.project.approvedHours, String(hoursBefore + 1), 'a request after the commit sees it');
      assert.ok(BigInt(answer.position!) > BigInt(earlyAnswer.position!));
    }
  });

  it('shares one position read among concurrent requests', async () => {
    await page();
    const reads = gateway.responseCache!.stats.positionReads;
    const answers = await Promise.all(Array.from({ length: 40 }, () => page()));
    assert.ok(answers.every((a) => a.cache === 'hit'));
    const used = gateway.responseCache!.stats.positionReads - reads;
    assert.ok(used < 40, `${used} position reads for 40 concurrent requests`);
  });

  it('treats variables given in another key order as the same request', async () => {
    await page({ id: 'PRJ-1', first: 3 });
    const reordered = await page({ first: 3, id: 'PRJ-1' });
    assert.equal(reordered.cache, 'hit');
    assert.equal((await page({ id: 'PRJ-1', first: 4 })).cache, 'miss');
  });

  it('does not keep answers with errors', async () => {
    const bad = { id: 'PRJ-1', first: 501 };
    const first = await page(bad);
    assert.equal(first.status, 200);
    assert.equal(first.body.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.equal(first.cache, 'pass');
    assert.equal((await page(bad)).cache, 'pass');
    const invalid = await post(gateway.url, { query: '{ project(id: "PRJ-1") { nope } }' });
    assert.equal(invalid.status, 400);
    assert.notEqual((await post(gateway.url, { query: '{ project(id: "PRJ-1") { nope } }' })).cache, 'hit');
  });

  it('never keeps answers that select a field that changes without a commit', async () => {
    const status = '{ ingestStatus { received pending } }';
    const first = await post(gateway.url, { query: status });
    assert.equal(first.cache, 'pass');
    await ingest([anEvent('ps.customer.account.upserted', { accountId: 'ACC-2', name: 'Globex', legalEntityId: 'LE-DE', billingCurrency: 'EUR' } as never)]);
    const second = await post(gateway.url, { query: status });
    assert.equal(second.cache, 'pass');
    assert.equal(second.body.data.ingestStatus.received, first.body.data.ingestStatus.received + 1, 'ingest moved, the projector did not');
    assert.equal(second.body.data.ingestStatus.pending, 1);
    await projector.drain();
  });

  it('keys the answer by the Accept header, which chooses its media type', async () => {
    const modern = await post(gateway.url, { query: PAGE, variables: { id: 'PRJ-1', first: 1 } }, { accept: 'application/graphql-response+json' });
    const legacy = await post(gateway.url, { query: PAGE, variables: { id: 'PRJ-1', first: 1 } }, { accept: 'application/json' });
    assert.equal(legacy.cache, 'miss');
    const again = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: PAGE, variables: { id: 'PRJ-1', first: 1 } }) });
    assert.equal(again.headers.get('x-servicegraph-cache'), 'hit');
    assert.match(again.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
    assert.equal(await again.text(), modern.text);
  });

  it('stays within its byte bound, dropping the least recently used answers', async () => {
    const small = await startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
      responseCache: { position: readModelPosition(db.pool), maxBytes: 4096, volatileFields: VOLATILE_FIELDS },
    });
    try {
      for (let first = 1; first <= 30; first++) {
        const answer = await post(small.url, { query: PAGE, variables: { id: 'PRJ-1', first } });
        assert.equal(answer.body.data.project.id, 'PRJ-1');
        assert.ok(small.responseCache!.size <= 4096, `${small.responseCache!.size} bytes held`);
      }
      assert.ok(small.responseCache!.stats.evicted > 0);
      assert.equal((await post(small.url, { query: PAGE, variables: { id: 'PRJ-1', first: 30 } })).cache, 'hit', 'the most recent stays');
      assert.equal((await post(small.url, { query: PAGE, variables: { id: 'PRJ-1', first: 1 } })).cache, 'miss', 'the oldest went');
    } finally {
      await small.close();
    }
  });

  it('serves without a cache when none is given', async () => {
    const plain = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
    try {
      const answer = await post(plain.url, { query: PAGE, variables: { id: 'PRJ-1', first: 5 } });
      assert.equal(answer.status, 200);
      assert.equal(answer.cache, null);
      assert.equal(answer.text, (await page()).text);
      assert.equal(plain.responseCache, undefined);
    } finally {
      await plain.close();
    }
  });
});
