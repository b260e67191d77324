"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * `servicegraph start` as `npm start` runs it: embedded Postgres, ingest,
 * listeners and the gateway in one process, answering GraphQL, and stopping
 * everything (the embedded Postgres last) on Ctrl-C.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const MAIN = node_path_1.default.join(__dirname, '..', '..', 'cli', 'main.js');
(0, node_test_1.describe)('servicegraph start', () => {
    const dataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-hub-'));
    (0, node_test_1.after)(() => {
        // A server the hub failed to stop would outlive the test: stop it by its pid.
        const pidFile = node_path_1.default.join(dataDir, 'pg', 'postmaster.pid');
        if (node_fs_1.default.existsSync(pidFile)) {
            try {
                process.kill(Number(node_fs_1.default.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
            }
            catch {
                // already gone
            }
        }
        node_fs_1.default.rmSync(dataDir, { recursive: true, force: true });
    });
    (0, node_test_1.it)('serves GraphQL through the gateway, says where, and stops the embedded Postgres on SIGINT', async () => {
        const env = {
            ...process.env, SERVICEGRAPH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', GATEWAY_PORT: '0', INGEST_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
        };
        delete env.DATABASE_URL;
        const child = (0, node_child_process_1.spawn)(process.execPath, [MAIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stderr.on('data', (chunk) => { stderr += chunk.toString(); });
        const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
        try {
            await new Promise((resolve, reject) => {
                child.stdout.on('data', (chunk) => {
                    stdout += chunk.toString();
                    if (stdout.includes('Ctrl-C'))
                        resolve();
                });
                void exited.then((code) => reject(new Error(`exited ${code} before it was ready:\n${stdout}\n${stderr}`)));
            });
            const graphqlUrl = /^\s+graphql\s+(http:\/\/\S+)/m.exec(stdout)?.[1];
            strict_1.default.ok(graphqlUrl, stdout);
            strict_1.default.match(stdout, /subgraphs customer, project, billing, revenue in this process/);
            const response = await fetch(graphqlUrl, {
                method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ingestStatus { received applied } customers { totalCount } }' }),
            });
            strict_1.default.equal(response.status, 200);
            strict_1.default.deepEqual(await response.json(), { data: { ingestStatus: { received: 0, applied: 0 }, customers: { totalCount: 0 } } });
            strict_1.default.ok(node_fs_1.default.existsSync(node_path_1.default.join(dataDir, 'pg', 'postmaster.pid')), 'the embedded Postgres runs');
        }
        finally {
            child.kill('SIGINT');
        }
        strict_1.default.equal(await exited, 0, stderr);
        strict_1.default.ok(!node_fs_1.default.existsSync(node_path_1.default.join(dataDir, 'pg', 'postmaster.pid')), `the embedded Postgres stopped with the hub:\n${stderr}`);
    });
});
//# sourceMappingURL=hub.gateway.int.test.js.map