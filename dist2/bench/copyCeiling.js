"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.copyCeilingSeconds = copyCeilingSeconds;
/**
 * The machine's ceiling for storing events: the same event rows loaded with
 * COPY into a plain table (no constraints, no index) of the same Postgres.
 */
const promises_1 = require("node:stream/promises");
const node_stream_1 = require("node:stream");
const pg_1 = __importDefault(require("pg"));
const pg_copy_streams_1 = require("pg-copy-streams");
const ensureDatabase_1 = require("../db/ensureDatabase");
const url_1 = require("../db/url");
/** COPY text format: backslash, tab and newline escaped. */
function field(value) {
    if (value === undefined)
        return '\\N';
    return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
/** Seconds to COPY the events into a fresh plain table. */
async function copyCeilingSeconds(serverUrl, events) {
    const url = (0, url_1.withDatabase)(serverUrl, `sg_bench_copy_${Date.now()}_${process.pid}`);
    await (0, ensureDatabase_1.ensureDatabase)(url);
    const client = new pg_1.default.Client({ connectionString: url });
    await client.connect();
    try {
        await client.query(`CREATE TABLE event_copy (source text, event_id text, type text, subject text, sequence bigint,
      event_time timestamptz, envelope jsonb)`);
        const lines = function* () {
            for (const e of events) {
                yield `${[e.source, e.id, e.type, e.subject, e.sequence, e.time, JSON.stringify(e)].map(field).join('\t')}\n`;
            }
        };
        const started = process.hrtime.bigint();
        await (0, promises_1.pipeline)(node_stream_1.Readable.from(lines()), client.query((0, pg_copy_streams_1.from)('COPY event_copy FROM STDIN')));
        return Number(process.hrtime.bigint() - started) / 1e9;
    }
    finally {
        await client.end();
        await (0, ensureDatabase_1.dropDatabase)(url).catch(() => undefined);
    }
}
//# sourceMappingURL=copyCeiling.js.map