"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const federatedSelection_1 = require("../../live/federatedSelection");
const payloadResolver_1 = require("../../live/payloadResolver");
const query = {
    variables: {},
    key: 'InvoicePayload\n{}',
    textFor: (count) => `query InvoicePayload${count} { ${Array.from({ length: count }, (_, i) => `${(0, federatedSelection_1.entityResponseKey)(i)}: invoice(id: $${(0, federatedSelection_1.entityIdVariable)(i)}) { id }`).join(' ')} }`,
};
function change(changeId, entityId) {
    return {
        changeId, kind: 'invoice', entityId, projectId: null, accountId: null, customerId: null,
        eventType: 'ps.billing.invoice.posted', eventId: `event-${changeId}`,
    };
}
/** An executor answering every entity by its id, recording the documents and variables it ran. */
function recordingExecutor() {
    const runs = [];
    const execute = async (text, variables) => {
        runs.push({ query: text, variables });
        const data = {};
        for (const [name, id] of Object.entries(variables)) {
            const index = Number(name.slice((0, federatedSelection_1.entityIdVariable)(0).length - 1));
            data[(0, federatedSelection_1.entityResponseKey)(index)] = id === '' ? null : { id };
        }
        return { data };
    };
    return { runs, execute };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
(0, node_test_1.describe)('PayloadResolver', () => {
    (0, node_test_1.it)('batches the entities of one run into one document of a power-of-two size', async () => {
        const { runs, execute } = recordingExecutor();
        const resolver = new payloadResolver_1.PayloadResolver(execute);
        const results = await Promise.all(['INV-1', 'INV-2', 'INV-3'].map((id, i) => resolver.resolve(change(String(i + 1), id), 'invoice', query)));
        strict_1.default.deepEqual(results, [{ id: 'INV-1' }, { id: 'INV-2' }, { id: 'INV-3' }]);
        strict_1.default.equal(resolver.queries, 1);
        strict_1.default.equal(runs[0].query, query.textFor(4));
    });
    (0, node_test_1.it)('plans the other batch sizes of a new selection once, in the background, reading no entity', async () => {
        const { runs, execute } = recordingExecutor();
        const resolver = new payloadResolver_1.PayloadResolver(execute);
        await resolver.resolve(change('1', 'INV-1'), 'invoice', query);
        await settle();
        const sizes = [];
        for (let size = 1; size <= payloadResolver_1.MAX_BATCH; size *= 2)
            sizes.push(size);
        const planned = runs.slice(1);
        strict_1.default.deepEqual(planned.map((run) => run.query), sizes.filter((size) => size !== 1).map((size) => query.textFor(size)));
        for (const run of planned)
            strict_1.default.ok(Object.values(run.variables).every((id) => id === ''), 'planning runs name no entity');
        // A second change of the same selection plans nothing again.
        await resolver.resolve(change('2', 'INV-2'), 'invoice', query);
        await settle();
        strict_1.default.equal(runs.length, planned.length + 2);
        strict_1.default.equal(resolver.queries, 2);
    });
});
//# sourceMappingURL=live.payloadResolver.unit.test.js.map