/** `npm run bench -- <name> [options]`: one command per benchmark; results appended to BENCHMARKS.md. */
import { runIngestBenchmark } from './ingest';

const BENCHMARKS: Record<string, (argv: string[]) => Promise<void>> = {
  ingest: runIngestBenchmark,
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const run = name ? BENCHMARKS[name] : undefined;
  if (!run) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  await run(rest);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
