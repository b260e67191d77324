"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const canonical_1 = require("../../events/canonical");
(0, node_test_1.describe)('canonicalJson', () => {
    (0, node_test_1.it)('should sort keys at every level and drop whitespace', () => {
        const value = JSON.parse('{ "b": 1, "a": { "z": [ { "y": true, "x": null } ], "c": "é" } }');
        strict_1.default.equal((0, canonical_1.canonicalJson)(value), '{"a":{"c":"é","z":[{"x":null,"y":true}]},"b":1}');
    });
    (0, node_test_1.it)('should write strings as JSON.stringify does, escapes included', () => {
        const strings = ['', 'plain', 'é ü ß', '\u{1F600}', 'quote " and backslash \\', 'tab\tnewline\n', '\u0001\u001f\u007f', '\u2028\u2029', 'lone \uD800', 'lone \uDC00 end'];
        for (const text of strings)
            strict_1.default.equal((0, canonical_1.canonicalJson)(text), JSON.stringify(text), JSON.stringify(text));
    });
    (0, node_test_1.it)('should keep array order', () => {
        strict_1.default.equal((0, canonical_1.canonicalJson)([3, 1, 2]), '[3,1,2]');
    });
    (0, node_test_1.it)('should write one JSON number one way', () => {
        strict_1.default.equal((0, canonical_1.canonicalJson)(JSON.parse('[7.50, 75e-1, 1E2, -0]')), '[7.5,7.5,100,0]');
    });
});
(0, node_test_1.describe)('canonicalJson of objects that share field names in other orders', () => {
    (0, node_test_1.it)('should sort each object by its own fields, whichever order was seen before', () => {
        const texts = ['{"a":1,"b":2}', '{"a":1,"b":2,"c":3}', '{"b":2,"a":1}', '{"c":3,"b":2,"a":1}', '{"a":1}', '{}', '{"b":{"b":1,"a":2},"a":[{"a":1,"b":2},{"b":1}]}'];
        for (let round = 0; round < 2; round++) {
            strict_1.default.deepEqual(texts.map((text) => (0, canonical_1.canonicalJson)(JSON.parse(text))), [
                '{"a":1,"b":2}', '{"a":1,"b":2,"c":3}', '{"a":1,"b":2}', '{"a":1,"b":2,"c":3}', '{"a":1}', '{}', '{"a":[{"a":1,"b":2},{"b":1}],"b":{"a":2,"b":1}}',
            ]);
        }
    });
    (0, node_test_1.it)('should be JSON of the same value, field names that need escaping and integer-like names included', () => {
        const value = JSON.parse('{"10":1,"9":2,"__proto__":{"x":"\\u2028"},"a\\"b":[null,true,-0.5e-3,"\\n"],"":{}}');
        const text = (0, canonical_1.canonicalJson)(value);
        strict_1.default.equal(text, '{"":{},"10":1,"9":2,"__proto__":{"x":"\u2028"},"a\\"b":[null,true,-0.0005,"\\n"]}');
        strict_1.default.deepEqual(JSON.parse(text), value);
    });
});
(0, node_test_1.describe)('contentHash', () => {
    const event = { specversion: '1.0', id: 'e1', source: '/psa/x', data: { hours: 7.5, billable: true } };
    (0, node_test_1.it)('should be a sha256 hex digest', () => {
        strict_1.default.match((0, canonical_1.contentHash)(event), /^[0-9a-f]{64}$/);
    });
    (0, node_test_1.it)('should not depend on key order or formatting', () => {
        const reordered = JSON.parse('{"data":{"billable":true,"hours":7.50},"source":"/psa/x","id":"e1","specversion":"1.0"}');
        strict_1.default.equal((0, canonical_1.contentHash)(reordered), (0, canonical_1.contentHash)(event));
    });
    (0, node_test_1.it)('should change with any value, an added extension or a number sent as a string', () => {
        const base = (0, canonical_1.contentHash)(event);
        strict_1.default.notEqual((0, canonical_1.contentHash)({ ...event, data: { ...event.data, hours: 8 } }), base);
        strict_1.default.notEqual((0, canonical_1.contentHash)({ ...event, traceparent: '00-1' }), base);
        strict_1.default.notEqual((0, canonical_1.contentHash)({ ...event, data: { ...event.data, hours: '7.5' } }), base);
    });
});
//# sourceMappingURL=events.canonical.unit.test.js.map