/**
 * BENCHMARKS.md is generated from bench/results/*.jsonl: the latest run of
 * each benchmark and variant, every row of it, nothing of older runs.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { appendResult, readResults, renderBenchmarks, writeBenchmarksFile, type BenchmarkResult } from '../../bench/results';

function result(overrides: Partial<BenchmarkResult>): BenchmarkResult {
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
function tableRows(markdown: string, benchmark: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(`${benchmark}\n`));
  assert.ok(section, `no section for ${benchmark}`);
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| variant |'));
}

function scratchDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
}

describe('BENCHMARKS.md from bench/results', () => {
  it('shows every row of the latest run of each benchmark and variant, and no older run', () => {
    const directory = scratchDirectory();
    try {
      appendResult(result({ date: '2026-11-20T10:00:00.000Z', commit: 'old0001', rows: [{ figure: 'ingest + apply', value: 1, unit: 'events/s' }] }), directory);
      appendResult(result({}), directory);
      appendResult(result({ variant: '1000000 events', date: '2026-11-26T19:22:00.000Z', rows: [
        { figure: 'ingest + apply', value: 9762, unit: 'events/s' },
        { figure: 'ingest alone', value: 12700, unit: 'events/s' },
        { figure: 'WAL an event', value: 1403, unit: 'bytes' },
      ] }), directory);
      appendResult(result({ benchmark: 'fanout', variant: '1000 subscribers', about: 'One change to N subscribers.', rows: [
        { figure: 'one change to 1000 subscribers, p50', value: 65.4, unit: 'ms', reference: { name: 'bare ws', value: 28.6, unit: 'ms' }, ratio: 2.27, ratioMeaning: 'the bare broadcast' },
      ] }), directory);

      const results = readResults(directory);
      assert.equal(results.length, 4);
      const markdown = renderBenchmarks(results);

      const ingest = tableRows(markdown, 'ingest');
      assert.equal(ingest.length, 5, 'two rows of 100000 events, three of 1000000');
      assert.match(ingest[0]!, /^\| 100000 events \| ingest \+ apply \| \*\*12,838 events\/s\*\* \(11,588–13,708, 3 runs\) \| COPY of the same rows: 55,386 events\/s \| 0\.248× the ceiling \| 2026-11-26 19:15 \| b52524b \| vm: 2 cores/);
      assert.match(ingest[4]!, /\| 1000000 events \| WAL an event \| \*\*1,403 bytes\*\* \|/);
      assert.ok(!markdown.includes('old0001'), 'an older run of the same variant is not shown');
      assert.equal(tableRows(markdown, 'fanout').length, 1);
      assert.match(markdown, /- `npm run bench -- ingest` \(100000 events\): \*\*what bounds it\*\* — hub 108%/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('writes the file from the directory', () => {
    const directory = scratchDirectory();
    try {
      appendResult(result({}), directory);
      const file = path.join(directory, 'BENCHMARKS.md');
      writeBenchmarksFile(directory, file);
      assert.equal(tableRows(fs.readFileSync(file, 'utf8'), 'ingest').length, 2);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses a line that is not a result, saying where', () => {
    const directory = scratchDirectory();
    try {
      fs.writeFileSync(path.join(directory, 'query.jsonl'), `${JSON.stringify(result({ benchmark: 'query' }))}\n{"benchmark": "query"}\n`);
      assert.throws(() => readResults(directory), /query\.jsonl:2: expected a benchmark result with variant, about/);
      fs.writeFileSync(path.join(directory, 'query.jsonl'), 'not json\n');
      assert.throws(() => readResults(directory), /query\.jsonl:1: expected one JSON object per line/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('keeps BENCHMARKS.md in step with the results committed beside it', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'BENCHMARKS.md'), 'utf8');
    assert.equal(committed, renderBenchmarks(readResults()),
      'BENCHMARKS.md differs from what bench/results/*.jsonl give: run `npm run bench -- report`');
  });
});
