/**
 * `npm run bench -- rebuild [--events 300000] [--repeat 3] [--batch N] [--profile yes|no]`
 *
 * Events/s replaying the event log into a fresh read model
 * (`rebuildAndCompare` of listeners/rebuild.ts, what `npm run rebuild` runs):
 * a hub in its own process (`servicegraph start --no-gateway`) absorbs the
 * simulated firm through ingest first, then this process rebuilds from its
 * log `repeat` times, each into a fresh database of the same server, and
 * checks the rebuilt read model equals the live one. The default 300,000
 * events keeps the run within a few minutes (loading takes about 35 s);
 * `--events 1000000` is the million-event size (about 2 minutes to load).
 */
import { parseArgs } from 'node:util';
import { rebuildAndCompare, type RebuildReport } from '../listeners/rebuild';
import { profileLines, startSelfProfile, type ProfileSummary } from './cpuProfile';
import { cpuLine, cpuWindow, type CpuShares } from './cpuUsage';
import { startBenchHub } from './hubProcess';
import { benchFirmStream, loadFirmCounted } from './loadFirm';
import { loadLine, medianOfRuns, medianSpread, report } from './report';
import { benchServer } from './server';

export async function runRebuildBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '300000' }, repeat: { type: 'string', default: '3' },
      batch: { type: 'string' }, profile: { type: 'string', default: 'yes' },
    },
  });
  const repeat = Number(values.repeat);
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  const load = loadLine();
  const server = await benchServer();
  const hub = await startBenchHub(server.url);
  const runs: { report: RebuildReport; totalSeconds: number; cpu: CpuShares; profile?: ProfileSummary }[] = [];
  let loaded: { seconds: number; events: number };
  try {
    process.stderr.write(`rebuild: loading about ${values.events} events through ingest...\n`);
    loaded = await loadFirmCounted(hub.ingestUrl, benchFirmStream(Number(values.events)), 'rebuild');
    for (let run = 1; run <= repeat; run++) {
      let window: (() => CpuShares) | undefined;
      let stopProfile: Promise<() => Promise<ProfileSummary>> | undefined;
      // Closed when the replay ends, before the comparison reads every table of both databases.
      let cpu: CpuShares | undefined;
      let profiled: Promise<ProfileSummary> | undefined;
      const profile = values.profile !== 'no' && run === repeat;
      const started = performance.now();
      const result = await rebuildAndCompare({
        liveUrl: hub.databaseUrl, batchSize,
        progress: (message) => {
          if (message.startsWith('replaying')) {
            window = cpuWindow({}, 'bench process (the replay)');
            if (profile) stopProfile = startSelfProfile();
          } else if (message.startsWith('replayed')) {
            cpu = window!();
            profiled = stopProfile?.then((stop) => stop());
          }
        },
      });
      const summary = profiled ? await profiled : undefined;
      runs.push({ report: result, totalSeconds: (performance.now() - started) / 1000, cpu: cpu!, profile: summary });
      process.stderr.write(`run ${run}: ${result.events} events replayed in ${result.replaySeconds.toFixed(1)} s (${result.eventsPerSecond} events/s), ` +
        `${result.equal ? 'equal to live' : 'DIFFERENT from live'}\n`);
    }
  } finally {
    await hub.stop();
    await server.stop();
  }
  const lines = [
    `- Postgres: ${server.description}; ${loaded.events} events of the simulated firm (seed bench) absorbed by a hub in its own process through ingest ` +
      `in ${loaded.seconds.toFixed(0)} s; then \`rebuildAndCompare\` in the bench process, ${repeat} times, each into a fresh database of the same server ` +
      `(the log read in chunks of ${batchSize ?? 'the rebuild default, 2500'}, four times as many while it is behind, ` +
      `into transactions of 100,000 events).`,
    load,
    `- replay: ${medianSpread(runs.map((r) => r.report.eventsPerSecond), 0)} events/s (${medianSpread(runs.map((r) => r.report.replaySeconds), 1, ' s')} for ${runs[0]!.report.events} events)`,
    `- whole rebuild (copy the log, replay, compare every read-model table): ${medianSpread(runs.map((r) => r.totalSeconds), 1, ' s')}`,
    `- rebuilt read model equal to the live one: ${runs.map((r) => (r.report.equal ? 'yes' : 'NO')).join(', ')}`,
    cpuLine('the replay (last run; it runs in the bench process)', runs.at(-1)!.cpu),
    ...(runs.at(-1)!.profile ? profileLines('the bench process replaying (last run)', runs.at(-1)!.profile!) : []),
  ];
  const last = runs.at(-1)!;
  report({
    benchmark: 'rebuild',
    variant: `${loaded.events} events`,
    about: 'Events/s replaying the whole event log into a fresh read model (`servicegraph rebuild`), then comparing every ' +
      'read-model table with the live one.',
    command: `npm run bench -- rebuild ${argv.join(' ')}`.trim(),
    rows: [
      { figure: 'replay', unit: 'events/s', ...medianOfRuns(runs.map((r) => r.report.eventsPerSecond)) },
      { figure: 'whole rebuild (copy the log, replay, compare)', unit: 's', ...medianOfRuns(runs.map((r) => r.totalSeconds)) },
    ],
    bounds: cpuLine('the replay (last run)', last.cpu).replace(/^- /, '') +
      (Math.max(...Object.values(last.cpu.cores)) >= 0.9 ? ': the replay runs on one thread, and it is busy' : '') +
      (last.profile ? `; its profile: ${last.profile.areas.slice(0, 3).map((a) => `${a.area} ${(100 * a.share).toFixed(0)}%`).join(', ')}` : '') +
      `; rebuilt = live: ${runs.map((r) => (r.report.equal ? 'yes' : 'NO')).join(', ')}`,
    details: lines,
  });
}
