"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Emitter = exports.SOURCES = void 0;
exports.newStream = newStream;
const types_1 = require("../events/types");
const calendar_1 = require("./calendar");
/** The four systems of the simulated firm, as CloudEvents `source`s. */
exports.SOURCES = {
    crm: '/crm/acme-crm/eu1',
    psa: '/psa/acme-psa/eu1',
    billing: '/billing/acme-billing/eu1',
    erp: '/erp/acme-erp/eu1',
};
function newStream() {
    return { seq: 0 };
}
/**
 * Builds CloudEvents envelopes: ids unique per source, `subject` taken from
 * the catalogue's subject field, `sequence` from the stream, and `time`
 * strictly increasing over the whole firm (ties get one millisecond more).
 */
class Emitter {
    /** `tag` makes event ids of different firms differ: `psa-<tag>-0000042`. */
    constructor(tag, sink) {
        this.tag = tag;
        this.sink = sink;
        this.counters = { crm: 0, psa: 0, billing: 0, erp: 0 };
        this.lastTime = Number.NEGATIVE_INFINITY;
    }
    emit(source, type, data, at, stream) {
        const time = at > this.lastTime ? at : this.lastTime + 1;
        this.lastTime = time;
        const n = ++this.counters[source];
        stream.seq += 1;
        const subject = data[types_1.SUBJECT_FIELD[type]];
        if (typeof subject !== 'string' || subject === '') {
            throw new Error(`${type} expects data.${types_1.SUBJECT_FIELD[type]} to be a non-empty string, but got ${JSON.stringify(subject)}`);
        }
        const event = {
            specversion: '1.0',
            id: `${source}-${this.tag}-${String(n).padStart(7, '0')}`,
            source: exports.SOURCES[source],
            type,
            subject,
            time: (0, calendar_1.timestampText)(time),
            datacontenttype: 'application/json',
            sequence: String(stream.seq),
            data,
        };
        this.sink(event);
        return event;
    }
    /** The last timestamp written (ms), or -Infinity before the first event. */
    get clock() {
        return this.lastTime;
    }
}
exports.Emitter = Emitter;
//# sourceMappingURL=emitter.js.map