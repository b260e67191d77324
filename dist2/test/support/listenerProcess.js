"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * A listener process on its own, for tests that kill it: applies the event
 * log of DATABASE_URL until killed. Prints "ready" once listening.
 */
const runner_1 = require("../../listeners/runner");
async function main() {
    const url = process.env.DATABASE_URL;
    if (!url)
        throw new Error('DATABASE_URL expected');
    // The runner's own pipelined connections, as the hub runs it.
    const runner = await (0, runner_1.startListeners)({
        databaseUrl: url, batchSize: Number(process.env.LISTENER_BATCH_SIZE ?? 50), pollMs: 20,
        onError: (error) => process.stderr.write(`listener: ${String(error)}\n`),
    });
    process.stdout.write('ready\n');
    process.once('SIGTERM', () => void runner.stop().then(() => process.exit(0)));
}
main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=listenerProcess.js.map