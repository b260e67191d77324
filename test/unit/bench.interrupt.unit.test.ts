import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a benchmark stopped by a signal', () => {
  it('stops the child servers it started before it exits', async () => {
    const bench = spawn(process.execPath, [path.join(__dirname, '..', 'fixtures', 'benchWithChild.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const childPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      bench.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /child (\d+)/.exec(out);
        if (found) resolve(Number(found[1]));
      });
      bench.once('exit', (code) => reject(new Error(`the benchmark exited with ${code} before its child was ready`)));
    });
    assert.ok(isRunning(childPid));
    const exited = new Promise<number | null>((resolve) => bench.once('exit', (code) => resolve(code)));
    bench.kill('SIGTERM');
    assert.equal(await exited, 143);
    // The child has exited before the benchmark did (its stop waits for the exit).
    assert.equal(isRunning(childPid), false, `child ${childPid} still runs`);
  });
});
