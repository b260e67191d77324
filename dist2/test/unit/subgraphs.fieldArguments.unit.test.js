"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const fieldArguments_1 = require("../../subgraphs/fieldArguments");
(0, node_test_1.describe)('shared empty arguments', () => {
    (0, node_test_1.it)('give every field without arguments one frozen empty object, and fields with arguments their own values', async () => {
        strict_1.default.equal((0, fieldArguments_1.installSharedEmptyArguments)(), true);
        strict_1.default.equal((0, fieldArguments_1.installSharedEmptyArguments)(), true);
        const schema = (0, graphql_1.buildSchema)('type Query { a: String  b: String  c(n: Int = 2): String  d(n: Int): String }');
        const seen = {};
        const rootValue = Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [name, (args) => {
                seen[name] = args;
                return JSON.stringify(args);
            }]));
        const result = await (0, graphql_1.execute)({ schema, rootValue, document: (0, graphql_1.parse)('query ($n: Int) { a b c d(n: $n) }'), variableValues: { n: 7 } });
        strict_1.default.deepEqual(JSON.parse(JSON.stringify(result.data)), { a: '{}', b: '{}', c: '{"n":2}', d: '{"n":7}' });
        strict_1.default.equal(seen.a, seen.b);
        strict_1.default.ok(Object.isFrozen(seen.a));
        strict_1.default.throws(() => { seen.a.x = 1; }, TypeError);
        strict_1.default.notEqual(seen.c, seen.d);
    });
});
//# sourceMappingURL=subgraphs.fieldArguments.unit.test.js.map