/**
 * A Postgres server left running by a Node process that was killed hard
 * (SIGKILL, OOM): it holds the cluster directory and the port, and the
 * library's next start fails with a bare `undefined`. Found from
 * `postmaster.pid` and stopped before a start; never a server whose Node
 * parent is still alive (another instance using the same directory).
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A server left running by a Node process that was killed holds the data
 * directory (postmaster.pid) and the port. Stop it: SIGINT is Postgres' fast
 * shutdown (what `pg_ctl stop -m fast` sends); we signal it directly because
 * pg_ctl refuses to run as root. SIGQUIT (immediate shutdown, crash recovery
 * at next start) if it does not go within 30 s.
 */
export async function stopLeftoverServer(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let text: string;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return; // Postgres overwrites a garbled lock file itself.
  if (!(await isRunning(pid))) return; // Stale file: Postgres replaces it itself.
  if (!(await looksLikePostgres(pid))) {
    // The pid was reused by an unrelated process: Postgres would refuse to start, and the file is stale.
    await fs.rm(pidFile, { force: true });
    return;
  }
  // A server whose Node parent is alive is not a leftover: it is another
  // servicegraph (or test) using the same data directory right now.
  const parent = await parentOf(pid);
  if (parent !== undefined && parent !== 1 && (await commandLine(parent)).includes('node')) {
    throw new Error(
      `the Postgres of ${clusterDir} (pid ${pid}) is in use by another running process (pid ${parent}); ` +
        'stop that one first, or use another SERVICEGRAPH_DATA_DIR',
    );
  }
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 30_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (await waitForExit(pid, 10_000)) return;
  throw new Error(`a Postgres server (pid ${pid}) left running in ${clusterDir} did not stop; stop it and start again`);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Alive and not a zombie (in a container whose init does not reap orphans, a dead server stays a zombie). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

async function looksLikePostgres(pid: number): Promise<boolean> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('postgres');
  } catch {
    return true; // No /proc (macOS): trust the lock file.
  }
}

/** The parent pid from /proc (undefined without /proc). Orphans are re-parented to 1 or to a subreaper. */
async function parentOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function commandLine(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
