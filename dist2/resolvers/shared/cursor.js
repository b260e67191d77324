"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.timestampKey = exports.anyId = void 0;
exports.cursorCodec = cursorCodec;
exports.timestampKeySql = timestampKeySql;
const errors_1 = require("./errors");
/**
 * @param kind names the ordering, e.g. `invoice:time`
 * @param keyChecks one check per sort key (the id last); a key failing its check makes the cursor invalid
 */
function cursorCodec(kind, keyChecks) {
    return {
        kind,
        encode: (keys) => Buffer.from(JSON.stringify([kind, ...keys]), 'utf8').toString('base64url'),
        decode(cursor, argument = 'after') {
            const invalid = () => (0, errors_1.badUserInput)(`${argument}: expected a cursor returned by this connection (endCursor or an edge's cursor), got ${(0, errors_1.shown)(cursor)}`);
            if (!/^[A-Za-z0-9_-]+$/.test(cursor))
                throw invalid();
            let parsed;
            try {
                parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
            }
            catch {
                throw invalid();
            }
            if (!Array.isArray(parsed) || parsed.length !== keyChecks.length + 1 || parsed[0] !== kind)
                throw invalid();
            const keys = parsed.slice(1);
            if (!keys.every((key, i) => typeof key === 'string' && keyChecks[i](key)))
                throw invalid();
            return keys;
        },
    };
}
/** Any non-empty id. */
const anyId = (key) => key.length > 0;
exports.anyId = anyId;
/** A timestamp key as {@link timestampKeySql} writes it: UTC with microseconds. */
const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const timestampKey = (key) => TIMESTAMP_KEY.test(key) && !Number.isNaN(Date.parse(key.slice(0, 23) + 'Z'));
exports.timestampKey = timestampKey;
/**
 * SQL of a `timestamptz` column as an exact, zone-free cursor key (a JS Date
 * would drop the microseconds and the keyset would skip or repeat rows).
 * Postgres reads the text back with `::timestamptz`.
 */
function timestampKeySql(column) {
    return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
//# sourceMappingURL=cursor.js.map