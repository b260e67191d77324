"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const federatedSelection_1 = require("../../live/federatedSelection");
const payloadResolver_1 = require("../../live/payloadResolver");
const subscriptionSchema_1 = require("../../live/subscriptionSchema");
const API_SCHEMA = (0, graphql_1.buildSchema)(`
  scalar DateTime
  type Invoice { id: ID!  number: String }
  type Project { id: ID!  name: String }
  type Query { invoice(id: ID!): Invoice  project(id: ID!): Project }
`);
/** A feed that never delivers: these tests are about what happens before the first change. */
const silentFeed = { subscribe: () => () => undefined };
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
(0, node_test_1.describe)('Fanout: planning a new subscription ahead of its first change', () => {
    (0, node_test_1.it)('resolves a new operation once for no entity when subscribed, so every batch document is planned before a change arrives', async () => {
        const runs = [];
        const execute = async (query, variables) => {
            runs.push({ query, variables });
            return { data: Object.fromEntries(Object.keys(variables).map((_, i) => [(0, federatedSelection_1.entityResponseKey)(i), null])) };
        };
        const { schema } = (0, subscriptionSchema_1.createSubscriptionSchema)(API_SCHEMA, silentFeed, execute);
        // The transports share one parsed document per query text; so does this test.
        const document = (0, graphql_1.parse)('subscription { invoiceStatusChanged { eventId invoice { id number } } }');
        const subscribeWith = async (variableValues) => {
            const request = { schema, document, variableValues };
            const result = await (0, graphql_1.subscribe)({ ...request, contextValue: { request } });
            strict_1.default.ok(Symbol.asyncIterator in result, `subscribed: ${JSON.stringify(result)}`);
            return result;
        };
        const first = await subscribeWith({});
        await settle();
        const sizes = [];
        for (let size = 1; size <= payloadResolver_1.MAX_BATCH; size *= 2)
            sizes.push(size);
        strict_1.default.equal(runs.length, sizes.length, `one run per batch size: ${runs.map((r) => Object.keys(r.variables).length).join(', ')}`);
        strict_1.default.deepEqual(runs.map((run) => Object.keys(run.variables).filter((name) => name.startsWith((0, federatedSelection_1.entityIdVariable)(0).slice(0, -1))).length), sizes);
        for (const run of runs) {
            strict_1.default.ok(Object.values(run.variables).every((id) => id === ''), 'planning runs name no entity');
            strict_1.default.match(run.query, /invoice\(id: \$__entityId0\) \{\s*id\s+number\s*\}/);
        }
        // The same operation again (another subscriber) plans nothing more.
        const second = await subscribeWith({});
        await settle();
        strict_1.default.equal(runs.length, sizes.length);
        await first.return?.();
        await second.return?.();
    });
});
//# sourceMappingURL=live.fanout.unit.test.js.map