#!/usr/bin/env node
'use strict';
/**
 * The test runner behind `npm test` (which builds first). Usage:
 *
 *   npm test                 every test
 *   npm test -- unit         one level: unit | int (integration) | e2e | browser; several may be given
 *
 * Tests are node:test files compiled by tsc: dist/test/**\/*.{unit,int,e2e,browser}.test.js.
 * Only files whose source test/**\/*.ts still exists are run (tsc never deletes
 * stale output). When integration or end-to-end tests are selected, one
 * Postgres server serves the whole run, and its URL reaches the test
 * processes as TEST_DATABASE_SERVER_URL (test/support/testDatabase.ts makes a
 * database per test on it):
 * - DATABASE_URL set: that server (its database is created if missing);
 * - unset: one embedded Postgres in a temp directory (never ./.servicegraph),
 *   stopped and removed at the end, also on failure and Ctrl-C.
 * Test processes get TMPDIR inside the run's temp directory, removed at the end,
 * and TEST_DATABASE_PREFIX, so that databases a crashed test left on the
 * DATABASE_URL server are dropped at the end too.
 * The exit code is the test run's.
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const compiledTests = path.join(root, 'dist', 'test');

const LEVELS = { unit: 'unit', int: 'int', integration: 'int', e2e: 'e2e', browser: 'browser' };
const NEEDS_DATABASE = new Set(['int', 'e2e', 'browser']);
/** The whole run's deadline (TEST_RUN_TIMEOUT_MINUTES; a full run takes 2–4 minutes here). */
const RUN_TIMEOUT_MINUTES = Number(process.env.TEST_RUN_TIMEOUT_MINUTES) > 0 ? Number(process.env.TEST_RUN_TIMEOUT_MINUTES) : 30;

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`; npm cannot
 * download a browser here). Without one they are left out of a plain `npm test`
 * with a line saying so; asked for by name (`npm test -- browser`) or with
 * REQUIRE_BROWSER=1 (CI), a missing Chromium fails the run.
 */
function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((candidate) => fs.existsSync(candidate));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`run-tests: ${err && err.usage ? err.message : err && err.stack ? err.stack : err}`);
    process.exit(err && err.usage ? 2 : 1);
  },
);

async function main() {
  const levels = new Set();
  for (const arg of process.argv.slice(2)) {
    const level = LEVELS[arg];
    if (!level) {
      throw Object.assign(new Error(`unknown argument ${JSON.stringify(arg)}: expected a test level, one of ${Object.keys(LEVELS).join(', ')}`), { usage: true });
    }
    levels.add(level);
  }

  let files = findTests(compiledTests).filter((file) => levels.size === 0 || levels.has(levelOf(file)));
  const chromium = chromiumPath();
  if (!chromium && files.some((file) => levelOf(file) === 'browser')) {
    if (levels.has('browser') || process.env.REQUIRE_BROWSER === '1') {
      throw new Error('browser tests need Chromium: apt-get install chromium (or set CHROMIUM_PATH)');
    }
    files = files.filter((file) => levelOf(file) !== 'browser');
    console.log('run-tests: browser tests NOT run: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  }
  if (files.length === 0) {
    console.log(`run-tests: no ${[...levels].join('/') || ''} test files under ${path.relative(root, compiledTests)}`);
    return 0;
  }

  const cleanups = [];
  let child;
  let stoppedBy; // the signal that asked us to stop
  const onSignal = (signal) => {
    if (stoppedBy) return;
    stoppedBy = signal;
    console.error(`\nrun-tests: ${signal}, stopping`);
    // The test processes got the terminal's signal too; this is for a signal sent to us alone.
    if (child && child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  try {
    // Everything of this run lives in one temp directory, removed at the end:
    // the embedded server's cluster, and TMPDIR of the test processes (so what
    // an interrupted test leaves in os.tmpdir() goes too). o+x: when we are
    // root, the server runs as the OS user postgres and must reach its cluster.
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-tests-'));
    cleanups.push(() => fs.rmSync(runDir, { recursive: true, force: true }));
    fs.chmodSync(runDir, 0o711);
    const tmpDir = path.join(runDir, 'tmp');
    fs.mkdirSync(tmpDir);
    fs.chmodSync(tmpDir, 0o1777);

    const env = { ...process.env, TMPDIR: tmpDir, TEST_DATABASE_PREFIX: `sg_test_${randomBytes(4).toString('hex')}` };
    if (chromium) env.CHROMIUM_PATH = chromium;
    if (files.some((file) => NEEDS_DATABASE.has(levelOf(file)))) {
      env.TEST_DATABASE_SERVER_URL = await databaseServer(path.join(runDir, 'db'), cleanups);
      if (process.env.DATABASE_URL) cleanups.push(() => dropLeftoverDatabases(env.TEST_DATABASE_SERVER_URL, env.TEST_DATABASE_PREFIX));
    }
    if (stoppedBy) return 128 + os.constants.signals[stoppedBy];
    // No --test-force-exit: on Node 20 it ends a test file's process before
    // the file has reported all its tests, and the run then passes with
    // those tests silently missing (seen: 96 to 105 of a file's 105). A test
    // file that leaves a handle open keeps its process alive instead; the
    // run's deadline turns that into a failure naming the cause.
    const args = ['--test', '--test-concurrency=2', '--test-timeout=300000', ...files.map((f) => path.relative(root, f))];
    child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      console.error(`\nrun-tests: the run has not ended after ${RUN_TIMEOUT_MINUTES} minutes (a test file that leaves a handle open, a server, pool or timer, keeps its process alive): stopping it`);
      child.kill('SIGTERM');
    }, RUN_TIMEOUT_MINUTES * 60_000);
    const { code, signal } = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal }));
    }).finally(() => clearTimeout(deadline));
    if (stoppedBy) return 128 + os.constants.signals[stoppedBy];
    if (timedOut) return 1;
    return code ?? 128 + (os.constants.signals[signal] ?? 1);
  } finally {
    await cleanup(cleanups);
  }
}

/** The URL tests create their databases on; registers what must be undone. */
async function databaseServer(dataDir, cleanups) {
  const { redact } = require(path.join(root, 'dist', 'db', 'url.js'));
  if (process.env.DATABASE_URL) {
    const { ensureDatabase } = require(path.join(root, 'dist', 'db', 'ensureDatabase.js'));
    await ensureDatabase(process.env.DATABASE_URL);
    console.log(`run-tests: test databases on ${redact(process.env.DATABASE_URL)}`);
    return process.env.DATABASE_URL;
  }
  const { startEmbeddedPostgres } = require(path.join(root, 'dist', 'db', 'embeddedPostgres.js'));
  const started = Date.now();
  const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres' });
  cleanups.push(() => server.stop());
  console.log(`run-tests: embedded Postgres on port ${server.port} in ${dataDir} (${Date.now() - started} ms)`);
  return server.url;
}

/** Drops the test databases of this run that a crashed or interrupted test did not drop. */
async function dropLeftoverDatabases(serverUrl, prefix) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix + '_']);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    if (rows.length > 0) console.log(`run-tests: dropped ${rows.length} test database(s) left behind`);
  } finally {
    await client.end();
  }
}

/** Runs the cleanups last-in first-out, once, each even if another failed. */
async function cleanup(cleanups) {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (err) {
      console.error(`run-tests: cleanup failed: ${err && err.message ? err.message : err}`);
    }
  }
}

function levelOf(file) {
  const match = /\.(unit|int|e2e|browser)\.test\.js$/.exec(file);
  return match ? match[1] : undefined;
}

/** Compiled test files whose TypeScript source still exists, sorted. */
function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.js')) {
        const source = path.join(root, path.relative(path.join(root, 'dist'), full)).replace(/\.js$/, '.ts');
        if (fs.existsSync(source)) found.push(full);
      }
    }
  };
  walk(dir);
  return found.sort();
}
