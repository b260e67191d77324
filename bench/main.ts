/**
 * `npm run bench -- <name> [options]`: one command per benchmark; each run's
 * result is appended to bench/results/<name>.jsonl and BENCHMARKS.md is
 * regenerated from those files. `npm run bench -- report` only regenerates it.
 */
import { runIngestBenchmark } from './ingest';
import { runObservabilityBenchmark } from './observability';
import { stopAllOnInterrupt } from './interrupt';
import { runFanoutBenchmark } from './fanout';
import { runFreshnessBenchmark } from './freshness';
import { runHistoryBenchmark } from './history';
import { runQueryBenchmark } from './query';
import { runRebuildBenchmark } from './rebuild';
import { runReportsBenchmark } from './reports';
import { runSoakBenchmark } from './soak';
import { writeBenchmarksFile } from './results';

const BENCHMARKS: Record<string, (argv: string[]) => Promise<void>> = {
  ingest: runIngestBenchmark,
  query: runQueryBenchmark,
  freshness: runFreshnessBenchmark,
  fanout: runFanoutBenchmark,
  history: runHistoryBenchmark,
  rebuild: runRebuildBenchmark,
  reports: runReportsBenchmark,
  observability: runObservabilityBenchmark,
  soak: runSoakBenchmark,
  report: async () => writeBenchmarksFile(),
};

async function main(): Promise<void> {
  stopAllOnInterrupt();
  const [name, ...rest] = process.argv.slice(2);
  const run = name ? BENCHMARKS[name] : undefined;
  if (!run) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  await run(rest);
}

main().then(
  // Sockets of load generators may linger; a benchmark ends when its report is written.
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
