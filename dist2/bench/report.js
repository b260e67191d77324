"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.machine = machine;
exports.report = report;
exports.median = median;
exports.percentile = percentile;
exports.medianSpread = medianSpread;
exports.loadAverages = loadAverages;
exports.loadLine = loadLine;
exports.medianOfRuns = medianOfRuns;
/**
 * Where benchmark figures go: stdout, one line of bench/results/<benchmark>.jsonl
 * with date, commit and machine, and BENCHMARKS.md regenerated from those
 * files (bench/results.ts).
 */
const node_child_process_1 = require("node:child_process");
const node_os_1 = __importDefault(require("node:os"));
const results_1 = require("./results");
function machine() {
    const cpus = node_os_1.default.cpus();
    return `${node_os_1.default.hostname()}: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(node_os_1.default.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
function commit() {
    try {
        const sha = (0, node_child_process_1.execSync)('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
        // The results change with every run; they say nothing about the code measured.
        const dirty = (0, node_child_process_1.execSync)("git status --porcelain --untracked-files=no -- . ':!BENCHMARKS.md' ':!bench/results'", { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
        return dirty ? `${sha} (with uncommitted changes)` : sha;
    }
    catch {
        return 'unknown';
    }
}
/** A figure as printed: whole numbers as they are, others to 4 significant digits. */
function round(value) {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
/**
 * Prints a run's result, appends it to bench/results/<benchmark>.jsonl and
 * regenerates BENCHMARKS.md. `BENCH_REPORT=no`: a trial run, printed only.
 */
function report(run) {
    const result = {
        ...run,
        date: new Date().toISOString(),
        commit: commit(),
        machine: machine(),
    };
    const printed = [
        `### ${result.benchmark} (${result.variant}) — ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
        '',
        `- command: \`${result.command}\``,
        `- commit: ${result.commit}`,
        `- machine: ${result.machine}`,
        '',
        ...result.rows.map((row) => `- ${row.figure}: ${round(row.value)} ${row.unit}` +
            (row.reference ? `; ${row.reference.name}: ${round(row.reference.value)} ${row.reference.unit}` : '') +
            (row.ratio !== undefined ? `; ${round(row.ratio)}×${row.ratioMeaning ? ` ${row.ratioMeaning}` : ''}` : '')),
        `- what bounds it: ${result.bounds}`,
        '',
        ...(result.details ?? []),
        '',
    ].join('\n');
    process.stdout.write(`\n${printed}\n`);
    if (process.env.BENCH_REPORT === 'no')
        return;
    (0, results_1.appendResult)(result);
    (0, results_1.writeBenchmarksFile)();
}
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** The p-th percentile (0..100) by nearest rank. */
function percentile(values, p) {
    if (values.length === 0)
        return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank];
}
/** `median (min–max of n runs)` with `digits` fraction digits. */
function medianSpread(values, digits = 1, unit = '') {
    if (values.length === 0)
        return 'n/a';
    const f = (x) => `${x.toFixed(digits)}${unit}`;
    if (values.length === 1)
        return `${f(values[0])} (1 run)`;
    return `${f(median([...values]))} (${f(Math.min(...values))}–${f(Math.max(...values))}, ${values.length} runs)`;
}
/** The machine's load averages over 1, 5 and 15 minutes. */
function loadAverages() {
    return node_os_1.default.loadavg().map((x) => x.toFixed(2)).join(', ');
}
/** The machine's load when a result is taken, as a detail line. */
function loadLine() {
    return `- machine load before the run (uptime): ${loadAverages()}`;
}
/** The median of several runs with its spread, as a result row takes it. */
function medianOfRuns(values) {
    if (values.length <= 1)
        return { value: values[0] ?? NaN, runs: values.length };
    return { value: median(values), spread: [Math.min(...values), Math.max(...values)], runs: values.length };
}
//# sourceMappingURL=report.js.map