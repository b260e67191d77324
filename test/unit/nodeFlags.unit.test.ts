import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { NODE_FLAGS, withNodeFlags } from '../../cli/nodeFlags';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the Node flags of servicegraph’s processes', () => {
  it('are the same in the bin’s shebang, npm start and the Docker image’s entrypoint', () => {
    const flags = NODE_FLAGS.join(' ');
    assert.equal(read('cli/main.ts').split('\n')[0], `#!/usr/bin/env -S node ${flags}`);
    assert.equal(read('dist/cli/main.js').split('\n')[0], `#!/usr/bin/env -S node ${flags}`, 'tsc keeps the shebang');
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    assert.match(scripts.start!, new RegExp(`node ${flags} dist/cli/main\\.js start$`));
    // Every npm script that runs a servicegraph command, and the benchmarks (which replay a rebuild in their own process).
    const nodeRuns = Object.entries(scripts).filter(([, script]) => / dist\/(cli|bench)\/main\.js/.test(script));
    assert.ok(nodeRuns.length >= 5, `npm scripts running servicegraph: ${nodeRuns.map(([name]) => name).join(', ')}`);
    for (const [name, script] of nodeRuns) assert.match(script, new RegExp(`node ${flags} dist/(cli|bench)/main\\.js`), `npm run ${name}`);
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(read('Dockerfile'))?.[1];
    assert.deepEqual(JSON.parse(entrypoint ?? 'null'), ['node', ...NODE_FLAGS, 'dist/cli/main.js']);
  });

  it('are accepted by this Node in NODE_OPTIONS (how the benchmarks give them to their child processes)', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['-e', 'process.stdout.write("ok")'], { env: { ...process.env, NODE_OPTIONS: withNodeFlags(undefined) }, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'ok');
    assert.equal(withNodeFlags('--enable-source-maps'), `--enable-source-maps ${NODE_FLAGS.join(' ')}`);
  });
});
