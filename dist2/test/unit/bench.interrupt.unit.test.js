"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
function isRunning(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
(0, node_test_1.describe)('a benchmark stopped by a signal', () => {
    (0, node_test_1.it)('stops the child servers it started before it exits', async () => {
        const bench = (0, node_child_process_1.spawn)(process.execPath, [node_path_1.default.join(__dirname, '..', 'fixtures', 'benchWithChild.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
        const childPid = await new Promise((resolve, reject) => {
            let out = '';
            bench.stdout.on('data', (chunk) => {
                out += chunk.toString();
                const found = /child (\d+)/.exec(out);
                if (found)
                    resolve(Number(found[1]));
            });
            bench.once('exit', (code) => reject(new Error(`the benchmark exited with ${code} before its child was ready`)));
        });
        strict_1.default.ok(isRunning(childPid));
        const exited = new Promise((resolve) => bench.once('exit', (code) => resolve(code)));
        bench.kill('SIGTERM');
        strict_1.default.equal(await exited, 143);
        // The child has exited before the benchmark did (its stop waits for the exit).
        strict_1.default.equal(isRunning(childPid), false, `child ${childPid} still runs`);
    });
});
//# sourceMappingURL=bench.interrupt.unit.test.js.map