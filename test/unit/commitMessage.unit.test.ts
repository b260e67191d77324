/**
 * The commit-msg hook (.githooks/commit-msg, installed by `npm run hooks`):
 * a subject of at most 72 characters, a blank line, then the body.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const HOOK = path.resolve(__dirname, '..', '..', '..', '.githooks', 'commit-msg');

function runHook(message: string): { status: number | null; stderr: string } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-msg-'));
  try {
    const file = path.join(directory, 'COMMIT_EDITMSG');
    fs.writeFileSync(file, message);
    const result = spawnSync(process.execPath, [HOOK, file], { encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

describe('the commit-msg hook', () => {
  it('takes a subject of 72 characters with a body after a blank line', () => {
    const subject = 'x'.repeat(72);
    assert.deepEqual(runHook(`${subject}\n\nWhy, and the numbers.\n# a comment git strips\n`), { status: 0, stderr: '' });
    assert.equal(runHook('Merge branch \'main\' into topic\n').status, 0);
  });

  it('refuses a subject of 73 characters, saying what was expected and what arrived', () => {
    const { status, stderr } = runHook(`${'é'.repeat(73)}\n\nbody\n`);
    assert.equal(status, 1);
    assert.match(stderr, /expected a subject of at most 72 characters, got 73/);
  });

  it('refuses an empty subject and a body that starts on the second line', () => {
    assert.match(runHook('\n\nbody\n').stderr, /expected a subject on the first line, got none/);
    assert.match(runHook('subject\nbody right under it\n').stderr, /expected a blank line between the subject and the body/);
  });
});
