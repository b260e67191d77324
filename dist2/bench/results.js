"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BENCHMARKS_FILE = exports.RESULTS_DIRECTORY = void 0;
exports.appendResult = appendResult;
exports.readResults = readResults;
exports.latestResults = latestResults;
exports.renderBenchmarks = renderBenchmarks;
exports.writeBenchmarksFile = writeBenchmarksFile;
/**
 * Benchmark results: every run appends one JSON object to
 * bench/results/<benchmark>.jsonl, and BENCHMARKS.md is regenerated from
 * those files — the latest run of each benchmark and variant, one table per
 * benchmark. Nothing else writes BENCHMARKS.md; `npm run bench -- report`
 * regenerates it by hand (after a merge, say).
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
exports.RESULTS_DIRECTORY = node_path_1.default.resolve(__dirname, '..', '..', 'bench', 'results');
exports.BENCHMARKS_FILE = node_path_1.default.resolve(__dirname, '..', '..', 'BENCHMARKS.md');
/** Appends one result to its benchmark's file. */
function appendResult(result, directory = exports.RESULTS_DIRECTORY) {
    if (!/^[a-z][a-z0-9-]*$/.test(result.benchmark))
        throw new Error(`benchmark name: expected lower-case letters, digits and dashes, got ${JSON.stringify(result.benchmark)}`);
    node_fs_1.default.mkdirSync(directory, { recursive: true });
    node_fs_1.default.appendFileSync(node_path_1.default.join(directory, `${result.benchmark}.jsonl`), `${JSON.stringify(result)}\n`);
}
/** Every result of every bench/results/*.jsonl file, in file order. */
function readResults(directory = exports.RESULTS_DIRECTORY) {
    if (!node_fs_1.default.existsSync(directory))
        return [];
    const results = [];
    for (const file of node_fs_1.default.readdirSync(directory).filter((f) => f.endsWith('.jsonl')).sort()) {
        const lines = node_fs_1.default.readFileSync(node_path_1.default.join(directory, file), 'utf8').split('\n');
        lines.forEach((line, i) => {
            if (line.trim() === '')
                return;
            let parsed;
            try {
                parsed = JSON.parse(line);
            }
            catch (error) {
                throw new Error(`${file}:${i + 1}: expected one JSON object per line, got text that does not parse (${error.message})`);
            }
            results.push(checkedResult(parsed, `${file}:${i + 1}`));
        });
    }
    return results;
}
function checkedResult(value, where) {
    const r = value;
    const missing = ['benchmark', 'variant', 'about', 'command', 'date', 'commit', 'machine', 'bounds']
        .filter((key) => typeof r?.[key] !== 'string');
    if (missing.length > 0 || !Array.isArray(r?.rows) || r.rows.length === 0) {
        throw new Error(`${where}: expected a benchmark result with ${missing.length > 0 ? missing.join(', ') : 'rows'} (see bench/README.md)`);
    }
    for (const row of r.rows) {
        if (typeof row?.figure !== 'string' || typeof row.value !== 'number' || typeof row.unit !== 'string') {
            throw new Error(`${where}: expected every row to have figure, value (a number) and unit, got ${JSON.stringify(row)}`);
        }
    }
    return r;
}
/** The latest result of each benchmark and variant. */
function latestResults(results) {
    const latest = new Map();
    for (const result of results) {
        const key = `${result.benchmark}\u0000${result.variant}`;
        const seen = latest.get(key);
        if (!seen || result.date >= seen.date)
            latest.set(key, result);
    }
    const collator = new Intl.Collator('en', { numeric: true });
    return [...latest.values()].sort((a, b) => collator.compare(a.benchmark, b.benchmark) || collator.compare(a.variant, b.variant));
}
function number(value) {
    return Math.abs(value) >= 100
        ? value.toLocaleString('en-US', { maximumFractionDigits: 0 })
        : value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}
function quantity(value, unit) {
    return unit === '' ? number(value) : `${number(value)} ${unit}`;
}
/** Table cells must not break the row: pipes escaped, newlines folded. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
function valueCell(row) {
    const spread = row.spread ? ` (${number(row.spread[0])}–${number(row.spread[1])}${row.runs ? `, ${row.runs} runs` : ''})` : '';
    return `**${quantity(row.value, row.unit)}**${spread}`;
}
function dateCell(iso) {
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
const HEADER = '| variant | figure | value | ceiling or peer, same run | ratio | date (UTC) | commit | machine |';
const DIVIDER = '|---|---|---|---|---|---|---|---|';
/** BENCHMARKS.md: one table per benchmark of the latest run of each variant. */
function renderBenchmarks(results) {
    const latest = latestResults(results);
    const byBenchmark = new Map();
    for (const result of latest)
        byBenchmark.set(result.benchmark, [...(byBenchmark.get(result.benchmark) ?? []), result]);
    const out = [
        '# Benchmarks',
        '',
        'Current results, one table per benchmark: the latest run of each variant.',
        'Generated from the raw results in `bench/results/<benchmark>.jsonl` (one JSON',
        'object per run, with everything the run printed) by `npm run bench -- report`,',
        'which every benchmark runs after appending its result; do not edit by hand.',
        'How the benchmarks run, and how one records a result: [bench/README.md](bench/README.md).',
        '',
        'Ratios are taken between figures measured side by side in the same run, so',
        'they compare across machines; absolute figures say as much about the machine',
        '(its name, cores and load are in each row and in the raw result) as about',
        'servicegraph.',
        '',
    ];
    let rendered = 0;
    for (const [benchmark, variants] of byBenchmark) {
        const newest = variants.reduce((a, b) => (b.date > a.date ? b : a));
        out.push(`## ${benchmark}`, '', newest.about, '');
        out.push(HEADER, DIVIDER);
        for (const result of variants) {
            for (const row of result.rows) {
                const reference = row.reference ? `${row.reference.name}: ${quantity(row.reference.value, row.reference.unit)}` : '—';
                const ratio = row.ratio === undefined ? '—' : `${number(row.ratio)}×${row.ratioMeaning ? ` ${row.ratioMeaning}` : ''}`;
                out.push(`| ${cell(result.variant)} | ${cell(row.figure)} | ${valueCell(row)} | ${cell(reference)} | ${cell(ratio)} | ` +
                    `${dateCell(result.date)} | ${cell(result.commit)} | ${cell(result.machine)} |`);
                rendered++;
            }
        }
        out.push('');
        for (const result of variants) {
            out.push(`- \`${result.command}\`${variants.length > 1 ? ` (${result.variant})` : ''}: **what bounds it** — ${cell(result.bounds)}`);
        }
        out.push('');
    }
    const expected = latest.reduce((n, r) => n + r.rows.length, 0);
    if (rendered !== expected)
        throw new Error(`BENCHMARKS.md: rendered ${rendered} rows, expected ${expected}`);
    return out.join('\n');
}
/** Regenerates BENCHMARKS.md from bench/results. */
function writeBenchmarksFile(directory = exports.RESULTS_DIRECTORY, file = exports.BENCHMARKS_FILE) {
    node_fs_1.default.writeFileSync(file, renderBenchmarks(readResults(directory)));
}
//# sourceMappingURL=results.js.map