/**
 * Postgres refuses to run as root. The library then runs the binaries as the
 * OS user `postgres` but does not give it the data directory: the cluster is
 * chowned to that user, and every directory above it must let it in.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The OS user the library runs the server as when Node runs as root. */
const SERVER_OS_USER = 'postgres';

export interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

/** The OS user the server runs as when we are root (the library's choice: `postgres`); undefined otherwise. */
export function runAsUser(): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', SERVER_OS_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', SERVER_OS_USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'Postgres refuses to run as root, and there is no OS user "postgres" to run it as. ' +
        'Create one (useradd --system --user-group postgres), run as a normal user, or set DATABASE_URL.',
    );
  }
}

/**
 * The server's user must be able to enter every directory above the cluster.
 * Our own data directory gets the search bit for others if it lacks it (e.g. a
 * 0700 mkdtemp directory); any other directory in the way is an error that names it.
 */
export async function makeReachable(dataDir: string, owner: OsUser): Promise<void> {
  const stat = await fs.stat(dataDir);
  if (!canEnter(stat, owner)) await fs.chmod(dataDir, (stat.mode & 0o7777) | 0o001);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if (!canEnter(await fs.stat(dir), owner)) {
      throw new Error(`the OS user "postgres" (uid ${owner.uid}) cannot enter ${dir}, above the data directory ${dataDir}; choose another SERVICEGRAPH_DATA_DIR or chmod o+x ${dir}`);
    }
    if (dir === path.dirname(dir)) break;
  }
}

function canEnter(stat: { uid: number; gid: number; mode: number }, owner: OsUser): boolean {
  if (stat.uid === owner.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === owner.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** Gives a cluster to the server's user (e.g. one made by a non-root run); cheap when it already is theirs. */
export async function chownTree(dir: string, owner: OsUser): Promise<void> {
  if ((await fs.stat(dir)).uid === owner.uid) return;
  const walk = async (d: string): Promise<void> => {
    await fs.lchown(d, owner.uid, owner.gid);
    for (const entry of await fs.readdir(d, { withFileTypes: true })) {
      const child = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(child);
      else await fs.lchown(child, owner.uid, owner.gid);
    }
  };
  await walk(dir);
}
