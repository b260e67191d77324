"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.stopOnInterrupt = stopOnInterrupt;
exports.stopAllOnInterrupt = stopAllOnInterrupt;
/**
 * What a benchmark started and has to stop even when it is interrupted
 * (Ctrl-C, SIGTERM): its child servers and its embedded Postgres. Without
 * this, a benchmark stopped by a signal left them running, on their ports
 * and in their temp directories.
 */
const stops = new Set();
/** Registers `stop` to run on an interrupt; the returned function unregisters it (once stopped normally). */
function stopOnInterrupt(stop) {
    stops.add(stop);
    return () => stops.delete(stop);
}
/**
 * On SIGINT or SIGTERM: runs every registered stop (together, each at most
 * its own way: a child gets SIGTERM, then SIGKILL), then exits with the
 * signal's status (130 or 143).
 */
function stopAllOnInterrupt() {
    for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]]) {
        process.once(signal, () => {
            process.stderr.write(`bench: ${signal}: stopping ${stops.size} server(s) this benchmark started\n`);
            void Promise.allSettled([...stops].map((stop) => stop())).then(() => process.exit(status));
        });
    }
}
//# sourceMappingURL=interrupt.js.map