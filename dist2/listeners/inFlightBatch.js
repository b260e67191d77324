"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InFlightBatch = void 0;
class InFlightBatch {
    /** @param committed settles when the batch has committed or failed (a failure discards the batch ahead too) */
    constructor(committed, dropped) {
        this.committed = committed;
        this.dropped = dropped;
    }
    /** Whether reading `key` before the commit could miss what the batch in flight wrote (once it has settled, waiting costs nothing). */
    mustWaitFor(key, isSet) {
        return isSet || this.dropped.has(key);
    }
    /** Resolves once the batch has committed or failed. */
    async settled() {
        await this.committed.catch(() => undefined);
    }
}
exports.InFlightBatch = InFlightBatch;
//# sourceMappingURL=inFlightBatch.js.map