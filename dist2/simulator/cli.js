"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SIMULATE_USAGE = void 0;
exports.runSimulateCommand = runSimulateCommand;
/**
 * `servicegraph simulate`: generate the simulated firm, deliver it in a mode,
 * post it to a running hub, and optionally print the oracle's expected figures.
 * Exported for cli/ to call; it parses its own options.
 */
const node_util_1 = require("node:util");
const delivery_1 = require("./delivery");
const firm_1 = require("./firm");
const oracle_1 = require("./oracle");
const post_1 = require("./post");
exports.SIMULATE_USAGE = `usage: servicegraph simulate [options]

Generates a seeded, realistic professional-services firm (CRM, PSA, billing, ERP
events) and posts it to the hub's ingest endpoint.

options:
  --seed S            names the firm: same seed, same events (default 1)
  --events N          approximate number of events to generate (default ~2600)
  --scale X           size of the firm instead of --events (1 ≈ 2600 events)
  --months M          months of work (default grows with the size, at least 2)
  --mode M            ${delivery_1.DELIVERY_MODES.join(' | ')} (default in-order)
  --window N          shuffled: events held at once (default all); interleaved: largest
                      lag of a source; duplicates: how far a copy may trail (default 2000)
  --url URL           ingest endpoint (default http://127.0.0.1:4010/events)
  --batch N           events per request, at most 1000 (default 500)
  --concurrency N     requests in flight (default 1; ordered delivery needs 1)
  --rate N            events per second to keep to (default: as fast as the hub answers)
  --illegal           append a few events that break a lifecycle rule
  --print-oracle      write the expected figures (JSON) to stdout
  --no-post           do not post (e.g. only --print-oracle)
  --quiet             no progress lines
  --help              this text
`;
class UsageError extends Error {
}
function number(name, text, check, expected) {
    if (text === undefined)
        return undefined;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || !check(n))
        throw new UsageError(`--${name} expects ${expected}, but got "${text}"`);
    return n;
}
const positiveInteger = (n) => Number.isInteger(n) && n >= 1;
function parse(argv) {
    let parsed;
    try {
        parsed = (0, node_util_1.parseArgs)({
            args: [...argv],
            strict: true,
            allowPositionals: false,
            options: {
                seed: { type: 'string' },
                events: { type: 'string' },
                scale: { type: 'string' },
                months: { type: 'string' },
                mode: { type: 'string' },
                window: { type: 'string' },
                url: { type: 'string' },
                batch: { type: 'string' },
                concurrency: { type: 'string' },
                rate: { type: 'string' },
                illegal: { type: 'boolean' },
                'print-oracle': { type: 'boolean' },
                'no-post': { type: 'boolean' },
                quiet: { type: 'boolean' },
                help: { type: 'boolean' },
            },
        });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    const v = parsed.values;
    if (v.help)
        return 'help';
    const mode = v.mode ?? 'in-order';
    if (!(0, delivery_1.isDeliveryMode)(mode))
        throw new UsageError(`--mode expects one of ${delivery_1.DELIVERY_MODES.join('|')}, but got "${mode}"`);
    if (v.events !== undefined && v.scale !== undefined)
        throw new UsageError('--events and --scale both size the firm: give one of them');
    const events = number('events', v.events, positiveInteger, 'a positive integer');
    const scale = number('scale', v.scale, (n) => n > 0, 'a positive number') ?? (events !== undefined ? (0, firm_1.scaleForEvents)(events) : 1);
    const url = v.url ?? 'http://127.0.0.1:4010/events';
    try {
        new URL(url);
    }
    catch {
        throw new UsageError(`--url expects an absolute http URL, but got "${url}"`);
    }
    const seedText = v.seed ?? '1';
    const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
    return {
        firm: {
            seed,
            scale,
            months: number('months', v.months, (n) => Number.isInteger(n) && n >= 2 && n <= 120, 'an integer from 2 to 120'),
            illegal: v.illegal ?? false,
        },
        mode,
        window: number('window', v.window, positiveInteger, 'a positive integer'),
        url,
        batch: number('batch', v.batch, (n) => positiveInteger(n) && n <= 1000, 'an integer from 1 to 1000') ?? 500,
        concurrency: number('concurrency', v.concurrency, positiveInteger, 'a positive integer') ?? 1,
        rate: number('rate', v.rate, (n) => n > 0, 'a positive number of events per second'),
        printOracle: v['print-oracle'] ?? false,
        post: !(v['no-post'] ?? false),
        quiet: v.quiet ?? false,
    };
}
/**
 * Runs `servicegraph simulate` with the arguments after the command name.
 * Resolves to the exit code: 0 done, 1 the hub refused or rejected events, 2 bad arguments.
 */
async function runSimulateCommand(argv, io = process) {
    let args;
    try {
        args = parse(argv);
    }
    catch (error) {
        if (!(error instanceof UsageError))
            throw error;
        io.stderr.write(`simulate: ${error.message}\n\n${exports.SIMULATE_USAGE}`);
        return 2;
    }
    if (args === 'help') {
        io.stdout.write(exports.SIMULATE_USAGE);
        return 0;
    }
    const a = args;
    const size = (0, firm_1.firmSize)(a.firm);
    const log = (line) => {
        if (!a.quiet)
            io.stderr.write(`${line}\n`);
    };
    log(`simulate: firm seed ${String(a.firm.seed)}, ${size.consultants} consultants over ${size.months} months, delivered ${a.mode}`);
    // The oracle reads the firm in business order, as the delivery pulls it.
    const oracle = a.printOracle ? new oracle_1.Oracle({ unique: true }) : undefined;
    const tapped = function* () {
        for (const event of (0, firm_1.firmEvents)(a.firm)) {
            oracle?.apply(event);
            yield event;
        }
    };
    const delivery = () => (0, delivery_1.deliver)(tapped(), { mode: a.mode, seed: a.firm.seed, window: a.window });
    let code = 0;
    if (a.post) {
        // a quick first pass counts the delivery, so progress can show how far along it is
        let total;
        if (!a.quiet) {
            total = 0;
            for (const _ of (0, delivery_1.deliver)((0, firm_1.firmEvents)(a.firm), { mode: a.mode, seed: a.firm.seed, window: a.window }))
                total++;
        }
        try {
            const summary = await (0, post_1.postEvents)(delivery(), {
                url: a.url, batchSize: a.batch, concurrency: a.concurrency, rate: a.rate, total,
                progress: a.quiet ? false : (line) => io.stderr.write(`${line}\n`),
            });
            log(`simulate: posted ${summary.sent} events in ${summary.requests} requests, ${summary.seconds.toFixed(1)} s ` +
                `(${Math.round(summary.sent / Math.max(summary.seconds, 0.001))} events/s): ` +
                `${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.rejected} rejected`);
            if (summary.rejected > 0) {
                io.stderr.write(`simulate: the hub rejected ${summary.rejected} events; the first ones:\n`);
                for (const r of summary.rejections)
                    io.stderr.write(`  ${r.source} ${r.id}: ${JSON.stringify(r.errors ?? [])}\n`);
                code = 1;
            }
        }
        catch (error) {
            if (error instanceof post_1.PostError || isConnectionError(error)) {
                io.stderr.write(`simulate: ${describe(error, a.url)}\n`);
                return 1;
            }
            throw error;
        }
    }
    else if (oracle) {
        for (const _ of delivery()) {
            // the delivery pulls the firm through the oracle
        }
    }
    if (oracle)
        io.stdout.write(`${JSON.stringify(oracle.figures(), null, 2)}\n`);
    return code;
}
function isConnectionError(error) {
    return error instanceof TypeError && /fetch failed/i.test(error.message);
}
function describe(error, url) {
    if (error instanceof post_1.PostError)
        return error.message;
    const cause = error.cause;
    return `could not reach ${url}: ${cause?.code ?? cause?.message ?? String(error)} (is the hub running? servicegraph start)`;
}
//# sourceMappingURL=cli.js.map