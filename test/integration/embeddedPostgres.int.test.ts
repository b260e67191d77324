import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../db/embeddedPostgres';

const EMBEDDED_MODULE = require.resolve('../../db/embeddedPostgres');
const isRoot = process.getuid?.() === 0;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Starts the embedded Postgres of `dataDir` in another Node process and
 * resolves with its URL once it serves. SIGTERM, or the end of its stdin
 * (this process gone), stops it cleanly; SIGKILL is the hard kill.
 */
function startInChild(dataDir: string, options: { uid?: number; gid?: number } = {}) {
  const script = `
    require(${JSON.stringify(EMBEDDED_MODULE)})
      .startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: 0 })
      .then((server) => {
        const stop = () => server.stop().then(() => process.exit(0));
        process.on('SIGTERM', stop);
        process.stdin.on('end', stop); // the test process is gone (e.g. an interrupted run)
        process.stdin.resume();
        console.log(JSON.stringify({ url: server.url }));
      }, (err) => { console.error(err); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before serving: ${err}`)));
  });
  return { child, ready };
}

describe('embedded Postgres', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-embedded-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('initialises a cluster, creates the servicegraph database, and keeps rows across a stop and a start', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      assert.match(first.url, /^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/servicegraph$/);
      assert.equal(first.clusterDir, path.join(dataDir, 'pg'));
      await query(first.url, 'CREATE TABLE survivor (id int PRIMARY KEY, note text)');
      await query(first.url, `INSERT INTO survivor VALUES (1, 'written before the stop')`);
    } finally {
      await first.stop();
    }
    assert.equal(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), false, 'a clean stop removes postmaster.pid');

    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      assert.deepEqual(await query(second.url, 'SELECT id, note FROM survivor'), [{ id: 1, note: 'written before the stop' }]);
      const databases = await query<{ count: string }>(second.url, `SELECT count(*) FROM pg_database WHERE datname = 'servicegraph'`);
      assert.equal(databases[0]?.count, '1');
      // The write-heavy settings (fewer checkpoints during a long ingest or rebuild) are the server's.
      const settings = await query<{ name: string; setting: string; unit: string }>(second.url,
        `SELECT name, setting, unit FROM pg_settings WHERE name IN ('max_wal_size', 'checkpoint_timeout') ORDER BY name`);
      assert.deepEqual(settings, [{ name: 'checkpoint_timeout', setting: '900', unit: 's' }, { name: 'max_wal_size', setting: '4096', unit: 'MB' }]);
    } finally {
      await second.stop();
      await second.stop(); // idempotent
    }
  });

  it('gives the cluster to the OS user postgres when running as root', { skip: !isRoot && 'not running as root' }, () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    assert.equal(fs.statSync(path.join(dataDir, 'pg')).uid, uid);
  });

  it('starts again after the Node process that ran it was killed with SIGKILL', async () => {
    const { child, ready } = startInChild(dataDir);
    const leftoverUrl = await ready;
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const leftoverPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);

    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The server outlives the killed Node process: this is what the next start must cope with.
    assert.ok(isAlive(leftoverPid), 'the leftover server is still running');
    assert.deepEqual(await query(leftoverUrl, 'SELECT id FROM survivor'), [{ id: 1 }]);

    const restarted = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      assert.equal(isAlive(leftoverPid), false, 'the leftover server was stopped');
      assert.deepEqual(await query(restarted.url, 'SELECT id FROM survivor'), [{ id: 1 }]);
    } finally {
      await restarted.stop();
    }
  });

  it('does not take over a server that another live process is running, and says so', async () => {
    const { child, ready } = startInChild(dataDir);
    try {
      const url = await ready;
      await assert.rejects(startEmbeddedPostgres({ dataDir, port: 0 }), /is in use by another running process \(pid \d+\); stop that one first, or use another SERVICEGRAPH_DATA_DIR/);
      assert.deepEqual(await query(url, 'SELECT id FROM survivor'), [{ id: 1 }], 'the other process keeps its server');
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('runs as a normal (non-root) user too', { skip: !isRoot && 'this process is the non-root case already' }, async () => {
    const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-embedded-user-'));
    const nobody = { uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })) };
    fs.chownSync(userDir, nobody.uid, nobody.gid);
    const { child, ready } = startInChild(userDir, nobody);
    try {
      const url = await ready;
      assert.deepEqual(await query(url, 'SELECT current_database() AS db'), [{ db: 'servicegraph' }]);
      assert.equal(fs.statSync(path.join(userDir, 'pg')).uid, nobody.uid);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(userDir, { recursive: true, force: true });
    }
  });

  it('refuses a cluster directory that holds something else, saying what to do', async () => {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-embedded-junk-'));
    try {
      fs.mkdirSync(path.join(otherDir, 'pg'));
      fs.writeFileSync(path.join(otherDir, 'pg', 'notes.txt'), 'not a cluster');
      await assert.rejects(startEmbeddedPostgres({ dataDir: otherDir, port: 0 }), /holds no Postgres cluster \(no PG_VERSION\); move it away or delete it/);
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
