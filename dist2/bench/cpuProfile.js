"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startSelfProfile = startSelfProfile;
exports.startProfile = startProfile;
exports.startWorkerProfiles = startWorkerProfiles;
exports.summarize = summarize;
exports.profileLines = profileLines;
/**
 * What bounds a figure, measured: a CPU profile of a child process over
 * exactly the measured window (through its inspector, bench/childProcess.ts),
 * summarized as self time by area (a package under node_modules, a folder of
 * servicegraph, Node's internals, GC) and by function.
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_inspector_1 = __importDefault(require("node:inspector"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const inspector_1 = require("./inspector");
/** Starts the sampling profiler of one thread's session; the returned function stops it and gives the profile. */
async function startProfiler(call, samplingMicros) {
    await call('Profiler.enable');
    await call('Profiler.setSamplingInterval', { interval: samplingMicros });
    await call('Profiler.start');
    return async () => (await call('Profiler.stop')).profile;
}
/** Starts the profiler in this very process (for work the benchmark runs itself, e.g. a rebuild); the returned function stops it and summarizes. */
async function startSelfProfile(samplingMicros = 500) {
    const session = new node_inspector_1.default.Session();
    session.connect();
    const call = (method, params = {}) => new Promise((resolve, reject) => {
        session.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
    });
    const stop = await startProfiler(call, samplingMicros);
    return async () => {
        const profile = await stop();
        session.disconnect();
        // The session's own dispatch (collecting the profile in this thread) is not the work measured.
        return saved(summarize(profile, (frame) => frame.functionName === 'dispatch' && frame.url === ''), profile);
    };
}
function saved(summary, profile, label = '') {
    const dir = node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-bench-profiles');
    node_fs_1.default.mkdirSync(dir, { recursive: true });
    summary.file = node_path_1.default.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}${label ? `-${label}` : ''}.cpuprofile`);
    node_fs_1.default.writeFileSync(summary.file, JSON.stringify(profile));
    return summary;
}
/** Starts the profiler in the process behind `inspectorUrl`; the returned function stops it and summarizes. */
async function startProfile(inspectorUrl, samplingMicros = 500) {
    const session = await (0, inspector_1.inspect)(inspectorUrl);
    const stop = await startProfiler(session.call, samplingMicros);
    return async () => {
        const profile = await stop();
        await session.call('Profiler.disable');
        await session.close();
        return saved(summarize(profile), profile);
    };
}
/**
 * Profiles every worker thread of the process behind `inspectorUrl` (through
 * the inspector's NodeWorker domain: one session per thread, its messages
 * carried by the main thread's session); the returned function stops them and
 * summarizes each, named after the thread's script (e.g. `ingestThread.js`).
 * The main thread is not profiled here ({@link startProfile} does that).
 */
async function startWorkerProfiles(inspectorUrl, samplingMicros = 500) {
    const session = await (0, inspector_1.inspect)(inspectorUrl);
    const workers = [];
    session.on('NodeWorker.attachedToWorker', (params) => {
        workers.push({ sessionId: params.sessionId, thread: node_path_1.default.basename(params.workerInfo.url || params.workerInfo.title) });
    });
    // Each thread already running is announced by an event on enable.
    await session.call('NodeWorker.enable', { waitForDebuggerOnStart: false });
    const started = [];
    for (const { sessionId, thread } of workers)
        started.push({ sessionId, thread, stop: await startProfiler((0, inspector_1.workerSession)(session, sessionId).call, samplingMicros) });
    return async () => {
        const summaries = [];
        for (const { sessionId, thread, stop } of started) {
            const profile = await stop();
            summaries.push({ thread, summary: saved(summarize(profile), profile, thread.replace(/\.js$/, '')) });
            await session.call('NodeWorker.detach', { sessionId });
        }
        await session.call('NodeWorker.disable');
        await session.close();
        return summaries;
    };
}
/** The most sampling intervals one sample stands for (see {@link summarize}). */
const SAMPLE_WEIGHT_CAP = 4;
function medianOf(values) {
    if (values.length === 0)
        return 0;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}
/** A profile's self time by area and function. */
function summarize(profile, ignore = () => false) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfMicros = new Map();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    // Each delta is the time before the sample; it is attributed to that sample's node, but at most a few
    // sampling intervals: on a saturated machine the profiler's thread waits for a core too, and one sample
    // after a long wait would otherwise carry hundreds of milliseconds it did not see.
    const cap = SAMPLE_WEIGHT_CAP * medianOf(deltas);
    let sampled = 0;
    for (let i = 0; i < samples.length; i++) {
        const micros = Math.min(deltas[i] ?? 0, cap);
        sampled += micros;
        selfMicros.set(samples[i], (selfMicros.get(samples[i]) ?? 0) + micros);
    }
    const parentOf = new Map();
    for (const node of profile.nodes)
        for (const child of node.children ?? [])
            parentOf.set(child, node.id);
    const nameOf = (node) => {
        const { functionName, url, lineNumber } = node.callFrame;
        return `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`.trim();
    };
    const areas = new Map();
    const functions = new Map();
    const callers = new Map();
    let busy = 0;
    for (const [id, micros] of selfMicros) {
        const node = byId.get(id);
        const { functionName, url, lineNumber } = node.callFrame;
        if (functionName === '(idle)' || ignore(node.callFrame))
            continue;
        busy += micros;
        const area = areaOf(functionName, url);
        areas.set(area, (areas.get(area) ?? 0) + micros);
        void lineNumber;
        const fn = nameOf(node);
        functions.set(fn, (functions.get(fn) ?? 0) + micros);
        // The nearest caller with a script behind it (natives and node internals say little on their own).
        let parent = parentOf.get(id);
        while (parent !== undefined && !/node_modules|\/dist\//.test(byId.get(parent).callFrame.url))
            parent = parentOf.get(parent);
        const caller = parent === undefined ? '(none)' : nameOf(byId.get(parent));
        const byCaller = callers.get(fn) ?? new Map();
        byCaller.set(caller, (byCaller.get(caller) ?? 0) + micros);
        callers.set(fn, byCaller);
    }
    const wall = profile.endTime - profile.startTime;
    const top = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, busy > 0 ? v / busy : 0]);
    return {
        seconds: wall / 1e6,
        busy: sampled > 0 ? busy / sampled : 0,
        areas: top(areas).map(([area, share]) => ({ area, share })),
        functions: top(functions).slice(0, 30).map(([fn, share]) => ({
            fn, share, callers: top(callers.get(fn)).slice(0, 3).map(([caller, s]) => ({ fn: caller, share: s })),
        })),
    };
}
function areaOf(functionName, url) {
    if (functionName === '(garbage collector)')
        return 'GC';
    if (functionName === '(program)')
        return 'V8/native (program)';
    if (!url)
        return `native: ${functionName || '(anonymous)'}`;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg)
        return pkg[1];
    if (url.startsWith('node:'))
        return 'node internals';
    const own = /\/dist\/([^/]+)\//.exec(url);
    if (own)
        return `servicegraph ${own[1]}/`;
    return url;
}
function shortUrl(url) {
    const pkg = /node_modules\/(.*)$/.exec(url);
    if (pkg)
        return pkg[1];
    const own = /\/dist\/(.*)$/.exec(url);
    if (own)
        return own[1];
    return url.replace(/^file:\/\//, '');
}
/** Report lines: busy share and the top areas and functions. */
function profileLines(label, summary, topAreas = 8, topFunctions = 8) {
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    return [
        `- CPU profile of ${label} over ${summary.seconds.toFixed(1)} s: on CPU ${pct(summary.busy)} of the time; self time by area: ` +
            summary.areas.slice(0, topAreas).map((a) => `${a.area} ${pct(a.share)}`).join(', '),
        `  - top functions (self): ${summary.functions.slice(0, topFunctions).map((f) => `\`${f.fn}\` ${pct(f.share)}`).join(', ')}`,
        ...summary.functions.slice(0, 3).filter((f) => !/node_modules|\/dist\//.test(f.fn) && !f.fn.includes('.js:')).map((f) => `  - \`${f.fn}\` is reached from: ${f.callers.map((c) => `\`${c.fn}\` ${pct(c.share)}`).join(', ')} (shares of all busy time)`),
        ...(summary.file ? [`  - raw profile: \`${summary.file}\` (not committed; open in Chrome DevTools)`] : []),
    ];
}
//# sourceMappingURL=cpuProfile.js.map