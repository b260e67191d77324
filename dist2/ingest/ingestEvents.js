"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ingestEvents = ingestEvents;
const eventStore_1 = require("./eventStore");
const prepare_1 = require("./prepare");
/**
 * Ingest of a list of received events, whatever carried them (a NATS consumer
 * later; the HTTP server, on the ingest thread, prepares its bodies and
 * stores them through the group commit the same way): validate, then store in
 * one transaction. Resolves
 * after COMMIT with one result per event in order; rejects when the database
 * failed, in which case nothing of the list was stored.
 */
async function ingestEvents(pool, raws) {
    return (0, eventStore_1.storeEvents)(pool, (0, prepare_1.prepareEvents)(raws));
}
//# sourceMappingURL=ingestEvents.js.map