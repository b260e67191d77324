"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUBGRAPHS = void 0;
exports.startServiceProcess = startServiceProcess;
exports.startGatewayProcess = startGatewayProcess;
exports.startMultiProcessGraph = startMultiProcessGraph;
/**
 * The multi-process mode as a user runs it: `servicegraph subgraph <name>`
 * four times and `servicegraph gateway --subgraph name=url ...`, each a child
 * process of the test on a free port, all on the test's database.
 */
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const MAIN = node_path_1.default.join(__dirname, '..', '..', 'cli', 'main.js');
exports.SUBGRAPHS = ['customer', 'project', 'billing', 'revenue'];
/** Starts `node dist/cli/main.js <args>` and resolves with the URL it prints on its `graphql` line. */
function startServiceProcess(args, env) {
    const child = (0, node_child_process_1.spawn)(process.execPath, [MAIN, ...args], {
        env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let stopping;
    const stop = () => (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null)
            child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
    })());
    return new Promise((resolve, reject) => {
        const onData = (chunk) => {
            output += chunk.toString();
            const match = /^\s*graphql\s+(http:\/\/\S+)/m.exec(output);
            if (match && output.includes('Ctrl-C')) {
                child.stdout.off('data', onData);
                child.stdout.resume();
                resolve({ url: match[1], child, stop });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk) => { output += chunk.toString(); });
        child.once('exit', (code, signal) => reject(new Error(`servicegraph ${args.join(' ')} exited (${code ?? signal}) before it was ready:\n${output}`)));
    });
}
/**
 * `servicegraph gateway` in front of the given subgraph processes, on the hub's
 * database (its subscriptions read the change feed). Several may run at once.
 */
function startGatewayProcess(subgraphs, databaseUrl) {
    return startServiceProcess(['gateway', '--port', '0', ...exports.SUBGRAPHS.flatMap((name) => ['--subgraph', `${name}=${subgraphs[name].url}`])], { DATABASE_URL: databaseUrl });
}
/** The four subgraphs and the gateway, each in its own process, on `databaseUrl`. */
async function startMultiProcessGraph(databaseUrl) {
    const started = [];
    try {
        const subgraphs = {};
        // allSettled: when one fails to start, the others are stopped too, not left running.
        const starts = await Promise.allSettled(exports.SUBGRAPHS.map(async (name) => {
            const service = await startServiceProcess(['subgraph', name, '--port', '0'], { DATABASE_URL: databaseUrl });
            started.push(service);
            subgraphs[name] = service;
        }));
        for (const start of starts)
            if (start.status === 'rejected')
                throw start.reason;
        const gateway = await startGatewayProcess(subgraphs, databaseUrl);
        started.push(gateway);
        return {
            gatewayUrl: gateway.url,
            subgraphs,
            gateway,
            stop: async () => {
                await gateway.stop();
                await Promise.all(exports.SUBGRAPHS.map((name) => subgraphs[name].stop()));
            },
        };
    }
    catch (error) {
        await Promise.all(started.map((s) => s.stop()));
        throw error;
    }
}
//# sourceMappingURL=multiProcessGraph.js.map