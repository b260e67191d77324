"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pruneOldestRows = pruneOldestRows;
exports.startRetention = startRetention;
/**
 * Deletes the rows of `target` older than `retentionSeconds`, oldest first.
 * Each chunk looks at the next `chunkSize` ids from the oldest row, so it
 * never scans the young part of the table; a chunk that deletes nothing means
 * the oldest row left is young enough.
 */
async function pruneOldestRows(pool, target, retentionSeconds, chunkSize = 10_000) {
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1)
        throw new RangeError(`chunkSize: expected an integer >= 1, got ${String(chunkSize)}`);
    const { table, id, time } = target;
    let deleted = 0;
    let chunks = 0;
    for (;;) {
        const result = await pool.query(`WITH oldest AS (SELECT ${id} FROM ${table} ORDER BY ${id} LIMIT 1)
       DELETE FROM ${table}
       WHERE ${id} >= (SELECT ${id} FROM oldest)
         AND ${id} < (SELECT ${id} FROM oldest) + $2::bigint
         AND ${time} < now() - make_interval(secs => $1::double precision)`, [retentionSeconds, chunkSize]);
        chunks += 1;
        const count = result.rowCount ?? 0;
        deleted += count;
        if (count === 0)
            return { deleted, chunks };
    }
}
/** Prunes now and then every `intervalMs`; a failed prune is reported and retried at the next tick. */
function startRetention(options) {
    let running;
    let stopped = false;
    const prune = () => {
        if (running || stopped)
            return;
        running = options.prune()
            .then((result) => {
            if (result.deleted > 0)
                options.onPruned?.(result);
        })
            .catch((error) => {
            if (!stopped)
                options.onError?.(error);
        })
            .finally(() => {
            running = undefined;
        });
    };
    const timer = setInterval(prune, options.intervalMs);
    // Pruning must not keep a process alive that has nothing else to do.
    timer.unref();
    prune();
    return {
        async stop() {
            stopped = true;
            clearInterval(timer);
            await running;
        },
    };
}
//# sourceMappingURL=retention.js.map