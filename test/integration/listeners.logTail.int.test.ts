import assert from 'node:assert/strict';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import type { CommittedEvents } from '../../hub/eventLog';
import { ingestEvents } from '../../ingest/ingestEvents';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { readIngestStatus } from '../../hub/status';
import { LogTail } from '../../hub/logTail';
import { startListeners, type ListenerRunner } from '../../listeners/runner';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { sameFields } from '../support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../support/readModelFigures';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('listeners taking the events ingest committed from memory (the log tail)', () => {
  const firm = simulateFirm({ seed: 'log-tail', scale: 0.5 });
  let db: TestDatabase;
  let ingest: IngestServer;
  let runner: ListenerRunner | undefined;
  const tail = new LogTail();
  const ports: MessagePort[] = [];
  const handedOver: CommittedEvents[] = [];

  before(async () => {
    db = await createTestDatabase();
    ingest = await startIngestServer({
      pool: db.pool, host: '127.0.0.1', port: 0,
      committedEvents: () => {
        const { port1, port2 } = new MessageChannel();
        port2.on('message', (events: CommittedEvents) => { handedOver.push(events); tail.add(events); });
        ports.push(port2);
        return port1;
      },
    });
    runner = await startListeners({ databaseUrl: db.url, batchSize: 150, pollMs: 20, tail });
    const delivery = [...deliver(firm.events, { mode: 'interleaved', seed: 11, window: 300 })];
    const url = `http://127.0.0.1:${ingest.port}/events`;
    for (let at = 0, chunk = 0; at < delivery.length; at += 200, chunk++) {
      const events = delivery.slice(at, at + 200);
      // Every third chunk by another writer of the log, which hands nothing over: the listeners must read it from the log.
      if (chunk % 3 === 2) assert.equal((await ingestEvents(db.pool, events)).rejected, 0);
      else await postEvents(events, { url, batchSize: 200, progress: false });
      // Sent twice: all duplicates, nothing inserted, nothing handed over.
      if (chunk === 4) await postEvents(events, { url, batchSize: 200, progress: false });
    }
    while ((await readIngestStatus(db.pool)).pending > 0) await runner.caughtUp();
  });
  after(async () => {
    await runner?.stop();
    await ingest?.close();
    for (const port of ports) port.close();
    await db?.drop();
  });

  it('hands over exactly what the log holds at those positions', async () => {
    assert.ok(handedOver.length > 0);
    const { rows } = await db.pool.query<{ position: string; envelope: unknown }>(
      `SELECT e.position::text AS position, e.envelope FROM hub.event_log e WHERE e.position = ANY($1::bigint[]) ORDER BY e.position`,
      [handedOver.flatMap((batch) => batch.envelopes.map((_, i) => String(BigInt(batch.firstPosition) + BigInt(i))))]);
    const expected = handedOver.flatMap((batch) => batch.envelopes.map((envelope, i) => ({ position: String(BigInt(batch.firstPosition) + BigInt(i)), envelope: JSON.parse(envelope) })));
    assert.deepEqual(rows, expected);
  });

  it('applies every event once, in log order, whichever way it was read', async () => {
    const status = await readIngestStatus(db.pool);
    assert.equal(status.applied, firm.events.length);
    assert.equal(status.pending, 0);
    assert.equal(status.exceptions, 0);
    const expected = expectedFigures(firm.events);
    const actual = await readModelFigures(db.pool);
    assert.deepEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects));
    assert.deepEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices));
    assert.deepEqual(actual.customers, sameFields(expected.customers, NOT_READ.customers));
  });

  it('took events from memory and read the others from the log', () => {
    // How many depends on timing (a notification that arrives before the handed-over events sends the listeners to the log).
    assert.ok(tail.served > 0, `served ${tail.served} of ${firm.events.length} from memory`);
    assert.ok(tail.missed > 0, 'some reads went to the log');
  });
});
