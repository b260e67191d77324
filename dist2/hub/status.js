"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ADD_TO_LISTENER_COUNTERS = void 0;
exports.readIngestStatus = readIngestStatus;
exports.addToCounters = addToCounters;
exports.integerLiteral = integerLiteral;
async function readIngestStatus(db) {
    const { rows } = await db.query(`SELECT (SELECT jsonb_object_agg(name, value) FROM hub.counter) AS counters,
            (SELECT count(*) FROM hub.parked_event)::text AS parked`);
    const counters = rows[0]?.counters ?? {};
    const count = (name) => Number(counters[name] ?? 0);
    const received = count('received');
    const applied = count('applied');
    const stale = count('stale');
    const parked = Number(rows[0]?.parked ?? 0);
    return {
        received,
        applied,
        parked,
        duplicates: count('duplicates'),
        rejected: count('rejected'),
        exceptions: count('exceptions'),
        // Not clamped at 0: a negative value would reveal a counting bug, not hide it.
        pending: received - applied - parked - stale,
        stale,
    };
}
/**
 * A statement adding each delta to its counter, the numbers written as
 * literals (it travels in a multi-statement simple query, which takes no
 * parameters); undefined when every delta is 0.
 */
function addToCounters(deltas) {
    const changed = deltas.filter(([, delta]) => delta !== 0).map(([name, delta]) => `('${name}', ${integerLiteral(delta)})`);
    if (changed.length === 0)
        return undefined;
    return `UPDATE hub.counter c SET value = c.value + d.delta FROM (VALUES ${changed.join(', ')}) AS d(name, delta) WHERE c.name = d.name`;
}
/**
 * What a listeners' batch adds to 'applied' ($1), 'exceptions' ($2) and
 * 'stale' ($3); `applied` counts the events that became exceptions too.
 */
exports.ADD_TO_LISTENER_COUNTERS = `UPDATE hub.counter SET value = value + CASE name WHEN 'applied' THEN $1::bigint WHEN 'exceptions' THEN $2::bigint ELSE $3::bigint END
         WHERE name IN ('applied', 'exceptions', 'stale')`;
/** The text of a non-negative integer; anything else would be a bug here, not something to write into SQL. */
function integerLiteral(value) {
    const text = String(value);
    if (!/^\d+$/.test(text))
        throw new Error(`expected a non-negative integer, got ${JSON.stringify(value)}`);
    return text;
}
//# sourceMappingURL=status.js.map