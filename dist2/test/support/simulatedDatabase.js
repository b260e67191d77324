"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.simulatedDatabase = simulatedDatabase;
/**
 * A test database holding a simulated firm, delivered in one of the
 * simulator's modes through the real ingest over HTTP and applied by the
 * listeners, as in production.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const server_1 = require("../../ingest/server");
const projector_1 = require("../../listeners/projector");
const delivery_1 = require("../../simulator/delivery");
const post_1 = require("../../simulator/post");
const testDatabase_1 = require("./testDatabase");
async function simulatedDatabase(events, mode) {
    const db = await (0, testDatabase_1.createTestDatabase)();
    try {
        const ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
        try {
            const delivery = [...(0, delivery_1.deliver)(events, { mode, seed: 7, window: mode === 'shuffled' ? undefined : 600 })];
            const summary = await (0, post_1.postEvents)(delivery, { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 500, progress: false });
            strict_1.default.equal(summary.rejected, 0, JSON.stringify(summary.rejections));
            strict_1.default.equal(summary.accepted, events.length);
        }
        finally {
            await ingest.close();
        }
        await new projector_1.Projector(db.pool).drain();
        return db;
    }
    catch (error) {
        await db.drop();
        throw error;
    }
}
//# sourceMappingURL=simulatedDatabase.js.map