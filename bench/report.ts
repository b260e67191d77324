/** Where benchmark figures go: stdout, and appended to BENCHMARKS.md with date, commit and machine. */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function machine(): string {
  const cpus = os.cpus();
  return `${os.hostname()}: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    // BENCHMARKS.md itself changes with every run; it says nothing about the code measured.
    const dirty = execSync("git status --porcelain --untracked-files=no -- . ':!BENCHMARKS.md'", { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

/** Prints a result section and appends it to BENCHMARKS.md at the repository root. */
export function report(title: string, command: string, lines: string[]): void {
  const section = [
    `### ${title} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- command: \`${command}\``,
    `- commit: ${commit()}`,
    `- machine: ${machine()}`,
    '',
    ...lines,
    '',
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  // BENCH_REPORT=no: a trial run, printed only.
  if (process.env.BENCH_REPORT === 'no') return;
  const file = path.resolve(__dirname, '..', '..', 'BENCHMARKS.md');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Benchmarks\n\nEvery run of `npm run bench -- <name>` appends its figures here.\n\n');
  fs.appendFileSync(file, `${section}\n`);
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

/** The machine's load when a result is taken (load averages over 1, 5, 15 minutes). */
export function loadLine(): string {
  const [a, b, c] = os.loadavg();
  return `- machine load before the run (uptime): ${a!.toFixed(2)}, ${b!.toFixed(2)}, ${c!.toFixed(2)}`;
}
