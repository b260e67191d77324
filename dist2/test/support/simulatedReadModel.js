"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.fillReadModel = fillReadModel;
const strict_1 = __importDefault(require("node:assert/strict"));
const ingestEvents_1 = require("../../ingest/ingestEvents");
const projector_1 = require("../../listeners/projector");
const delivery_1 = require("../../simulator/delivery");
/**
 * Fills a (migrated, empty) database with the read model of `events`,
 * delivered in `mode`: stored in the event log in batches the way ingest
 * stores them, then applied by the projector until nothing is left.
 */
async function fillReadModel(pool, events, mode = 'in-order') {
    const delivery = (0, delivery_1.deliver)(events, { mode, seed: 11, window: mode === 'shuffled' ? undefined : 600 });
    for (const batch of (0, delivery_1.batches)(delivery, 1000)) {
        const result = await (0, ingestEvents_1.ingestEvents)(pool, batch);
        strict_1.default.equal(result.rejected, 0, JSON.stringify(result.results.filter((r) => r.status === 'rejected').slice(0, 3)));
    }
    await new projector_1.Projector(pool, { batchSize: 500 }).drain();
}
//# sourceMappingURL=simulatedReadModel.js.map