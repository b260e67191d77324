"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * `npm run bench -- <name> [options]`: one command per benchmark; each run's
 * result is appended to bench/results/<name>.jsonl and BENCHMARKS.md is
 * regenerated from those files. `npm run bench -- report` only regenerates it.
 */
const ingest_1 = require("./ingest");
const interrupt_1 = require("./interrupt");
const fanout_1 = require("./fanout");
const freshness_1 = require("./freshness");
const history_1 = require("./history");
const query_1 = require("./query");
const rebuild_1 = require("./rebuild");
const reports_1 = require("./reports");
const results_1 = require("./results");
const BENCHMARKS = {
    ingest: ingest_1.runIngestBenchmark,
    query: query_1.runQueryBenchmark,
    freshness: freshness_1.runFreshnessBenchmark,
    fanout: fanout_1.runFanoutBenchmark,
    history: history_1.runHistoryBenchmark,
    rebuild: rebuild_1.runRebuildBenchmark,
    reports: reports_1.runReportsBenchmark,
    report: async () => (0, results_1.writeBenchmarksFile)(),
};
async function main() {
    (0, interrupt_1.stopAllOnInterrupt)();
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
() => process.exit(process.exitCode ?? 0), (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map