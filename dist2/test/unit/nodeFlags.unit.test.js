"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const nodeFlags_1 = require("../../cli/nodeFlags");
const ROOT = node_path_1.default.join(__dirname, '..', '..', '..');
const read = (file) => node_fs_1.default.readFileSync(node_path_1.default.join(ROOT, file), 'utf8');
(0, node_test_1.describe)('the Node flags of servicegraph’s processes', () => {
    (0, node_test_1.it)('are the same in the bin’s shebang, npm start and the Docker image’s entrypoint', () => {
        const flags = nodeFlags_1.NODE_FLAGS.join(' ');
        strict_1.default.equal(read('cli/main.ts').split('\n')[0], `#!/usr/bin/env -S node ${flags}`);
        strict_1.default.equal(read('dist/cli/main.js').split('\n')[0], `#!/usr/bin/env -S node ${flags}`, 'tsc keeps the shebang');
        const scripts = JSON.parse(read('package.json')).scripts;
        strict_1.default.match(scripts.start, new RegExp(`node ${flags} dist/cli/main\\.js start$`));
        // Every npm script that runs a servicegraph command, and the benchmarks (which replay a rebuild in their own process).
        const nodeRuns = Object.entries(scripts).filter(([, script]) => / dist\/(cli|bench)\/main\.js/.test(script));
        strict_1.default.ok(nodeRuns.length >= 5, `npm scripts running servicegraph: ${nodeRuns.map(([name]) => name).join(', ')}`);
        for (const [name, script] of nodeRuns)
            strict_1.default.match(script, new RegExp(`node ${flags} dist/(cli|bench)/main\\.js`), `npm run ${name}`);
        const entrypoint = /^ENTRYPOINT (.*)$/m.exec(read('Dockerfile'))?.[1];
        strict_1.default.deepEqual(JSON.parse(entrypoint ?? 'null'), ['node', ...nodeFlags_1.NODE_FLAGS, 'dist/cli/main.js']);
    });
    (0, node_test_1.it)('are accepted by this Node in NODE_OPTIONS (how the benchmarks give them to their child processes)', async () => {
        const { spawnSync } = await import('node:child_process');
        const run = spawnSync(process.execPath, ['-e', 'process.stdout.write("ok")'], { env: { ...process.env, NODE_OPTIONS: (0, nodeFlags_1.withNodeFlags)(undefined) }, encoding: 'utf8' });
        strict_1.default.equal(run.stderr, '');
        strict_1.default.equal(run.stdout, 'ok');
        strict_1.default.equal((0, nodeFlags_1.withNodeFlags)('--enable-source-maps'), `--enable-source-maps ${nodeFlags_1.NODE_FLAGS.join(' ')}`);
    });
});
//# sourceMappingURL=nodeFlags.unit.test.js.map