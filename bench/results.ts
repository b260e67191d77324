/**
 * Benchmark results: every run appends one JSON object to
 * bench/results/<benchmark>.jsonl, and BENCHMARKS.md is regenerated from
 * those files — the latest run of each benchmark and variant, one table per
 * benchmark. Nothing else writes BENCHMARKS.md; `npm run bench -- report`
 * regenerates it by hand (after a merge, say).
 */
import fs from 'node:fs';
import path from 'node:path';

/** A figure and, where the benchmark has one, what it is compared with in the same run. */
export interface ResultRow {
  /** What is measured: "ingest + apply", "project page p99, one client, uncached". */
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  /** min and max over the runs the value is the median of. */
  readonly spread?: readonly [number, number];
  readonly runs?: number;
  /** The ceiling or peer measured beside it in the same run. */
  readonly reference?: { readonly name: string; readonly value: number; readonly unit: string };
  /** figure ÷ reference. */
  readonly ratio?: number;
  /** What the ratio is of, read after "N×": "the COPY ceiling", "SQL". */
  readonly ratioMeaning?: string;
}

/** One run of one benchmark, as a line of bench/results/<benchmark>.jsonl. */
export interface BenchmarkResult {
  /** The benchmark's name: `npm run bench -- <benchmark>`, and the file it goes to. */
  readonly benchmark: string;
  /** The size or setting the rows belong to ("100235 events"); the latest run of each variant is shown. */
  readonly variant: string;
  /** One sentence: what the benchmark measures, against what. */
  readonly about: string;
  readonly command: string;
  /** ISO 8601, UTC. */
  readonly date: string;
  readonly commit: string;
  readonly machine: string;
  /** Load averages (1, 5, 15 min) before the run. */
  readonly load?: string;
  readonly rows: readonly ResultRow[];
  /** What bounds the figures, measured in the run (where the CPU went, the ceiling reached). */
  readonly bounds: string;
  /** Everything else the run printed (method, CPU per process, profiles), kept with the raw result. */
  readonly details?: readonly string[];
}

export const RESULTS_DIRECTORY = path.resolve(__dirname, '..', '..', 'bench', 'results');
export const BENCHMARKS_FILE = path.resolve(__dirname, '..', '..', 'BENCHMARKS.md');

/** Appends one result to its benchmark's file. */
export function appendResult(result: BenchmarkResult, directory = RESULTS_DIRECTORY): void {
  if (!/^[a-z][a-z0-9-]*$/.test(result.benchmark)) throw new Error(`benchmark name: expected lower-case letters, digits and dashes, got ${JSON.stringify(result.benchmark)}`);
  fs.mkdirSync(directory, { recursive: true });
  fs.appendFileSync(path.join(directory, `${result.benchmark}.jsonl`), `${JSON.stringify(result)}\n`);
}

/** Every result of every bench/results/*.jsonl file, in file order. */
export function readResults(directory = RESULTS_DIRECTORY): BenchmarkResult[] {
  if (!fs.existsSync(directory)) return [];
  const results: BenchmarkResult[] = [];
  for (const file of fs.readdirSync(directory).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = fs.readFileSync(path.join(directory, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${i + 1}: expected one JSON object per line, got text that does not parse (${(error as Error).message})`);
      }
      results.push(checkedResult(parsed, `${file}:${i + 1}`));
    });
  }
  return results;
}

function checkedResult(value: unknown, where: string): BenchmarkResult {
  const r = value as Partial<BenchmarkResult> | null;
  const missing = (['benchmark', 'variant', 'about', 'command', 'date', 'commit', 'machine', 'bounds'] as const)
    .filter((key) => typeof r?.[key] !== 'string');
  if (missing.length > 0 || !Array.isArray(r?.rows) || r!.rows.length === 0) {
    throw new Error(`${where}: expected a benchmark result with ${missing.length > 0 ? missing.join(', ') : 'rows'} (see bench/README.md)`);
  }
  for (const row of r!.rows) {
    if (typeof row?.figure !== 'string' || typeof row.value !== 'number' || typeof row.unit !== 'string') {
      throw new Error(`${where}: expected every row to have figure, value (a number) and unit, got ${JSON.stringify(row)}`);
    }
  }
  return r as BenchmarkResult;
}

/** The latest result of each benchmark and variant. */
export function latestResults(results: readonly BenchmarkResult[]): BenchmarkResult[] {
  const latest = new Map<string, BenchmarkResult>();
  for (const result of results) {
    const key = `${result.benchmark}\u0000${result.variant}`;
    const seen = latest.get(key);
    if (!seen || result.date >= seen.date) latest.set(key, result);
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return [...latest.values()].sort((a, b) => collator.compare(a.benchmark, b.benchmark) || collator.compare(a.variant, b.variant));
}

function number(value: number): string {
  return Math.abs(value) >= 100
    ? value.toLocaleString('en-US', { maximumFractionDigits: 0 })
    : value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

function quantity(value: number, unit: string): string {
  return unit === '' ? number(value) : `${number(value)} ${unit}`;
}

/** Table cells must not break the row: pipes escaped, newlines folded. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function valueCell(row: ResultRow): string {
  const spread = row.spread ? ` (${number(row.spread[0])}–${number(row.spread[1])}${row.runs ? `, ${row.runs} runs` : ''})` : '';
  return `**${quantity(row.value, row.unit)}**${spread}`;
}

function dateCell(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

const HEADER = '| variant | figure | value | ceiling or peer, same run | ratio | date (UTC) | commit | machine |';
const DIVIDER = '|---|---|---|---|---|---|---|---|';

/** BENCHMARKS.md: one table per benchmark of the latest run of each variant. */
export function renderBenchmarks(results: readonly BenchmarkResult[]): string {
  const latest = latestResults(results);
  const byBenchmark = new Map<string, BenchmarkResult[]>();
  for (const result of latest) byBenchmark.set(result.benchmark, [...(byBenchmark.get(result.benchmark) ?? []), result]);

  const out: string[] = [
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
  if (rendered !== expected) throw new Error(`BENCHMARKS.md: rendered ${rendered} rows, expected ${expected}`);
  return out.join('\n');
}

/** Regenerates BENCHMARKS.md from bench/results. */
export function writeBenchmarksFile(directory = RESULTS_DIRECTORY, file = BENCHMARKS_FILE): void {
  fs.writeFileSync(file, renderBenchmarks(readResults(directory)));
}
