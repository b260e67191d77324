/**
 * A process and every process under it, watched over a run: the resident
 * memory (RSS) of each, sampled, and which of them appeared or went away.
 * The soak harness uses it to bound the memory of every servicegraph
 * process and to tell a restart (a process gone, a new one in its place)
 * from a process that stayed up. Linux only (/proc).
 */
import fs from 'node:fs';

export interface WatchedProcess {
  readonly pid: number;
  /** Its command line, shortened (`node dist/cli/main.js start`). */
  readonly command: string;
  /** Highest RSS seen, bytes. */
  maxRssBytes: number;
  /** When it was first and last seen (ms since the watch started). */
  readonly firstSeenMs: number;
  lastSeenMs: number;
  /** Still there at the last sample. */
  alive: boolean;
}

export interface ProcessTreeWatch {
  /** Every process seen under the root (the root included), in the order first seen. */
  processes(): WatchedProcess[];
  /** Takes one sample now (also done every `intervalMs`). */
  sample(): void;
  stop(): void;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Resident set size of a process, bytes (VmRSS of /proc/<pid>/status); undefined when it is gone. */
export function residentBytes(pid: number): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readText(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) * 1024 : undefined;
}

/** The direct children of a process (every thread's children file). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const task of tasks) {
    for (const child of (readText(`/proc/${pid}/task/${task}/children`) ?? '').trim().split(/\s+/)) {
      if (child) children.push(Number(child));
    }
  }
  return children;
}

function commandOf(pid: number): string {
  const argv = (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').filter((part) => part && !part.startsWith('--inspect'));
  return argv.map((part) => part.replace(/^.*\/(dist\/)/, '$1')).join(' ').slice(0, 120);
}

/** Watches `root` and its descendants, sampling every `intervalMs`. */
export function watchProcessTree(root: number, intervalMs = 500): ProcessTreeWatch {
  const started = performance.now();
  const seen = new Map<number, WatchedProcess>();
  const sample = () => {
    const now = performance.now() - started;
    const present = new Set<number>();
    const queue = [root];
    while (queue.length > 0) {
      const pid = queue.shift()!;
      const rss = residentBytes(pid);
      if (rss === undefined) continue;
      present.add(pid);
      let watched = seen.get(pid);
      if (!watched) {
        watched = { pid, command: commandOf(pid), maxRssBytes: 0, firstSeenMs: now, lastSeenMs: now, alive: true };
        seen.set(pid, watched);
      }
      watched.maxRssBytes = Math.max(watched.maxRssBytes, rss);
      watched.lastSeenMs = now;
      queue.push(...childrenOf(pid));
    }
    for (const watched of seen.values()) watched.alive = present.has(watched.pid);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    processes: () => [...seen.values()],
    sample,
    stop: () => clearInterval(timer),
  };
}
