/**
 * `npm run bench -- ingest [--events N] [--batch 500] [--concurrency 2] [--repeat 1] [--listener-batch N]`
 *
 * Events/s from the simulator's firm through POST /events until applied to
 * the read model (the hub in its own process, this process the client), and
 * beside it the machine's ceiling: the same rows COPYed into a plain table.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../config/config';
import { firmEvents, scaleForEvents } from '../simulator/firm';
import { copyCeilingSeconds } from './copyCeiling';
import { request } from './http';
import { startBenchHub } from './hubProcess';
import { median, report } from './report';
import { benchServer } from './server';

interface Status { received: number; applied: number; parked: number; pending: number; rejected: number; duplicates: number }

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

async function status(ingestUrl: string): Promise<Status> {
  return JSON.parse((await request(agent, `${ingestUrl}/status`, 'GET')).body) as Status;
}

export async function runIngestBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '100000' }, batch: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '2' }, repeat: { type: 'string', default: '1' },
      'listener-batch': { type: 'string', default: String(DEFAULTS.batchSize) },
    },
  });
  const target = Number(values.events);
  const batchSize = Number(values.batch);
  const concurrency = Number(values.concurrency);
  const repeat = Number(values.repeat);

  process.stderr.write(`generating a firm of about ${target} events...\n`);
  const events = [...firmEvents({ seed: 'bench', scale: scaleForEvents(target) })];
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) bodies.push(JSON.stringify(events.slice(i, i + batchSize)));

  const server = await benchServer();
  const runs: { total: number; ingestOnly: number; copy: number }[] = [];
  try {
    for (let run = 1; run <= repeat; run++) {
      const hub = await startBenchHub(server.url, { env: { LISTENER_BATCH_SIZE: values['listener-batch']! } });
      try {
        const started = process.hrtime.bigint();
        let next = 0;
        const worker = async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            const answer = await request(agent, `${hub.ingestUrl}/events`, 'POST', body, 'application/cloudevents-batch+json');
            if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        const ingested = process.hrtime.bigint();
        let last: Status;
        for (;;) {
          last = await status(hub.ingestUrl);
          if (last.pending === 0 && last.received === events.length) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const done = process.hrtime.bigint();
        const total = Number(done - started) / 1e9;
        const ingestOnly = Number(ingested - started) / 1e9;
        const copy = await copyCeilingSeconds(server.url, events);
        runs.push({ total, ingestOnly, copy });
        process.stderr.write(`run ${run}: ${events.length} events accepted in ${ingestOnly.toFixed(2)} s, applied after ${total.toFixed(2)} s ` +
          `(${Math.round(events.length / total)} events/s; parked ${last.parked}, rejected ${last.rejected}); COPY of the same rows ${copy.toFixed(2)} s\n`);
      } finally {
        await hub.stop();
      }
    }
  } finally {
    await server.stop();
  }
  const rates = runs.map((r) => events.length / r.total);
  const ingestRates = runs.map((r) => events.length / r.ingestOnly);
  const copyRates = runs.map((r) => events.length / r.copy);
  const ratios = runs.map((r) => r.copy / r.total);
  report(`ingest + apply, ${events.length} events`, `npm run bench -- ingest ${argv.join(' ')}`.trim(), [
    `- Postgres: ${server.description}; batches of ${batchSize}, ${concurrency} requests in flight, listener batches of ${values['listener-batch']}, ${repeat} run(s)`,
    `- ingest + apply: median ${Math.round(median(rates))} events/s (runs: ${rates.map(Math.round).join(', ')})`,
    `- ingest alone (all 202 answers): median ${Math.round(median(ingestRates))} events/s (runs: ${ingestRates.map(Math.round).join(', ')})`,
    `- ceiling, COPY of the same rows into a plain table: median ${Math.round(median(copyRates))} events/s (runs: ${copyRates.map(Math.round).join(', ')})`,
    `- ratio ingest + apply / COPY ceiling: median ${median(ratios).toFixed(3)} (runs: ${ratios.map((r) => r.toFixed(3)).join(', ')})`,
  ]);
}
