"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const childProcess_1 = require("../../bench/childProcess");
const cpuProfile_1 = require("../../bench/cpuProfile");
/** A profile of three nodes under the root: `work` in a script, `other` in another, and the idle node. */
function profileOf(samples, timeDeltas) {
    const frame = (functionName, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
    return {
        nodes: [
            { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
            { id: 2, callFrame: frame('work', 'file:///app/dist/listeners/work.js') },
            { id: 3, callFrame: frame('other', 'file:///app/dist/ingest/other.js') },
            { id: 4, callFrame: frame('(idle)') },
        ],
        startTime: 0,
        endTime: timeDeltas.reduce((sum, delta) => sum + delta, 0),
        samples,
        timeDeltas,
    };
}
(0, node_test_1.describe)('a CPU profile summarized', () => {
    (0, node_test_1.it)('shares busy time by function in proportion to the time each sample stands for', () => {
        const summary = (0, cpuProfile_1.summarize)(profileOf([2, 2, 2, 3, 4, 4], [500, 500, 500, 500, 500, 500]));
        strict_1.default.equal(summary.busy, 4 / 6);
        strict_1.default.deepEqual(summary.functions.map((f) => [f.fn.split(' ')[0], f.share]), [['work', 0.75], ['other', 0.25]]);
    });
    (0, node_test_1.it)('lets no sample stand for more than a few sampling intervals: one after the profiler waited for a core does not take the profile', () => {
        // `other` is sampled once, after a 400 ms wait; `work` 20 times at the 500 µs interval.
        const samples = [...Array(20).fill(2), 3];
        const deltas = [...Array(20).fill(500), 400_000];
        const summary = (0, cpuProfile_1.summarize)(profileOf(samples, deltas));
        const other = summary.functions.find((f) => f.fn.startsWith('other'));
        strict_1.default.equal(other.share, 2000 / (20 * 500 + 2000), 'at most 4 intervals');
        strict_1.default.equal(summary.busy, 1);
    });
});
(0, node_test_1.describe)("profiles of a child process's worker threads", () => {
    (0, node_test_1.it)('profiles each worker thread through the main thread\'s inspector, named after its script', async () => {
        const child = await (0, childProcess_1.startChild)({ script: 'test/fixtures/busyWorker.js', args: [], readyText: 'ready', name: 'busy worker' });
        try {
            const stop = await (0, cpuProfile_1.startWorkerProfiles)(child.inspectorUrl);
            await new Promise((resolve) => setTimeout(resolve, 400));
            const profiles = await stop();
            strict_1.default.deepEqual(profiles.map((p) => p.thread), ['busyWorker.js']);
            const [{ summary }] = profiles;
            strict_1.default.ok(summary.busy > 0.5, `the worker was on CPU ${summary.busy} of the time`);
            // The busy loop (inlined into its caller, so named after the script rather than the function) takes the profile.
            strict_1.default.match(summary.functions[0].fn, /test\/fixtures\/busyWorker\.js/);
        }
        finally {
            await child.stop();
        }
    });
});
//# sourceMappingURL=bench.cpuProfile.unit.test.js.map