/**
 * Another build of servicegraph, run beside this one to measure what a change
 * costs (`--baseline DIR`, and the query benchmark's `--candidate DIR`): a
 * work tree or an extracted commit with its dist/ built, or that dist/ itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { commitIn } from './report';

export interface OtherBuild {
  /** Its dist/ (with cli/main.js). */
  readonly dist: string;
  /** The commit checked out in its tree when that is a git work tree, else the tree's directory name. */
  readonly name: string;
}

/** The build in `dir` (its root or its dist/), given as `flag`. */
export function otherBuild(flag: string, dir: string): OtherBuild {
  const root = path.resolve(dir);
  const dist = [path.join(root, 'dist'), root].find((candidate) => fs.existsSync(path.join(candidate, 'cli', 'main.js')));
  if (!dist) throw new Error(`${flag}: expected a built servicegraph tree (a directory with dist/cli/main.js) or its dist/, got ${JSON.stringify(dir)}`);
  const tree = dist === root ? path.dirname(root) : root;
  return { dist, name: (isWorkTreeRoot(tree) ? commitIn(tree) : undefined) ?? path.basename(tree) };
}

/** Whether `dir` is the top of a git work tree (not merely a folder inside one, which would name the wrong commit). */
function isWorkTreeRoot(dir: string): boolean {
  try {
    const top = execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return fs.realpathSync(top) === fs.realpathSync(dir);
  } catch {
    return false;
  }
}

/**
 * The read model's migrations `build` runs, by the name TypeORM records
 * (the migration's `name`, else its class's); undefined when the build has no
 * list of them to read.
 */
export function migrationsOf(build: OtherBuild): string[] | undefined {
  const list = path.join(build.dist, 'db', 'migrations', 'index.js');
  if (!fs.existsSync(list)) return undefined;
  const { MIGRATIONS } = require(list) as { MIGRATIONS?: (new () => { name?: string })[] };
  return MIGRATIONS?.map((Migration) => new Migration().name || Migration.name);
}

/**
 * Why `build` cannot share a database whose migrations table holds
 * `applied`, or undefined when it can: the same migrations, none more, none
 * fewer (a build with more would change the schema under the other build; one
 * with fewer may not read it).
 */
export function migrationMismatch(applied: readonly string[], build: readonly string[]): string | undefined {
  const extra = build.filter((name) => !applied.includes(name));
  const missing = applied.filter((name) => !build.includes(name));
  if (extra.length === 0 && missing.length === 0) return undefined;
  return [
    extra.length > 0 ? `it has ${extra.join(', ')}, which the database lacks` : '',
    missing.length > 0 ? `it lacks ${missing.join(', ')}, which the database has` : '',
  ].filter(Boolean).join('; ');
}
