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

/** Posts `events` to the hub and resolves when all are applied; returns the seconds taken. */
export async function loadFirm(ingestUrl: string, events: readonly BusinessEvent[], label = ''): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const started = Date.now();
  let next = 0;
  let lastNote = Date.now();
  const worker = async () => {
    while (next < events.length) {
      const from = next;
      next += 500;
      const answer = await request(agent, `${ingestUrl}/events`, 'POST', JSON.stringify(events.slice(from, from + 500)), 'application/cloudevents-batch+json');
      if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      if (Date.now() - lastNote > 10_000) {
        lastNote = Date.now();
        process.stderr.write(`  loading ${label}: ${Math.min(next, events.length)}/${events.length} events sent\n`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  for (;;) {
    const status = JSON.parse((await request(agent, `${ingestUrl}/status`, 'GET')).body) as Status;
    if (status.pending === 0 && status.received >= events.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  agent.destroy();
  return (Date.now() - started) / 1000;
}
