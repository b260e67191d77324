"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CHECKPOINT_SQL = exports.READ_MODEL_PROJECTOR = void 0;
exports.readModelPosition = readModelPosition;
/** The projector that maintains the read model the subgraphs serve. */
exports.READ_MODEL_PROJECTOR = 'read-model';
/** The statements a projector's batch runs on its checkpoint row (`$1`: the projector's name). */
exports.CHECKPOINT_SQL = {
    /** Creates the row at position 0 the first time. */
    ensure: `INSERT INTO hub.checkpoint (projector) VALUES ($1) ON CONFLICT DO NOTHING`,
    /** Reads the position and locks the row until the transaction ends: concurrent projectors take turns. */
    lock: `SELECT position::text AS position FROM hub.checkpoint WHERE projector = $1 FOR UPDATE`,
    /** Moves it to `$2`, in the batch's transaction. */
    advance: `UPDATE hub.checkpoint SET position = $2, updated_at = now() WHERE projector = $1`,
    /** Reads the position without locking. */
    read: `SELECT position::text AS position FROM hub.checkpoint WHERE projector = $1`,
};
/** A reader of the read model's position on `pool` ('0' before the first batch). */
function readModelPosition(pool) {
    // Named: pg prepares it once per connection, every read after that is Bind/Execute only.
    const statement = {
        name: 'servicegraph-read-model-position',
        text: exports.CHECKPOINT_SQL.read,
        values: [exports.READ_MODEL_PROJECTOR],
    };
    return async () => {
        const { rows } = await pool.query(statement);
        return rows[0]?.position ?? '0';
    };
}
//# sourceMappingURL=checkpoint.js.map