"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUBGRAPH_NEEDS_DATABASE_URL = exports.UsageError = void 0;
exports.runSubgraphCommand = runSubgraphCommand;
exports.runGatewayCommand = runGatewayCommand;
exports.subgraphAddresses = subgraphAddresses;
exports.untilSignal = untilSignal;
/**
 * The multi-process mode's commands: one subgraph per process, and a gateway
 * in front of subgraphs reached over HTTP.
 *
 *   servicegraph subgraph <name> [--port N]
 *   servicegraph gateway [--subgraph name=url]... [--port N] [--wait SECONDS]
 */
const node_util_1 = require("node:util");
const config_1 = require("../config/config");
const database_1 = require("../db/database");
const dataSource_1 = require("../db/dataSource");
const url_1 = require("../db/url");
const gateway_1 = require("../gateway/gateway");
const remoteSubgraphs_1 = require("../gateway/remoteSubgraphs");
const liveExtension_1 = require("../live/liveExtension");
const reportsExtension_1 = require("../reporting/reportsExtension");
const checkpoint_1 = require("../hub/checkpoint");
const subgraphs_1 = require("../subgraphs");
const doors_1 = require("./doors");
const logger_1 = require("./logger");
const metrics_1 = require("../observability/metrics");
const readinessChecks_1 = require("../observability/readinessChecks");
/** A command-line mistake: printed with the usage, exit code 2. */
class UsageError extends Error {
    constructor() {
        super(...arguments);
        this.code = 'USAGE';
    }
}
exports.UsageError = UsageError;
/** Why a subgraph process needs DATABASE_URL; printed when it is missing. */
exports.SUBGRAPH_NEEDS_DATABASE_URL = `servicegraph subgraph: DATABASE_URL is not set.
A subgraph in its own process reads the hub's Postgres, and only one process can
own the embedded Postgres (the hub started by \`servicegraph start\`). Set
DATABASE_URL to the hub's database, e.g. for the embedded one of this directory:
  DATABASE_URL=postgres://postgres:$(cat .servicegraph/pg.password)@127.0.0.1:54329/servicegraph
or run everything in one process with \`servicegraph start\` (the default of npm start).`;
/** `servicegraph subgraph <name> [--port N]`: serves one subgraph until SIGINT/SIGTERM. */
async function runSubgraphCommand(argv) {
    const { values, positionals } = parse(argv, { port: { type: 'string' } });
    const [name, ...extra] = positionals;
    if (!name || !(0, subgraphs_1.isSubgraphName)(name) || extra.length > 0) {
        throw new UsageError(`servicegraph subgraph expects one subgraph name, one of ${subgraphs_1.SUBGRAPH_NAMES.join(', ')}; got ${positionals.length ? positionals.map((p) => JSON.stringify(p)).join(' ') : 'none'}`);
    }
    const config = (0, config_1.loadConfig)();
    const port = values.port === undefined ? config.ports[name] : portOption(values.port);
    if (config.databaseUrl === undefined) {
        process.stderr.write(`${exports.SUBGRAPH_NEEDS_DATABASE_URL}\n`);
        return 1;
    }
    const log = (0, logger_1.createLogger)(config.logLevel);
    const database = await (0, database_1.openDatabase)(config);
    const stops = [];
    try {
        // Migrations run under an advisory lock: whichever process starts first applies them, once.
        await (0, dataSource_1.migrate)(database.url);
        // A read Postgres cannot finish in time is cancelled by Postgres itself (docs/limits.md).
        const pool = (0, dataSource_1.createPool)(database.url, { max: 10, statement_timeout: config.limits.readTimeoutMs });
        stops.push(() => pool.end());
        const subgraph = await (0, subgraphs_1.createSubgraphByName)(name, { pool });
        const served = await (0, subgraphs_1.serveSubgraph)(subgraph, { host: config.host, port, serverLimits: config.limits, operations: { readiness: [(0, readinessChecks_1.databaseCheck)(pool)], metrics: (0, metrics_1.createRegistry)() } });
        stops.push(() => served.close());
        process.stdout.write(`servicegraph subgraph ${name} is running
  graphql  ${served.url}
  database ${(0, url_1.redact)(database.url)}
Ctrl-C stops it.
`);
        await untilSignal(log);
        return 0;
    }
    finally {
        for (const stop of stops.reverse())
            await stop().catch((error) => log.error(`while stopping: ${String(error)}`));
        await database.stop();
    }
}
/**
 * `servicegraph gateway [--subgraph name=url]...`: composes the supergraph from
 * the running subgraphs' SDL and serves it until SIGINT/SIGTERM. A subgraph
 * not named with --subgraph is looked for at its `*_SUBGRAPH_URL`.
 */
async function runGatewayCommand(argv) {
    const { values, positionals } = parse(argv, {
        subgraph: { type: 'string', multiple: true },
        port: { type: 'string' },
        wait: { type: 'string' },
    });
    if (positionals.length > 0)
        throw new UsageError(`servicegraph gateway takes no arguments but options, got ${positionals.map((p) => JSON.stringify(p)).join(' ')}`);
    const config = (0, config_1.loadConfig)();
    const port = values.port === undefined ? config.ports.gateway : portOption(values.port);
    const waitSeconds = values.wait === undefined ? 30 : Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0)
        throw new UsageError(`--wait expects a number of seconds, got ${JSON.stringify(values.wait)}`);
    const addresses = subgraphAddresses(values.subgraph ?? [], config);
    const log = (0, logger_1.createLogger)(config.logLevel);
    const remote = await (0, remoteSubgraphs_1.loadRemoteSubgraphs)(addresses, {
        waitMs: waitSeconds * 1000,
        onRetry: (address, reason) => log.info(`waiting for subgraph ${address.name} at ${address.url} (${reason})`),
    });
    // Subscriptions and the live page read the change feed: they need the hub's database.
    const pool = config.databaseUrl === undefined ? undefined : (0, dataSource_1.createPool)(config.databaseUrl, { max: 4, statement_timeout: config.limits.readTimeoutMs });
    if (!pool)
        log.warn('gateway: DATABASE_URL is not set: serving queries only, without subscriptions, the live page, the response cache and the audit log');
    const opened = await (0, doors_1.openDoors)(config, pool, log);
    const gateway = await (0, gateway_1.startGateway)({
        subgraphs: remote, host: config.host, port, log, maxBodyBytes: config.limits.graphqlBodyBytes,
        executionTimeoutMs: config.limits.executionTimeoutMs, serverLimits: config.limits, doors: opened.doors, registry: (0, metrics_1.createRegistry)(), readiness: pool ? [(0, readinessChecks_1.databaseCheck)(pool)] : [],
        // The response cache needs the read model's position, which only the database knows.
        responseCache: pool && config.responseCacheMb > 0
            ? { position: (0, checkpoint_1.readModelPosition)(pool), maxBytes: config.responseCacheMb * 1024 * 1024, volatileFields: subgraphs_1.VOLATILE_FIELDS }
            : undefined,
        extensions: [
            ...(pool && config.databaseUrl ? [(0, liveExtension_1.liveExtension)({ pool, databaseUrl: config.databaseUrl, pollMs: config.listener.pollMs, log, limits: config.limits })] : []),
            (0, reportsExtension_1.reportsExtension)({ position: pool ? (0, checkpoint_1.readModelPosition)(pool) : undefined }),
        ],
    }).catch(async (error) => {
        await opened.close();
        await pool?.end();
        throw error;
    });
    try {
        process.stdout.write(`servicegraph gateway is running (one process per subgraph)
  graphql  ${gateway.url}   (open it in a browser for the explorer)
${gateway.subgraphs.map((s) => `  ${s.name.padEnd(8)} ${s.via}`).join('\n')}
Ctrl-C stops it.
`);
        await untilSignal(log);
        return 0;
    }
    finally {
        await gateway.close();
        await opened.close();
        await pool?.end();
    }
}
/** The subgraphs to reach: those named on the command line, the others at their configured URLs. */
function subgraphAddresses(values, config) {
    const given = new Map();
    for (const value of values) {
        let address;
        try {
            address = (0, remoteSubgraphs_1.parseSubgraphAddress)(value, subgraphs_1.SUBGRAPH_NAMES);
        }
        catch (error) {
            throw new UsageError(error.message);
        }
        if (given.has(address.name))
            throw new UsageError(`--subgraph ${address.name} is given twice`);
        given.set(address.name, address);
    }
    return subgraphs_1.SUBGRAPH_NAMES.map((name) => given.get(name) ?? { name, url: config.subgraphUrls[name] });
}
function parse(argv, options) {
    try {
        return (0, node_util_1.parseArgs)({ args: [...argv], options, allowPositionals: true, strict: true });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
}
function portOption(value) {
    const port = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(port >= 0 && port <= 65535))
        throw new UsageError(`--port expects an integer port 0..65535, got ${JSON.stringify(value)}`);
    return port;
}
/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(log) {
    return new Promise((resolve) => {
        const stop = (signal) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            log.info(`${signal}: stopping`);
            resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}
//# sourceMappingURL=graphql.js.map