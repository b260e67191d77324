/**
 * Fills a benchmark hub with the simulated firm: posted through POST /events
 * (batches of 500, 2 in flight) and waited for until every event is applied.
 */
import http from 'node:http';
import type { BusinessEvent } from '../events/types';
import { firmEvents, scaleForEvents } from '../simulator/firm';
import { request } from './http';

interface Status { received: number; applied: number; parked: number; pending: number; rejected: number }

/** The firm of about `events` events (seed `bench`), as an array. */
export function benchFirm(events: number, seed = 'bench'): BusinessEvent[] {
  return [...firmEvents({ seed, scale: scaleForEvents(events) })];
}

/** The firm of about `events` events (seed `bench`), one at a time (a million-event firm streams in bounded memory). */
export function benchFirmStream(events: number, seed = 'bench'): Iterable<BusinessEvent> {
  return firmEvents({ seed, scale: scaleForEvents(events) });
}

/** Posts `events` to the hub and resolves when all are applied; returns the seconds taken and the number of events. */
export async function loadFirm(ingestUrl: string, events: Iterable<BusinessEvent>, label = ''): Promise<number> {
  return (await loadFirmCounted(ingestUrl, events, label)).seconds;
}

export async function loadFirmCounted(ingestUrl: string, events: Iterable<BusinessEvent>, label = ''): Promise<{ seconds: number; events: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const started = Date.now();
  const source = events[Symbol.iterator]();
  let sent = 0;
  let lastNote = Date.now();
  const nextBatch = (): BusinessEvent[] => {
    const batch: BusinessEvent[] = [];
    for (let r = source.next(); !r.done; r = source.next()) {
      batch.push(r.value);
      if (batch.length === 500) break;
    }
    return batch;
  };
  const worker = async () => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      sent += batch.length;
      const answer = await request(agent, `${ingestUrl}/events`, 'POST', JSON.stringify(batch), 'application/cloudevents-batch+json');
      if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      if (Date.now() - lastNote > 10_000) {
        lastNote = Date.now();
        process.stderr.write(`  loading ${label}: ${sent} events sent\n`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  for (;;) {
    const status = JSON.parse((await request(agent, `${ingestUrl}/status`, 'GET')).body) as Status;
    if (status.pending === 0 && status.received >= sent) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  agent.destroy();
  return { seconds: (Date.now() - started) / 1000, events: sent };
}
