"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const dataSources_1 = require("../../gateway/dataSources");
const schema = (0, graphql_1.buildSchema)(`type Query { project(id: ID!): Project  slow: String }  type Project { id: ID!  name: String }`);
let resolved = 0;
schema.getQueryType().getFields().project.resolve = (_root, args) => {
    resolved++;
    return { id: args.id, name: `project ${args.id}` };
};
schema.getQueryType().getFields().slow.resolve = () => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000));
/** What the gateway hands a data source for one fetch of a plan: the fetch's text and, as the planner keeps it, its parsed document. */
function fetchOf(query, variables = {}, context = {}) {
    return { request: { query, variables }, document: (0, graphql_1.parse)(query), context, kind: 'incoming operation' };
}
(0, node_test_1.describe)('a subgraph called in process', () => {
    (0, node_test_1.it)('validates an operation text once, whatever the number of plans (document objects) that send it', async () => {
        const source = new dataSources_1.InProcessDataSource('project', schema);
        const text = 'query($id: ID!) { project(id: $id) { id name } }';
        const first = await source.process(fetchOf(text, { id: 'P1' }));
        const second = await source.process(fetchOf(text, { id: 'P2' }));
        // graphql-js answers with null-prototype objects: compared as plain JSON.
        strict_1.default.deepEqual(JSON.parse(JSON.stringify(first)), { data: { project: { id: 'P1', name: 'project P1' } } });
        strict_1.default.deepEqual(JSON.parse(JSON.stringify(second)), { data: { project: { id: 'P2', name: 'project P2' } } });
        strict_1.default.equal(source.validations, 1);
        await source.process(fetchOf('query($id: ID!) { project(id: $id) { id } }', { id: 'P3' }));
        strict_1.default.equal(source.validations, 2, 'another text is validated');
    });
    (0, node_test_1.it)('answers an invalid operation with its validation errors every time, never executing it', async () => {
        const source = new dataSources_1.InProcessDataSource('project', schema);
        for (let i = 0; i < 2; i++) {
            const answer = await source.process(fetchOf('{ project(id: "P1") { budget } }'));
            strict_1.default.equal(answer.data, undefined);
            strict_1.default.match(answer.errors[0].message, /Cannot query field "budget" on type "Project"/);
        }
        strict_1.default.equal(source.validations, 2);
    });
    (0, node_test_1.it)('asks nothing once the request\'s execution deadline has passed, and stops waiting for a fetch at the deadline', async () => {
        const source = new dataSources_1.InProcessDataSource('project', schema);
        const context = (0, dataSources_1.createGatewayContext)(undefined, undefined, 50);
        const slow = await source.process(fetchOf('{ slow }', {}, context));
        strict_1.default.equal(slow.errors?.[0]?.extensions?.code, 'EXECUTION_TIMEOUT', 'the slow fetch was given up at the deadline');
        const before = resolved;
        const after = await source.process(fetchOf('query($id: ID!) { project(id: $id) { id } }', { id: 'P9' }, context));
        strict_1.default.equal(after.data, undefined);
        strict_1.default.equal(after.errors?.[0]?.extensions?.code, 'EXECUTION_TIMEOUT');
        strict_1.default.equal(resolved, before, 'no resolver ran for a fetch after the deadline');
        const fresh = await source.process(fetchOf('query($id: ID!) { project(id: $id) { id } }', { id: 'P9' }, (0, dataSources_1.createGatewayContext)(undefined, undefined, 60_000)));
        strict_1.default.deepEqual(JSON.parse(JSON.stringify(fresh)), { data: { project: { id: 'P9' } } }, 'a request with time left is answered');
    });
});
//# sourceMappingURL=gateway.inProcessDataSource.unit.test.js.map