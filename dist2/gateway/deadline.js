"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Deadline = exports.DeadlineExceeded = exports.EXECUTION_TIMEOUT = void 0;
exports.EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';
/** Thrown by {@link Deadline.race} when the deadline passes first. */
class DeadlineExceeded extends Error {
    constructor(ms) {
        super(`the operation ran past the gateway's execution deadline of ${ms / 1000} s and was stopped; ask for less (fewer nested lists, smaller pages) or try again later`);
        this.ms = ms;
        this.code = exports.EXECUTION_TIMEOUT;
    }
    toGraphQLError() {
        return { message: this.message, extensions: { code: exports.EXECUTION_TIMEOUT } };
    }
}
exports.DeadlineExceeded = DeadlineExceeded;
class Deadline {
    /** `ms`: Infinity for none. */
    constructor(ms) {
        this.ms = ms;
        this.controller = new AbortController();
        if (Number.isFinite(ms)) {
            this.timer = setTimeout(() => this.controller.abort(new DeadlineExceeded(ms)), ms);
            this.timer.unref();
        }
    }
    /** Aborted when the deadline passes. */
    get signal() {
        return this.controller.signal;
    }
    /** The error of a passed deadline, or undefined while there is time. */
    get exceeded() {
        return this.signal.aborted ? this.signal.reason : undefined;
    }
    /** Resolves as `work` does, or rejects with {@link DeadlineExceeded} when the deadline passes first. */
    race(work) {
        if (this.exceeded)
            return Promise.reject(this.exceeded);
        return new Promise((resolve, reject) => {
            const onAbort = () => reject(this.signal.reason);
            this.signal.addEventListener('abort', onAbort, { once: true });
            work.then((value) => {
                this.signal.removeEventListener('abort', onAbort);
                resolve(value);
            }, (error) => {
                this.signal.removeEventListener('abort', onAbort);
                reject(error);
            });
        });
    }
    /** The operation is answered: its timer is no longer needed. */
    end() {
        clearTimeout(this.timer);
    }
}
exports.Deadline = Deadline;
//# sourceMappingURL=deadline.js.map