"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_PRUNE_INTERVAL_MS = void 0;
exports.pruneChangeFeed = pruneChangeFeed;
exports.startChangeFeedRetention = startChangeFeedRetention;
const retention_1 = require("../db/retention");
const CHANGE_FEED = { table: 'hub.change_feed', id: 'change_id', time: 'changed_at' };
/**
 * Deletes the feed's rows older than `retentionHours` (may be fractional), oldest first.
 * Change ids and `changed_at` grow together (one projector commits at a time).
 */
async function pruneChangeFeed(pool, retentionHours, chunkSize = 10_000) {
    if (!(retentionHours >= 0))
        throw new RangeError(`retentionHours: expected a number of hours >= 0, got ${String(retentionHours)}`);
    return (0, retention_1.pruneOldestRows)(pool, CHANGE_FEED, retentionHours * 3600, chunkSize);
}
exports.DEFAULT_PRUNE_INTERVAL_MS = 10 * 60 * 1000;
/** Prunes now and then every `intervalMs`; a failed prune is reported and retried at the next tick. */
function startChangeFeedRetention(options) {
    if (!(options.retentionHours > 0))
        return { stop: async () => undefined };
    return (0, retention_1.startRetention)({
        prune: () => pruneChangeFeed(options.pool, options.retentionHours),
        intervalMs: options.intervalMs ?? exports.DEFAULT_PRUNE_INTERVAL_MS, onPruned: options.onPruned, onError: options.onError,
    });
}
//# sourceMappingURL=changeFeedRetention.js.map