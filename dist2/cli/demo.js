"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runDemo = runDemo;
/**
 * `servicegraph demo`: the running hub fed by the simulated firm at a steady
 * pace, so its figures move while you watch. The firm is seeded: running the
 * demo again re-sends the same events, which the hub acknowledges as duplicates.
 */
const cli_1 = require("../simulator/cli");
const DEFAULT_RATE = '50';
async function runDemo(hub, argv, log) {
    const args = [...argv];
    if (!args.includes('--rate'))
        args.push('--rate', DEFAULT_RATE);
    if (!args.includes('--batch'))
        args.push('--batch', '25');
    log.info(`demo: feeding the simulated firm to ${hub.ingestUrl}/events (${args.join(' ')})`);
    const code = await (0, cli_1.runSimulateCommand)(['--url', `${hub.ingestUrl}/events`, ...args]);
    log.info(code === 0 ? 'demo: the simulated firm has been delivered; the hub keeps running' : `demo: the simulator stopped with code ${code}`);
}
//# sourceMappingURL=demo.js.map