"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.runHistoryBenchmark = runHistoryBenchmark;
/**
 * `npm run bench -- history [--small 10000] [--large 300000] [--repeat 3] [--seconds 3] [--seq-seconds 3] [--connections 50]`
 *
 * Does history slow the dashboard down? The project page (bench/queryOperations.ts)
 * through the gateway of two hubs side by side on one Postgres server: one
 * that has absorbed a small firm's events, one a large firm's (the default
 * 300,000 keeps the run within a few minutes; `--large 1000000` is the
 * million-event size and loads for about two minutes more). Figures are running
 * totals on one row per project, so the ratio large ÷ small should be near 1.
 * Each side is measured twice: uncached (every request sends `Cache-Control:
 * no-cache`, so it is executed: the figure the history goal is about) and
 * from the response cache (the page polled while the read model is unchanged).
 * Beside the page, uncached only, the figures over time: the subject project's
 * last 12 months (`Project.months`) and `receivablesAging` as of today, both
 * read from small running aggregates, so their ratio should be near 1 too.
 */
const node_http_1 = __importDefault(require("node:http"));
const node_util_1 = require("node:util");
const pg_1 = __importDefault(require("pg"));
const cpuUsage_1 = require("./cpuUsage");
const http_1 = require("./http");
const hubProcess_1 = require("./hubProcess");
const latency_1 = require("./latency");
const loadFirm_1 = require("./loadFirm");
const queryOperations_1 = require("./queryOperations");
const report_1 = require("./report");
const server_1 = require("./server");
const OVER_TIME = ['Project.months (12 months)', 'receivablesAging'];
/** The request body of a figures-over-time operation on one side. */
function overTimeBody(operation, side) {
    return operation === 'receivablesAging'
        ? (0, http_1.graphqlBody)(queryOperations_1.RECEIVABLES_AGING, {})
        : (0, http_1.graphqlBody)(queryOperations_1.PROJECT_MONTHS, { id: side.projectIds[0], from: side.months.from, to: side.months.to });
}
const MODES = {
    uncached: { headers: latency_1.NO_CACHE, cache: 'pass', label: 'uncached (Cache-Control: no-cache)' },
    cached: { headers: {}, cache: 'hit', label: 'response cache (read model unchanged)' },
};
async function runHistoryBenchmark(argv) {
    const { values } = (0, node_util_1.parseArgs)({
        args: argv,
        options: {
            small: { type: 'string', default: '10000' }, large: { type: 'string', default: '300000' }, repeat: { type: 'string', default: '3' },
            seconds: { type: 'string', default: '3' }, 'seq-seconds': { type: 'string', default: '3' }, connections: { type: 'string', default: '50' },
        },
    });
    const repeat = Number(values.repeat);
    const connections = Number(values.connections);
    const load = (0, report_1.loadLine)();
    const server = await (0, server_1.benchServer)();
    const sides = [];
    try {
        for (const [label, size] of [['small', Number(values.small)], ['large', Number(values.large)]]) {
            const hub = await (0, hubProcess_1.startBenchHub)(server.url, { gateway: true });
            sides.push({
                label, hub, events: 0, loadSeconds: 0, projectIds: [], history: undefined, samples: { uncached: [], cached: [] },
                months: { from: '', to: '' }, overTime: { 'Project.months (12 months)': [], receivablesAging: [] },
            });
            process.stderr.write(`history: loading the ${label} firm (about ${size} events)...\n`);
            const loaded = await (0, loadFirm_1.loadFirmCounted)(hub.ingestUrl, (0, loadFirm_1.benchFirmStream)(size), label);
            const pool = new pg_1.default.Pool({ connectionString: hub.databaseUrl, max: 1 });
            try {
                await pool.query('VACUUM ANALYZE');
                const top = await pool.query(`SELECT project_id AS id, count(*)::int AS n FROM billing.invoice GROUP BY project_id ORDER BY n DESC, project_id LIMIT 1`);
                const counts = await pool.query(`SELECT (SELECT count(*) FROM project.project)::int AS projects, (SELECT count(*) FROM project.time_entry)::int AS time_entries,
          (SELECT count(*) FROM billing.invoice)::int AS invoices, (SELECT count(*) FROM project.time_entry WHERE project_id = $1)::int AS subject_time_entries`, [top.rows[0].id]);
                const side = sides.at(-1);
                side.events = loaded.events;
                side.loadSeconds = loaded.seconds;
                side.projectIds = top.rows.map((r) => r.id);
                side.history = {
                    projects: counts.rows[0].projects, timeEntries: counts.rows[0].time_entries, invoices: counts.rows[0].invoices,
                    subjectInvoices: top.rows[0].n, subjectTimeEntries: counts.rows[0].subject_time_entries,
                };
            }
            finally {
                await pool.end();
            }
        }
        // The same page on both sides: a project with as many invoices (the page lists up to 10) in each.
        const invoices = Math.min(...sides.map((s) => s.history.subjectInvoices));
        for (const side of sides) {
            const pool = new pg_1.default.Pool({ connectionString: side.hub.databaseUrl, max: 1 });
            try {
                const { rows } = await pool.query(`SELECT i.project_id AS id, (SELECT count(*) FROM project.time_entry t WHERE t.project_id = i.project_id)::int AS entries
          FROM billing.invoice i GROUP BY i.project_id HAVING count(*) = $1 ORDER BY entries DESC, i.project_id LIMIT 1`, [invoices]);
                side.projectIds = [rows[0].id];
                side.history = { ...side.history, subjectInvoices: invoices, subjectTimeEntries: rows[0].entries };
                // Twelve months ending with the project's last month with a figure.
                const last = (await pool.query(`SELECT max(month) AS month FROM project.project_month WHERE project_id = $1`, [rows[0].id])).rows[0].month;
                const [year, month] = last.split('-').map(Number);
                const first = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 7);
                side.months = { from: first, to: last };
            }
            finally {
                await pool.end();
            }
        }
        const agent = new node_http_1.default.Agent({ keepAlive: true, maxSockets: 1 });
        for (let round = 1; round <= repeat; round++) {
            for (const side of sides) {
                for (const mode of Object.keys(MODES)) {
                    const { headers, cache } = MODES[mode];
                    const bodies = side.projectIds.map((id) => (0, http_1.graphqlBody)(queryOperations_1.PROJECT_PAGE, { id }));
                    let warm = false;
                    const seq = await (0, latency_1.sequential)(async () => {
                        const answer = await (0, http_1.request)(agent, side.hub.graphqlUrl, 'POST', bodies[0], undefined, headers);
                        if (answer.status !== 200 || answer.body.includes('"errors"'))
                            throw new Error(`project page answered ${answer.status}: ${answer.body.slice(0, 300)}`);
                        // The first request of a cached run may fill the cache; every later one must be what the mode measures.
                        if (warm && answer.headers[latency_1.CACHE_HEADER] !== cache)
                            throw new Error(`project page ${mode}: expected ${latency_1.CACHE_HEADER}: ${cache}, got ${answer.headers[latency_1.CACHE_HEADER]}`);
                        warm = true;
                    }, Number(values['seq-seconds']), 5000);
                    const window = (0, cpuUsage_1.cpuWindow)({ [`hub (${side.label})`]: side.hub.pid });
                    const thr = await (0, latency_1.httpThroughput)(side.hub.graphqlUrl, bodies, connections, Number(values.seconds), headers);
                    side.samples[mode].push({ seq, thr, cpu: window() });
                    process.stderr.write(`round ${round} ${side.label} ${mode}: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms, ${Math.round(thr.requestsPerSecond)} req/s\n`);
                }
                for (const operation of OVER_TIME) {
                    const body = overTimeBody(operation, side);
                    const seq = await (0, latency_1.sequential)(async () => {
                        const answer = await (0, http_1.request)(agent, side.hub.graphqlUrl, 'POST', body, undefined, latency_1.NO_CACHE);
                        if (answer.status !== 200 || answer.body.includes('"errors"'))
                            throw new Error(`${operation} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
                    }, Number(values['seq-seconds']), 5000);
                    const thr = await (0, latency_1.httpThroughput)(side.hub.graphqlUrl, [body], connections, Number(values.seconds), latency_1.NO_CACHE);
                    side.overTime[operation].push({ seq, thr });
                    process.stderr.write(`round ${round} ${side.label} ${operation}: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms, ${Math.round(thr.requestsPerSecond)} req/s\n`);
                }
            }
        }
    }
    finally {
        for (const side of sides)
            await side.hub.stop();
        await server.stop();
    }
    const [small, large] = sides;
    const m = (side, mode, f) => (0, report_1.median)(side.samples[mode].map(f));
    const lines = [
        `- Postgres: ${server.description}; two hubs (\`servicegraph start\`, gateway in process), each in its own process on its own database of the same server, ` +
            `both up during the whole measurement, measured in turn, ${repeat} rounds; on each side the project page of a project with the same number of invoices ` +
            `(the most both sides have; of those, the one with the most time entries), by one sequential client and by ${connections} connections (autocannon; ` +
            `servicegraph does not deduplicate identical requests), each way: ${MODES.uncached.label} and ${MODES.cached.label}. Figures: median of the rounds (min–max).`,
        load,
        '',
        `| history | events applied (load s) | projects / time entries / invoices | subject: time entries / invoices | requests | sequential p50 ms | p99 ms | req/s at ${connections} |`,
        '|---|---|---|---|---|---|---|---|',
        ...sides.flatMap((s) => Object.keys(MODES).map((mode) => `| ${s.label} | ${s.events} (${s.loadSeconds.toFixed(0)}) | ${s.history.projects} / ${s.history.timeEntries} / ${s.history.invoices} | ` +
            `${s.history.subjectTimeEntries} / ${s.history.subjectInvoices} | ${MODES[mode].label} | ${(0, report_1.medianSpread)(s.samples[mode].map((x) => x.seq.p50), 2)} | ` +
            `${(0, report_1.medianSpread)(s.samples[mode].map((x) => x.seq.p99), 2)} | ${(0, report_1.medianSpread)(s.samples[mode].map((x) => x.thr.requestsPerSecond), 0)} |`)),
        '',
        ...Object.keys(MODES).map((mode) => `- **ratio large ÷ small, ${MODES[mode].label}**: p50 ${(m(large, mode, (s) => s.seq.p50) / m(small, mode, (s) => s.seq.p50)).toFixed(2)}, ` +
            `p99 ${(m(large, mode, (s) => s.seq.p99) / m(small, mode, (s) => s.seq.p99)).toFixed(2)}, ` +
            `req/s ${(m(small, mode, (s) => s.thr.requestsPerSecond) / m(large, mode, (s) => s.thr.requestsPerSecond)).toFixed(2)} (small ÷ large)`),
        ...sides.flatMap((s) => Object.keys(MODES).map((mode) => (0, cpuUsage_1.cpuLine)(`${connections} connections on the ${s.label} hub, ${MODES[mode].label} (last round)`, s.samples[mode].at(-1).cpu))),
    ];
    const o = (side, operation, f) => (0, report_1.median)(side.overTime[operation].map(f));
    lines.push('', `| figures over time, uncached | history | months asked | sequential p50 ms | p99 ms | req/s at ${connections} |`, '|---|---|---|---|---|---|', ...OVER_TIME.flatMap((operation) => sides.map((s) => `| ${operation} | ${s.label} (${s.events} events) | ` +
        `${operation === 'receivablesAging' ? '— (as of today)' : `${s.months.from} to ${s.months.to}`} | ${(0, report_1.medianSpread)(s.overTime[operation].map((x) => x.seq.p50), 2)} | ` +
        `${(0, report_1.medianSpread)(s.overTime[operation].map((x) => x.seq.p99), 2)} | ${(0, report_1.medianSpread)(s.overTime[operation].map((x) => x.thr.requestsPerSecond), 0)} |`)), '', ...OVER_TIME.map((operation) => `- **ratio large ÷ small, ${operation}**: p50 ${(o(large, operation, (x) => x.seq.p50) / o(small, operation, (x) => x.seq.p50)).toFixed(2)}, ` +
        `p99 ${(o(large, operation, (x) => x.seq.p99) / o(small, operation, (x) => x.seq.p99)).toFixed(2)}, ` +
        `req/s ${(o(small, operation, (x) => x.thr.requestsPerSecond) / o(large, operation, (x) => x.thr.requestsPerSecond)).toFixed(2)} (small ÷ large)`));
    const modes = Object.keys(MODES);
    const busiest = large.samples.uncached.at(-1).cpu;
    (0, report_1.report)({
        benchmark: 'history',
        variant: `${small.events} vs ${large.events} events`,
        about: 'The project page of a project with the same number of invoices on two hubs, one with a short history behind it and one ' +
            'with a long one, measured in turn: what a long event log costs a dashboard query (the goal is a ratio near 1).',
        command: `npm run bench -- history ${argv.join(' ')}`.trim(),
        rows: modes.flatMap((mode) => [
            {
                figure: `project page p50, ${large.events} events, ${MODES[mode].label}`, value: m(large, mode, (x) => x.seq.p50), unit: 'ms',
                reference: { name: `the same with ${small.events} events`, value: m(small, mode, (x) => x.seq.p50), unit: 'ms' },
                ratio: m(large, mode, (x) => x.seq.p50) / m(small, mode, (x) => x.seq.p50), ratioMeaning: 'the short history',
            },
            {
                figure: `project page p99, ${large.events} events, ${MODES[mode].label}`, value: m(large, mode, (x) => x.seq.p99), unit: 'ms',
                reference: { name: `the same with ${small.events} events`, value: m(small, mode, (x) => x.seq.p99), unit: 'ms' },
                ratio: m(large, mode, (x) => x.seq.p99) / m(small, mode, (x) => x.seq.p99), ratioMeaning: 'the short history',
            },
        ]).concat(OVER_TIME.map((operation) => ({
            figure: `${operation} p50, ${large.events} events, uncached`, value: o(large, operation, (x) => x.seq.p50), unit: 'ms',
            reference: { name: `the same with ${small.events} events`, value: o(small, operation, (x) => x.seq.p50), unit: 'ms' },
            ratio: o(large, operation, (x) => x.seq.p50) / o(small, operation, (x) => x.seq.p50), ratioMeaning: 'the short history',
        }))),
        bounds: `the page reads a fixed number of rows whatever the history (running totals on the project row); ` +
            (0, cpuUsage_1.cpuLine)(`${connections} connections on the large hub, uncached (last round)`, busiest).replace(/^- /, ''),
        details: lines,
    });
}
//# sourceMappingURL=history.js.map