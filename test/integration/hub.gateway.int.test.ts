/**
 * `servicegraph start` as `npm start` runs it: embedded Postgres, ingest and
 * listeners in the hub's process, the gateway in the gateway process it
 * supervises, answering GraphQL, and stopping everything (the gateway
 * process first, the embedded Postgres last) on Ctrl-C.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const MAIN = path.join(__dirname, '..', '..', 'cli', 'main.js');

describe('servicegraph start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-hub-'));
  after(() => {
    // A server the hub failed to stop would outlive the test: stop it by its pid.
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      try {
        process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
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
});
