"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const pg_1 = __importDefault(require("pg"));
const embeddedPostgres_1 = require("../../db/embeddedPostgres");
const EMBEDDED_MODULE = require.resolve('../../db/embeddedPostgres');
const isRoot = process.getuid?.() === 0;
async function query(url, sql, params = []) {
    const client = new pg_1.default.Client({ connectionString: url });
    await client.connect();
    try {
        return (await client.query(sql, params)).rows;
    }
    finally {
        await client.end();
    }
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch {
        return false;
    }
    try {
        const stat = node_fs_1.default.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    }
    catch {
        return true;
    }
}
/**
 * Starts the embedded Postgres of `dataDir` in another Node process and
 * resolves with its URL once it serves. SIGTERM, or the end of its stdin
 * (this process gone), stops it cleanly; SIGKILL is the hard kill.
 */
function startInChild(dataDir, options = {}) {
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
    const child = (0, node_child_process_1.spawn)(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    const ready = new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk) => {
            out += chunk.toString();
            const line = out.split('\n').find((l) => l.startsWith('{'));
            if (line)
                resolve(JSON.parse(line).url);
        });
        child.stderr.on('data', (chunk) => (err += chunk.toString()));
        child.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before serving: ${err}`)));
    });
    return { child, ready };
}
(0, node_test_1.describe)('embedded Postgres', () => {
    let dataDir;
    (0, node_test_1.before)(() => {
        dataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-embedded-'));
    });
    (0, node_test_1.after)(() => node_fs_1.default.rmSync(dataDir, { recursive: true, force: true }));
    (0, node_test_1.it)('initialises a cluster, creates the servicegraph database, and keeps rows across a stop and a start', async () => {
        const first = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: 0 });
        try {
            strict_1.default.match(first.url, /^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/servicegraph$/);
            strict_1.default.equal(first.clusterDir, node_path_1.default.join(dataDir, 'pg'));
            await query(first.url, 'CREATE TABLE survivor (id int PRIMARY KEY, note text)');
            await query(first.url, `INSERT INTO survivor VALUES (1, 'written before the stop')`);
        }
        finally {
            await first.stop();
        }
        strict_1.default.equal(node_fs_1.default.existsSync(node_path_1.default.join(dataDir, 'pg', 'postmaster.pid')), false, 'a clean stop removes postmaster.pid');
        const second = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: 0 });
        try {
            strict_1.default.deepEqual(await query(second.url, 'SELECT id, note FROM survivor'), [{ id: 1, note: 'written before the stop' }]);
            const databases = await query(second.url, `SELECT count(*) FROM pg_database WHERE datname = 'servicegraph'`);
            strict_1.default.equal(databases[0]?.count, '1');
            // The write-heavy settings (fewer checkpoints during a long ingest or rebuild) are the server's.
            const settings = await query(second.url, `SELECT name, setting, unit FROM pg_settings WHERE name IN ('max_wal_size', 'checkpoint_timeout') ORDER BY name`);
            strict_1.default.deepEqual(settings, [{ name: 'checkpoint_timeout', setting: '900', unit: 's' }, { name: 'max_wal_size', setting: '4096', unit: 'MB' }]);
        }
        finally {
            await second.stop();
            await second.stop(); // idempotent
        }
    });
    (0, node_test_1.it)('gives the cluster to the OS user postgres when running as root', { skip: !isRoot && 'not running as root' }, () => {
        const uid = Number((0, node_child_process_1.execFileSync)('id', ['-u', 'postgres'], { encoding: 'utf8' }));
        strict_1.default.equal(node_fs_1.default.statSync(node_path_1.default.join(dataDir, 'pg')).uid, uid);
    });
    (0, node_test_1.it)('starts again after the Node process that ran it was killed with SIGKILL', async () => {
        const { child, ready } = startInChild(dataDir);
        const leftoverUrl = await ready;
        const pidFile = node_path_1.default.join(dataDir, 'pg', 'postmaster.pid');
        const leftoverPid = Number(node_fs_1.default.readFileSync(pidFile, 'utf8').split('\n')[0]);
        const exited = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        // The server outlives the killed Node process: this is what the next start must cope with.
        strict_1.default.ok(isAlive(leftoverPid), 'the leftover server is still running');
        strict_1.default.deepEqual(await query(leftoverUrl, 'SELECT id FROM survivor'), [{ id: 1 }]);
        const restarted = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: 0 });
        try {
            strict_1.default.equal(isAlive(leftoverPid), false, 'the leftover server was stopped');
            strict_1.default.deepEqual(await query(restarted.url, 'SELECT id FROM survivor'), [{ id: 1 }]);
        }
        finally {
            await restarted.stop();
        }
    });
    (0, node_test_1.it)('does not take over a server that another live process is running, and says so', async () => {
        const { child, ready } = startInChild(dataDir);
        try {
            const url = await ready;
            await strict_1.default.rejects((0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: 0 }), /is in use by another running process \(pid \d+\); stop that one first, or use another SERVICEGRAPH_DATA_DIR/);
            strict_1.default.deepEqual(await query(url, 'SELECT id FROM survivor'), [{ id: 1 }], 'the other process keeps its server');
        }
        finally {
            const exited = new Promise((resolve) => child.on('exit', resolve));
            child.kill('SIGTERM');
            await exited;
        }
    });
    (0, node_test_1.it)('runs as a normal (non-root) user too', { skip: !isRoot && 'this process is the non-root case already' }, async () => {
        const userDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-embedded-user-'));
        const nobody = { uid: Number((0, node_child_process_1.execFileSync)('id', ['-u', 'nobody'], { encoding: 'utf8' })), gid: Number((0, node_child_process_1.execFileSync)('id', ['-g', 'nobody'], { encoding: 'utf8' })) };
        node_fs_1.default.chownSync(userDir, nobody.uid, nobody.gid);
        const { child, ready } = startInChild(userDir, nobody);
        try {
            const url = await ready;
            strict_1.default.deepEqual(await query(url, 'SELECT current_database() AS db'), [{ db: 'servicegraph' }]);
            strict_1.default.equal(node_fs_1.default.statSync(node_path_1.default.join(userDir, 'pg')).uid, nobody.uid);
        }
        finally {
            const exited = new Promise((resolve) => child.on('exit', resolve));
            child.kill('SIGTERM');
            await exited;
            node_fs_1.default.rmSync(userDir, { recursive: true, force: true });
        }
    });
    (0, node_test_1.it)('refuses a cluster directory that holds something else, saying what to do', async () => {
        const otherDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-embedded-junk-'));
        try {
            node_fs_1.default.mkdirSync(node_path_1.default.join(otherDir, 'pg'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(otherDir, 'pg', 'notes.txt'), 'not a cluster');
            await strict_1.default.rejects((0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir: otherDir, port: 0 }), /holds no Postgres cluster \(no PG_VERSION\); move it away or delete it/);
        }
        finally {
            node_fs_1.default.rmSync(otherDir, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=embeddedPostgres.int.test.js.map