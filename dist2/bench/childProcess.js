"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startServicegraph = startServicegraph;
exports.startChild = startChild;
/**
 * Servers a benchmark measures run as child processes, so the load generator
 * (the benchmark's own process) never shares an event loop with them. Each is
 * started with the inspector on a free loopback port, so a benchmark can take
 * a CPU profile of exactly its measured window (bench/cpuProfile.ts), and is
 * stopped with SIGTERM, the way its own command expects.
 */
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const nodeFlags_1 = require("../cli/nodeFlags");
const interrupt_1 = require("./interrupt");
const DIST = node_path_1.default.join(__dirname, '..');
/**
 * A `servicegraph` command (`cli/main.js`) as a child, with the Node flags it
 * has everywhere else (npm start, the bin, Docker; cli/nodeFlags.ts), given
 * as NODE_OPTIONS.
 */
function startServicegraph(options) {
    return startChild({ ...options, script: 'cli/main.js', env: { NODE_OPTIONS: (0, nodeFlags_1.withNodeFlags)(process.env.NODE_OPTIONS), ...options.env } });
}
function startChild(options) {
    const child = (0, node_child_process_1.spawn)(process.execPath, ['--inspect=127.0.0.1:0', node_path_1.default.join(DIST, options.script), ...options.args], {
        env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let inspectorUrl = '';
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            forget();
            child.kill('SIGKILL');
            reject(new Error(`${options.name} was not ready within ${(options.readyTimeoutMs ?? 60_000) / 1000} s: ${out}${err}`));
        }, options.readyTimeoutMs ?? 60_000);
        const check = () => {
            if (inspectorUrl && out.includes(options.readyText)) {
                clearTimeout(timer);
                child.removeAllListeners('exit');
                child.once('exit', (code, signal) => {
                    if (!stopping)
                        process.stderr.write(`bench: ${options.name} (pid ${child.pid}) exited by itself with ${code ?? signal}\n`);
                });
                resolve(handle);
            }
        };
        let stopping = false;
        // From its start: an interrupt while it gets ready stops it too.
        const forget = (0, interrupt_1.stopOnInterrupt)(() => handle.stop());
        const handle = {
            pid: child.pid,
            get inspectorUrl() { return inspectorUrl; },
            stdout: () => out,
            async stop() {
                forget();
                if (child.exitCode !== null || child.signalCode !== null)
                    return;
                stopping = true;
                await new Promise((done) => {
                    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
                    child.once('exit', () => { clearTimeout(kill); done(); });
                    child.kill('SIGTERM');
                });
            },
        };
        child.stdout.on('data', (chunk) => {
            out += chunk.toString();
            check();
        });
        child.stderr.on('data', (chunk) => {
            const text = chunk.toString();
            err += text;
            const found = /Debugger listening on (ws:\/\/\S+)/.exec(err);
            if (found && !inspectorUrl)
                inspectorUrl = found[1];
            // The inspector's own notices are noise; anything else the child says is shown.
            const rest = text.split('\n').filter((line) => line && !/Debugger listening|For help, see: https:\/\/nodejs.org\/en\/docs\/inspector|Debugger attached|Waiting for the debugger/.test(line));
            if (rest.length > 0)
                process.stderr.write(rest.map((line) => `[${options.name}] ${line}\n`).join(''));
            check();
        });
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            forget();
            reject(new Error(`${options.name} exited with ${code ?? signal} before it was ready: ${out}${err}`));
        });
    });
}
//# sourceMappingURL=childProcess.js.map