"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/** Dates and timestamps are read character by character (events/values.ts): they accept exactly what their expressions and rules say. */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const schema_1 = require("../../events/schema");
const values_1 = require("../../events/values");
// The rules as first written: an expression, then the calendar and clock bounds.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
function isRealDate(year, month, day) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return year >= 1 && days !== undefined && day >= 1 && day <= days;
}
function dateByRule(text) {
    const m = DATE.exec(text);
    return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
function timestampByRule(text) {
    const m = TIMESTAMP.exec(text);
    return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59 &&
        (m[8] === undefined || (Number(m[8]) <= 15 && Number(m[9]) <= 59));
}
const accepts = (schema, text) => schema(text, 'x', []) !== schema_1.INVALID;
/** Variants of `texts`: characters replaced, dropped, added or repeated (seeded, the same every run). */
function* mutants(texts, count) {
    let seed = 20251126;
    const random = (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
    };
    const alphabet = '0123456789-:.TtZz+ x\u00e9\u0660';
    for (let i = 0; i < count; i++) {
        let text = texts[random(texts.length)];
        for (let edits = 1 + random(2); edits > 0; edits--) {
            const at = random(text.length + 1);
            const char = alphabet[random(alphabet.length)];
            const kind = random(4);
            if (kind === 0)
                text = text.slice(0, at) + char + text.slice(at + 1);
            else if (kind === 1)
                text = text.slice(0, at) + text.slice(at + 1);
            else if (kind === 2)
                text = text.slice(0, at) + char + text.slice(at);
            else
                text = text.slice(0, at) + text.slice(at, at + 1).repeat(2) + text.slice(at + 1);
        }
        yield text;
    }
}
(0, node_test_1.describe)('reading dates and timestamps', () => {
    const timestamps = ['2025-03-01T09:30:00Z', '2024-02-29t23:59:59.123456789-05:30', '0001-01-01T00:00:00+15:59', '9999-12-31T23:59:59.1z', '2023-02-28T12:00:00.12+00:00'];
    const dates = ['2025-03-01', '2024-02-29', '0001-01-01', '9999-12-31', '2023-02-28'];
    (0, node_test_1.it)('should accept and refuse the hand-picked cases as the rules do', () => {
        const cases = [...timestamps, '2025-02-29T00:00:00Z', '0000-01-01T00:00:00Z', '2025-03-01T24:00:00Z', '2025-03-01T09:60:00Z', '2025-03-01T09:30:60Z',
            '2025-03-01T09:30:00.Z', '2025-03-01T09:30:00.1234567890Z', '2025-03-01T09:30:00+16:00', '2025-03-01T09:30:00+15:60', '2025-03-01T09:30:00', '2025-03-01 09:30:00Z',
            '2025-03-01T09:30:00Zz', '2025-03-01T09:30:00+0100', '2025-3-01T09:30:00Z', ''];
        for (const text of cases)
            strict_1.default.equal(accepts(values_1.timestamp, text), timestampByRule(text), JSON.stringify(text));
        for (const text of [...dates, '2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '0000-01-01', '2025-03-1', '2025-03-01 ', '2025/03/01']) {
            strict_1.default.equal(accepts(values_1.date, text), dateByRule(text), JSON.stringify(text));
        }
    });
    (0, node_test_1.it)('should agree with the rules on 20,000 variants of valid timestamps and dates', () => {
        for (const text of mutants(timestamps, 20_000))
            strict_1.default.equal(accepts(values_1.timestamp, text), timestampByRule(text), JSON.stringify(text));
        for (const text of mutants(dates, 20_000))
            strict_1.default.equal(accepts(values_1.date, text), dateByRule(text), JSON.stringify(text));
    });
    (0, node_test_1.it)('should refuse what is not a string', () => {
        for (const value of [20250301, null, undefined, {}, ['2025-03-01']]) {
            strict_1.default.equal((0, values_1.timestamp)(value, 'x', []), schema_1.INVALID);
            strict_1.default.equal((0, values_1.date)(value, 'x', []), schema_1.INVALID);
        }
    });
});
//# sourceMappingURL=events.dates.unit.test.js.map