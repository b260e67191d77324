/**
 * `servicegraph start` as `npm start` runs it: embedded Postgres, ingest and
 * listeners in the hub's process, the gateway in the gateway process it
 * supervises, answering GraphQL, and stopping everything (the gateway
 * process first, the embedded Postgres last) on Ctrl-C; not ready while
 * the gateway process starts, and stopped cleanly even then.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../../db/embeddedPostgres';

const MAIN = path.join(__dirname, '..', '..', 'cli', 'main.js');

/** Removes a hub's data directory, stopping first an embedded Postgres the hub failed to stop (it would outlive the test). */
function removeDataDir(dataDir: string): void {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // already gone
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

describe('servicegraph start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-hub-'));
  const startingDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-hub-'));
  after(() => {
    removeDataDir(dataDir);
    removeDataDir(startingDataDir);
  });

  it('serves GraphQL from its gateway process, says where, and stops it and the embedded Postgres on SIGINT', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env, SERVICEGRAPH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', GATEWAY_PORT: '0', INGEST_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [MAIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let gatewayPid = 0;
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('Ctrl-C')) resolve();
        });
        void exited.then((code) => reject(new Error(`exited ${code} before it was ready:\n${stdout}\n${stderr}`)));
      });
      const graphqlUrl = /^\s+graphql\s+(http:\/\/\S+)/m.exec(stdout)?.[1];
      assert.ok(graphqlUrl, stdout);
      gatewayPid = Number(/subgraphs customer, project, billing, revenue in the gateway process \(pid (\d+), restarted by the hub when it fails\)/.exec(stdout)?.[1]);
      assert.ok(gatewayPid > 0 && gatewayPid !== child.pid, stdout);
      const response = await fetch(graphqlUrl, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ingestStatus { received applied } customers { totalCount } }' }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { data: { ingestStatus: { received: 0, applied: 0 }, customers: { totalCount: 0 } } });
      assert.ok(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'the embedded Postgres runs');
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, stderr);
    assert.ok(!fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), `the embedded Postgres stopped with the hub:\n${stderr}`);
    assert.throws(() => process.kill(gatewayPid, 0), { code: 'ESRCH' }, 'the gateway process stopped with the hub');
  });

  it('is not ready while its gateway process starts, and stops cleanly when told to then', async () => {
    const ingestPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env, SERVICEGRAPH_DATA_DIR: startingDataDir, EMBEDDED_PG_PORT: '0', GATEWAY_PORT: '0', INGEST_PORT: String(ingestPort), HOST: '127.0.0.1', LOG_LEVEL: 'error',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [MAIN, 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let first: { status: number; body: { checks: Record<string, string> } } | undefined;
    try {
      // The ingest port opens before the gateway process is started: its first /readyz answer comes while it starts.
      while (!first && child.exitCode === null) {
        try {
          const response = await fetch(`http://127.0.0.1:${ingestPort}/readyz`);
          first = { status: response.status, body: await response.json() as { checks: Record<string, string> } };
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, stderr);
    assert.ok(first, `the hub never answered /readyz:\n${stderr}`);
    assert.equal(first.status, 503, JSON.stringify(first.body));
    assert.match(first.body.checks.gateway ?? '', /the gateway process is starting/);
    assert.doesNotMatch(stderr, /ERR_IPC_CHANNEL_CLOSED|Unhandled/, 'the gateway process, stopped while it started, ends without an error');
    assert.ok(!fs.existsSync(path.join(startingDataDir, 'pg', 'postmaster.pid')), `the embedded Postgres stopped with the hub:\n${stderr}`);
  });
});
