/**
 * `--baseline DIR` and `--candidate DIR`: which build DIR is, what it is
 * called in results, the query benchmark's checks of its flags, and the
 * migrations two builds sharing one database must agree on.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { migrationMismatch, migrationsOf, otherBuild } from '../../bench/otherBuild';
import { queryOptions } from '../../bench/query';

const scratch: string[] = [];
after(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function scratchDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-other-build-'));
  scratch.push(dir);
  return dir;
}

/** A directory `name` holding a minimal build: dist/cli/main.js. */
function builtTree(name: string): string {
  const root = path.join(scratchDirectory(), name);
  fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist', 'cli', 'main.js'), '');
  return root;
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();

describe('another build given to a benchmark', () => {
  it('is found from its tree or its dist/, named by its directory outside git', () => {
    const root = builtTree('q-before');
    assert.deepEqual(otherBuild('--baseline', root), { dist: path.join(root, 'dist'), name: 'q-before' });
    assert.deepEqual(otherBuild('--baseline', path.join(root, 'dist')), { dist: path.join(root, 'dist'), name: 'q-before' });
  });

  it('is named by the commit checked out when its tree is a git work tree, and not by the commit of a tree it merely sits in', () => {
    const root = builtTree('work');
    fs.writeFileSync(path.join(root, 'README.md'), 'x\n');
    git(root, 'init', '-q');
    git(root, 'add', 'README.md');
    git(root, 'commit', '-q', '-m', 'one');
    const commit = git(root, 'rev-parse', '--short', 'HEAD');
    assert.equal(otherBuild('--baseline', root).name, commit);
    const nested = path.join(root, 'nested');
    fs.mkdirSync(path.join(nested, 'dist', 'cli'), { recursive: true });
    fs.writeFileSync(path.join(nested, 'dist', 'cli', 'main.js'), '');
    assert.equal(otherBuild('--baseline', nested).name, 'nested');
  });

  it('is refused, naming the flag and the directory, when it holds no build', () => {
    const empty = scratchDirectory();
    assert.throws(() => otherBuild('--candidate', empty), (error: Error) =>
      error.message.startsWith('--candidate: expected a built servicegraph tree (a directory with dist/cli/main.js) or its dist/') && error.message.includes(JSON.stringify(empty)));
  });
});

describe('the query benchmark flags', () => {
  it('resolve --baseline and --candidate to their builds', () => {
    const before = builtTree('q-before');
    const after = builtTree('q-after');
    const { baseline, candidate, values } = queryOptions(['--baseline', before, '--candidate', after, '--repeat', '1']);
    assert.deepEqual(baseline, { dist: path.join(before, 'dist'), name: 'q-before' });
    assert.deepEqual(candidate, { dist: path.join(after, 'dist'), name: 'q-after' });
    assert.equal(values.repeat, '1');
    assert.deepEqual(queryOptions([]).baseline, undefined);
  });

  it('refuse a baseline that is no build, --auth both beside --baseline, and an unknown --auth', () => {
    assert.throws(() => queryOptions(['--baseline', '/nonexistent/q-before']), /^Error: --baseline: expected a built servicegraph tree .* got "\/nonexistent\/q-before"$/);
    assert.throws(() => queryOptions(['--auth', 'both', '--baseline', builtTree('q-before')]), /--auth both and --baseline: expected one comparison at a time/);
    assert.throws(() => queryOptions(['--auth', 'jwt']), /--auth: expected off or both, got "jwt"/);
  });
});

describe('the migrations two builds on one database share', () => {
  it('are read from a build as TypeORM records them', () => {
    const names = migrationsOf({ dist: path.join(__dirname, '..', '..'), name: 'this build' });
    assert.equal(names?.[0], 'InitialSchema1764000000000');
    assert.ok(names!.includes('ReportingViewsOverTime1765000000701'), names!.join(', '));
    assert.equal(migrationsOf({ dist: scratchDirectory(), name: 'none' }), undefined);
  });

  it('must be the same: a build with more or fewer than the database is named with what differs', () => {
    assert.equal(migrationMismatch(['A1', 'B2'], ['A1', 'B2']), undefined);
    assert.equal(migrationMismatch(['A1', 'B2'], ['A1', 'B2', 'C3']), 'it has C3, which the database lacks');
    assert.equal(migrationMismatch(['A1', 'B2', 'C3'], ['A1']), 'it lacks B2, C3, which the database has');
    assert.equal(migrationMismatch(['A1', 'B2'], ['A1', 'C3']), 'it has C3, which the database lacks; it lacks B2, which the database has');
  });
});
