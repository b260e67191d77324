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
    const dirty = execSync('git status --porcelain --untracked-files=no', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
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
  const file = path.resolve(__dirname, '..', '..', 'BENCHMARKS.md');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Benchmarks\n\nEvery run of `npm run bench -- <name>` appends its figures here.\n\n');
  fs.appendFileSync(file, `${section}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
