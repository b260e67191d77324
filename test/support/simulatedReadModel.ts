import assert from 'node:assert/strict';
import type { Pool } from 'pg';
import type { BusinessEvent } from '../../events/types';
import { ingestEvents } from '../../ingest/ingestEvents';
import { Projector } from '../../listeners/projector';
import { batches, type DeliveryMode, deliver } from '../../simulator/delivery';

/**
 * Fills a (migrated, empty) database with the read model of `events`,
 * delivered in `mode`: stored in the event log in batches the way ingest
 * stores them, then applied by the projector until nothing is left.
 */
export async function fillReadModel(pool: Pool, events: readonly BusinessEvent[], mode: DeliveryMode = 'in-order'): Promise<void> {
  const delivery = deliver(events, { mode, seed: 11, window: mode === 'shuffled' ? undefined : 600 });
  for (const batch of batches(delivery, 1000)) {
    const result = await ingestEvents(pool, batch);
    assert.equal(result.rejected, 0, JSON.stringify(result.results.filter((r) => r.status === 'rejected').slice(0, 3)));
  }
  await new Projector(pool, { batchSize: 500 }).drain();
}
