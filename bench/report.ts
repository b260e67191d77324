/**
 * Where benchmark figures go: stdout, one line of bench/results/<benchmark>.jsonl
 * with date, commit and machine, and BENCHMARKS.md regenerated from those
 * files (bench/results.ts).
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import { appendResult, writeBenchmarksFile, type BenchmarkResult } from './results';

export type { ResultRow } from './results';

export function machine(): string {
  const cpus = os.cpus();
  return `${os.hostname()}: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The commit checked out in the git work tree at `dir`, marked when the tree has uncommitted changes; undefined outside one. */
export function commitIn(dir = process.cwd()): string | undefined {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    // The results change with every run; they say nothing about the code measured.
    const dirty = execSync("git status --porcelain --untracked-files=no -- . ':!BENCHMARKS.md' ':!bench/results'", { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return undefined;
  }
}

/** A figure as printed: whole numbers as they are, others to 4 significant digits. */
function round(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** What a benchmark hands over at the end of a run; date, commit and machine are added here. */
export type RunReport = Omit<BenchmarkResult, 'date' | 'commit' | 'machine'>;

/**
 * Prints a run's result, appends it to bench/results/<benchmark>.jsonl and
 * regenerates BENCHMARKS.md. `BENCH_REPORT=no`: a trial run, printed only.
 */
export function report(run: RunReport): void {
  const result: BenchmarkResult = {
    ...run,
    date: new Date().toISOString(),
    commit: commitIn() ?? 'unknown',
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
  if (process.env.BENCH_REPORT === 'no') return;
  appendResult(result);
  writeBenchmarksFile();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** `median (min–max of n runs)` with `digits` fraction digits. */
export function medianSpread(values: readonly number[], digits = 1, unit = ''): string {
  if (values.length === 0) return 'n/a';
  const f = (x: number) => `${x.toFixed(digits)}${unit}`;
  if (values.length === 1) return `${f(values[0]!)} (1 run)`;
  return `${f(median([...values]))} (${f(Math.min(...values))}–${f(Math.max(...values))}, ${values.length} runs)`;
}

/** The machine's load averages over 1, 5 and 15 minutes. */
export function loadAverages(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(', ');
}

/** The machine's load when a result is taken, as a detail line. */
export function loadLine(): string {
  return `- machine load before the run (uptime): ${loadAverages()}`;
}

/** The median of several runs with its spread, as a result row takes it. */
export function medianOfRuns(values: readonly number[]): { value: number; spread?: [number, number]; runs: number } {
  if (values.length <= 1) return { value: values[0] ?? NaN, runs: values.length };
  return { value: median(values), spread: [Math.min(...values), Math.max(...values)], runs: values.length };
}
