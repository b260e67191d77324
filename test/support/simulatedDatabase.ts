/**
 * A test database holding a simulated firm, delivered in one of the
 * simulator's modes through the real ingest over HTTP and applied by the
 * listeners, as in production.
 */
import assert from 'node:assert/strict';
import { startIngestServer } from '../../ingest/server';
import { Projector } from '../../listeners/projector';
import { deliver, type DeliveryMode } from '../../simulator/delivery';
import type { BusinessEvent } from '../../events/types';
import { postEvents } from '../../simulator/post';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export async function simulatedDatabase(events: readonly BusinessEvent[], mode: DeliveryMode): Promise<TestDatabase> {
  const db = await createTestDatabase();
  try {
    const ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
    try {
      const delivery = [...deliver(events, { mode, seed: 7, window: mode === 'shuffled' ? undefined : 600 })];
      const summary = await postEvents(delivery, { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 500, progress: false });
      assert.equal(summary.rejected, 0, JSON.stringify(summary.rejections));
      assert.equal(summary.accepted, events.length);
    } finally {
      await ingest.close();
    }
    await new Projector(db.pool).drain();
    return db;
  } catch (error) {
    await db.drop();
    throw error;
  }
}
