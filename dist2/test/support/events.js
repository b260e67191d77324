"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.anEvent = anEvent;
const types_1 = require("../../events/types");
let counter = 0;
function anEvent(type, data, envelope = {}) {
    counter++;
    return {
        specversion: '1.0',
        id: envelope.id ?? `evt-${counter}`,
        source: envelope.source ?? '/test/source',
        type,
        subject: String(data[types_1.SUBJECT_FIELD[type]]),
        time: envelope.time ?? '2026-03-02T10:00:00Z',
        ...(envelope.sequence !== undefined ? { sequence: envelope.sequence } : {}),
        data,
    };
}
//# sourceMappingURL=events.js.map