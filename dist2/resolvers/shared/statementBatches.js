"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StatementBatches = void 0;
exports.statementBatchesOf = statementBatchesOf;
/** A batch takes at most this many statements; the rest of the turn's go in a next batch (another connection), so Postgres can use more than one backend. */
const MAX_STATEMENTS_PER_BATCH = 16;
/**
 * Runs `query(config)` on `pool` in batches: every statement given in one
 * turn of the event loop (up to {@link MAX_STATEMENTS_PER_BATCH}) goes on one
 * connection checked out of the pool, written at once; the connection goes
 * back to the pool when all of them are answered. Each statement resolves or
 * rejects on its own. A connection that answered any statement with an error
 * is not reused (as `pool.query` does).
 */
class StatementBatches {
    constructor(pool) {
        this.pool = pool;
    }
    query(config) {
        return new Promise((resolve, reject) => {
            if (!this.open || this.open.length >= MAX_STATEMENTS_PER_BATCH) {
                const batch = [];
                this.open = batch;
                // After every microtask and nextTick of this turn: the DataLoaders of
                // every subgraph executing now have dispatched by then.
                setImmediate(() => {
                    if (this.open === batch)
                        this.open = undefined;
                    this.send(batch);
                });
            }
            this.open.push({ config, resolve, reject });
        });
    }
    send(batch) {
        this.pool.connect().then((client) => {
            const corkable = client;
            // pg reads `pipeline` (its documented client option) at every query:
            // a client of the pool answers one statement at a time until it is
            // held here, and then answers the statements written behind each other.
            corkable.pipeline = true;
            let unanswered = batch.length;
            let failure;
            const answered = () => {
                if (--unanswered === 0)
                    client.release(failure);
            };
            const stream = corkable.connection?.stream;
            stream?.cork?.();
            try {
                for (const pending of batch) {
                    client.query(pending.config).then((result) => {
                        pending.resolve(result);
                        answered();
                    }, (error) => {
                        failure ??= error instanceof Error ? error : new Error(String(error));
                        pending.reject(error);
                        answered();
                    });
                }
            }
            finally {
                stream?.uncork?.();
            }
        }, (error) => {
            for (const pending of batch)
                pending.reject(error);
        });
    }
}
exports.StatementBatches = StatementBatches;
const batchesOfPool = new WeakMap();
/** The one {@link StatementBatches} of `pool`: subgraphs in one process on one pool share their batches. */
function statementBatchesOf(pool) {
    let batches = batchesOfPool.get(pool);
    if (!batches)
        batchesOfPool.set(pool, (batches = new StatementBatches(pool)));
    return batches;
}
//# sourceMappingURL=statementBatches.js.map