"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommitTimeout = exports.DEFAULT_GROUP_LIMITS = void 0;
exports.startGroupCommit = startGroupCommit;
const eventStore_1 = require("./eventStore");
/**
 * Two full requests' worth (1000 events, 4 MiB each): a transaction of 2000
 * events holds the lock for ~15 ms of Postgres time, short enough that a
 * request arriving meanwhile is not kept waiting long, long enough that
 * small requests share their flush.
 */
exports.DEFAULT_GROUP_LIMITS = { maxEvents: 2000, maxBytes: 8 * 1024 * 1024 };
/**
 * A request whose group did not commit within the commit deadline (a stalled
 * or unreachable database). It is no longer waited for: if it was still
 * queued, it is dropped and nothing of it is stored; if its transaction was
 * under way, that transaction may still commit — either way its sender
 * sends it again, and what was stored comes back as duplicates.
 */
class CommitTimeout extends Error {
    constructor(ms) {
        super(`the event log did not commit within ${ms / 1000} s`);
        this.ms = ms;
    }
}
exports.CommitTimeout = CommitTimeout;
function startGroupCommit(pool, options = {}) {
    const limits = { ...exports.DEFAULT_GROUP_LIMITS, ...options.limits };
    const queue = [];
    let writing = false;
    let requests = 0;
    let transactions = 0;
    let groupsRetriedAlone = 0;
    const stats = () => ({ requests, transactions, groupsRetriedAlone, waiting: queue.length });
    const statsChanged = options.onStats ? () => options.onStats(stats()) : () => undefined;
    /** The longest prefix of the queue within the limits, and at least its first request. */
    function takeGroup() {
        let events = 0;
        let bytes = 0;
        let taken = 0;
        while (taken < queue.length) {
            const next = queue[taken];
            if (taken > 0 && (events + next.prepared.length > limits.maxEvents || bytes + next.bytes > limits.maxBytes))
                break;
            events += next.prepared.length;
            bytes += next.bytes;
            taken++;
        }
        return queue.splice(0, taken);
    }
    async function write(group) {
        transactions++;
        statsChanged();
        try {
            const results = await (0, eventStore_1.storeEventGroup)(pool, group.map((waiting) => waiting.prepared), options.onCommitted);
            group.forEach((waiting, i) => waiting.resolve(results[i]));
            return;
        }
        catch (error) {
            if (group.length === 1 || !mayBeCausedByOneRequest(error)) {
                for (const waiting of group)
                    waiting.reject(error);
                return;
            }
            // Nothing of the group was committed. Validation should keep every
            // request's data storable, but should one request's data still make
            // the database refuse the transaction, the others must not fail with
            // it: each is written alone, in arrival order, and only the one at
            // fault fails. A database that is down fails each of them again.
            groupsRetriedAlone++;
            statsChanged();
            options.log?.warn(`ingest: a group of ${group.length} requests failed (${error instanceof Error ? error.message : String(error)}); writing them one by one`);
        }
        for (const waiting of group)
            await write([waiting]);
    }
    async function drain() {
        writing = true;
        try {
            while (queue.length > 0) {
                const group = takeGroup();
                requests += group.length;
                statsChanged();
                await write(group);
            }
        }
        finally {
            writing = false;
        }
    }
    return {
        store(prepared, timeoutMs = Infinity) {
            return new Promise((resolve, reject) => {
                const bytes = prepared.reduce((sum, item) => sum + (item.kind === 'valid' && item.first ? item.canonical.length : 0), 0);
                let timer;
                const waiting = {
                    prepared, bytes,
                    resolve: (result) => { clearTimeout(timer); resolve(result); },
                    reject: (error) => { clearTimeout(timer); reject(error); },
                };
                if (Number.isFinite(timeoutMs)) {
                    timer = setTimeout(() => {
                        // Still queued: dropped, never written. Taken: its transaction is under way and may yet commit.
                        const queued = queue.indexOf(waiting);
                        if (queued >= 0) {
                            queue.splice(queued, 1);
                            statsChanged();
                        }
                        reject(new CommitTimeout(timeoutMs));
                    }, timeoutMs);
                }
                queue.push(waiting);
                statsChanged();
                // write() settles every request it takes and never throws: the loop cannot stop with requests waiting.
                if (!writing)
                    void drain();
            });
        },
        stats,
    };
}
/**
 * Whether Postgres answered the transaction with an error about what it was
 * asked (a constraint, a value, a trigger), which the data of one request
 * could cause; not when the connection or the server failed (SQLSTATE
 * classes 08 connection, 53 resources, 57 operator intervention, 58 system),
 * nor when no SQLSTATE came back at all (a socket error, a bug here).
 */
function mayBeCausedByOneRequest(error) {
    const code = error?.code;
    if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code))
        return false;
    return !['08', '53', '57', '58'].includes(code.slice(0, 2));
}
//# sourceMappingURL=groupCommit.js.map