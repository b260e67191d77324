"use strict";
/**
 * Coalesced reads that are never older than the caller: concurrent callers
 * share one run of a read, and each caller gets the result of a run that
 * STARTED after its call. A caller arriving while a run is in flight waits for
 * the next run, which starts when the current one ends and serves everyone
 * who arrived in the meantime — so at 50 concurrent requests one statement
 * serves many of them, and none can be answered from a read taken before it
 * arrived (what read-your-writes needs: a client that saw its events applied
 * and then asks must see at least that state).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.freshReads = freshReads;
/** Wraps `read` so that concurrent callers share its runs, each getting a run that started after its call. */
function freshReads(read) {
    let inFlight;
    let queued;
    let started = 0;
    const launch = () => {
        const sequence = ++started;
        const run = read()
            .then((value) => ({ value, sequence }))
            .finally(() => {
            if (inFlight === run)
                inFlight = undefined;
        });
        inFlight = run;
        return run;
    };
    return () => {
        // A next run not started yet starts after this call: join it.
        if (queued !== undefined)
            return queued;
        if (inFlight === undefined)
            return launch();
        // The run in flight may have started before this call: wait for the next one.
        queued = inFlight.then(noop, noop).then(() => {
            queued = undefined;
            return launch();
        });
        return queued;
    };
}
function noop() { }
//# sourceMappingURL=freshReads.js.map