"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BatchOutcome = void 0;
const status_1 = require("../hub/status");
const runningTotals_1 = require("./runningTotals");
class BatchOutcome {
    constructor(stored) {
        this.stored = stored;
        this.applied = 0;
        this.exceptions = 0;
        this.stale = 0;
        /** How the batch's facts move project figures and account balances. */
        this.totals = new runningTotals_1.RunningTotals();
        /** Keys written or sequence steps applied since the last release round (only while {@link releasesMatter}). */
        this.released = new Set();
        /** Whether an event of this batch has parked (it stays true: a conservative answer). */
        this.parkedAny = false;
        this.parking = new Map();
        /** Positions that had a parked row before this batch started, with the key it waited on. */
        this.parkedInDatabase = new Map();
        this.exceptionRows = [];
        this.changes = new Map();
    }
    /**
     * Whether a key released now could release an event: some event waits, in
     * this batch or in the table. A key released while none waits releases
     * nothing (an event parking later finds the row, or the sequence step, there).
     */
    get releasesMatter() {
        return this.parkedAny || !this.stored.empty;
    }
    park(entry, waitingFor, reason) {
        this.parkedAny = true;
        this.parking.set(entry.position, { state: 'parked', entry, waitingFor, reason });
    }
    exception(entry, code, message) {
        this.exceptions++;
        this.exceptionRows.push({ position: entry.position, code, message });
    }
    change(change) {
        this.changes.set(`${change.eventPosition}/${change.entityKind}/${change.entityId}`, change);
    }
    /** Whether this batch has already decided the event at `position`. */
    knows(position) {
        return this.parking.has(position);
    }
    /** Takes out the events of this batch parked on one of `keys`, to try them again. */
    releaseFromBatch(keys) {
        const out = [];
        for (const [position, state] of this.parking) {
            if (state.state === 'parked' && keys.has(state.waitingFor)) {
                this.parking.set(position, { state: 'released', entry: state.entry });
                out.push(state.entry);
            }
        }
        return out;
    }
    /** Records an event parked by an earlier batch, now taken out to be tried again. */
    releaseFromDatabase(entry, waitingFor) {
        this.parkedInDatabase.set(entry.position, waitingFor);
        this.parking.set(entry.position, { state: 'released', entry });
    }
    /** Moves `keys` from the parked table as it was before this batch to the table as this batch leaves it. */
    updateParkedKeys(keys) {
        for (const waitingFor of this.parkedInDatabase.values())
            keys.remove(waitingFor);
        for (const state of this.parking.values())
            if (state.state === 'parked')
                keys.add(state.waitingFor);
    }
    get changeCount() {
        return this.changes.size;
    }
    /** Sends every write without waiting for each; the caller waits once for all of them. */
    flush(client) {
        const statements = [];
        const parked = [...this.parking.values()].filter((s) => s.state === 'parked');
        const releasedStored = [...this.parking.values()]
            .filter((s) => s.state === 'released' && this.parkedInDatabase.has(s.entry.position))
            .map((s) => s.entry.position);
        if (releasedStored.length > 0) {
            statements.push(client.query(`DELETE FROM hub.parked_event WHERE position = ANY($1::bigint[])`, [releasedStored]));
        }
        if (parked.length > 0) {
            statements.push(client.query(`INSERT INTO hub.parked_event (position, waiting_for, reason)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
         ON CONFLICT (position) DO UPDATE SET waiting_for = EXCLUDED.waiting_for, reason = EXCLUDED.reason`, [parked.map((p) => p.entry.position), parked.map((p) => p.state === 'parked' ? p.waitingFor : ''),
                parked.map((p) => p.state === 'parked' ? p.reason : '')]));
        }
        if (this.exceptionRows.length > 0) {
            statements.push(client.query(`INSERT INTO hub.exception (position, code, message)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
         ON CONFLICT (position) DO UPDATE SET code = EXCLUDED.code, message = EXCLUDED.message`, [this.exceptionRows.map((e) => e.position), this.exceptionRows.map((e) => e.code), this.exceptionRows.map((e) => e.message)]));
        }
        if (this.applied + this.exceptions + this.stale > 0) {
            // `applied` counts exceptions too (docs/api.md#status).
            statements.push(client.query(status_1.ADD_TO_LISTENER_COUNTERS, [this.applied + this.exceptions, this.exceptions, this.stale]));
        }
        if (this.changes.size > 0) {
            const changes = [...this.changes.values()];
            statements.push(client.query(`INSERT INTO hub.change_feed (event_position, entity_kind, entity_id, event_type, event_id, event_source)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`, [changes.map((c) => c.eventPosition), changes.map((c) => c.entityKind), changes.map((c) => c.entityId),
                changes.map((c) => c.eventType), changes.map((c) => c.eventId), changes.map((c) => c.eventSource)]));
        }
        return Promise.all(statements);
    }
}
exports.BatchOutcome = BatchOutcome;
//# sourceMappingURL=batchOutcome.js.map