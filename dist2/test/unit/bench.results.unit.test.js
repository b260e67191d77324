"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * BENCHMARKS.md is generated from bench/results/*.jsonl: the latest run of
 * each benchmark and variant, every row of it, nothing of older runs.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const results_1 = require("../../bench/results");
function result(overrides) {
    return {
        benchmark: 'ingest',
        variant: '100000 events',
        about: 'Events/s through POST /events until applied, beside COPY.',
        command: 'npm run bench -- ingest',
        date: '2026-11-26T19:15:00.000Z',
        commit: 'b52524b',
        machine: 'vm: 2 cores (AMD EPYC), 24 GiB, Node v20.20.2',
        rows: [
            { figure: 'ingest + apply', value: 12838, unit: 'events/s', spread: [11588, 13708], runs: 3,
                reference: { name: 'COPY of the same rows', value: 55386, unit: 'events/s' }, ratio: 0.248, ratioMeaning: 'the ceiling' },
            { figure: 'ingest alone', value: 15550, unit: 'events/s' },
        ],
        bounds: 'hub 108%, postgres 76% of 2 cores',
        ...overrides,
    };
}
/** The body rows of the table under `## benchmark`. */
function tableRows(markdown, benchmark) {
    const section = markdown.split(/^## /m).find((s) => s.startsWith(`${benchmark}\n`));
    strict_1.default.ok(section, `no section for ${benchmark}`);
    return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| variant |'));
}
function scratchDirectory() {
    return node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'bench-results-'));
}
(0, node_test_1.describe)('BENCHMARKS.md from bench/results', () => {
    (0, node_test_1.it)('shows every row of the latest run of each benchmark and variant, and no older run', () => {
        const directory = scratchDirectory();
        try {
            (0, results_1.appendResult)(result({ date: '2026-11-20T10:00:00.000Z', commit: 'old0001', rows: [{ figure: 'ingest + apply', value: 1, unit: 'events/s' }] }), directory);
            (0, results_1.appendResult)(result({}), directory);
            (0, results_1.appendResult)(result({ variant: '1000000 events', date: '2026-11-26T19:22:00.000Z', rows: [
                    { figure: 'ingest + apply', value: 9762, unit: 'events/s' },
                    { figure: 'ingest alone', value: 12700, unit: 'events/s' },
                    { figure: 'WAL an event', value: 1403, unit: 'bytes' },
                ] }), directory);
            (0, results_1.appendResult)(result({ benchmark: 'fanout', variant: '1000 subscribers', about: 'One change to N subscribers.', rows: [
                    { figure: 'one change to 1000 subscribers, p50', value: 65.4, unit: 'ms', reference: { name: 'bare ws', value: 28.6, unit: 'ms' }, ratio: 2.27, ratioMeaning: 'the bare broadcast' },
                ] }), directory);
            const results = (0, results_1.readResults)(directory);
            strict_1.default.equal(results.length, 4);
            const markdown = (0, results_1.renderBenchmarks)(results);
            const ingest = tableRows(markdown, 'ingest');
            strict_1.default.equal(ingest.length, 5, 'two rows of 100000 events, three of 1000000');
            strict_1.default.match(ingest[0], /^\| 100000 events \| ingest \+ apply \| \*\*12,838 events\/s\*\* \(11,588–13,708, 3 runs\) \| COPY of the same rows: 55,386 events\/s \| 0\.248× the ceiling \| 2026-11-26 19:15 \| b52524b \| vm: 2 cores/);
            strict_1.default.match(ingest[4], /\| 1000000 events \| WAL an event \| \*\*1,403 bytes\*\* \|/);
            strict_1.default.ok(!markdown.includes('old0001'), 'an older run of the same variant is not shown');
            strict_1.default.equal(tableRows(markdown, 'fanout').length, 1);
            strict_1.default.match(markdown, /- `npm run bench -- ingest` \(100000 events\): \*\*what bounds it\*\* — hub 108%/);
        }
        finally {
            node_fs_1.default.rmSync(directory, { recursive: true, force: true });
        }
    });
    (0, node_test_1.it)('writes the file from the directory', () => {
        const directory = scratchDirectory();
        try {
            (0, results_1.appendResult)(result({}), directory);
            const file = node_path_1.default.join(directory, 'BENCHMARKS.md');
            (0, results_1.writeBenchmarksFile)(directory, file);
            strict_1.default.equal(tableRows(node_fs_1.default.readFileSync(file, 'utf8'), 'ingest').length, 2);
        }
        finally {
            node_fs_1.default.rmSync(directory, { recursive: true, force: true });
        }
    });
    (0, node_test_1.it)('refuses a line that is not a result, saying where', () => {
        const directory = scratchDirectory();
        try {
            node_fs_1.default.writeFileSync(node_path_1.default.join(directory, 'query.jsonl'), `${JSON.stringify(result({ benchmark: 'query' }))}\n{"benchmark": "query"}\n`);
            strict_1.default.throws(() => (0, results_1.readResults)(directory), /query\.jsonl:2: expected a benchmark result with variant, about/);
            node_fs_1.default.writeFileSync(node_path_1.default.join(directory, 'query.jsonl'), 'not json\n');
            strict_1.default.throws(() => (0, results_1.readResults)(directory), /query\.jsonl:1: expected one JSON object per line/);
        }
        finally {
            node_fs_1.default.rmSync(directory, { recursive: true, force: true });
        }
    });
    (0, node_test_1.it)('keeps BENCHMARKS.md in step with the results committed beside it', () => {
        const committed = node_fs_1.default.readFileSync(node_path_1.default.resolve(__dirname, '..', '..', '..', 'BENCHMARKS.md'), 'utf8');
        strict_1.default.equal(committed, (0, results_1.renderBenchmarks)((0, results_1.readResults)()), 'BENCHMARKS.md differs from what bench/results/*.jsonl give: run `npm run bench -- report`');
    });
});
//# sourceMappingURL=bench.results.unit.test.js.map