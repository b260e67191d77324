"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = __importDefault(require("node:http"));
const node_test_1 = require("node:test");
const gateway_1 = require("../../gateway/gateway");
const dataSources_1 = require("../../gateway/dataSources");
const stubSubgraphs_1 = require("../support/stubSubgraphs");
// A customer page touching all four subgraphs, and a second root field.
const QUERY = `{
  invoices { id netTotal { amount } customer { id name } project { name margin { amount } } }
  customer(id: "C1") { name outstandingBalance { amount } projects { name billedAmount { amount } margin { amount } } }
}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ask(gateway, query = QUERY) {
    const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
    });
    return { status: response.status, body: await response.json() };
}
(0, node_test_1.describe)('partial results: one subgraph down, the others still answer', () => {
    const stubs = (0, stubSubgraphs_1.stubSubgraphs)();
    const served = new Map();
    let gateway;
    let complete;
    (0, node_test_1.before)(async () => {
        for (const stub of stubs)
            served.set(stub.name, await (0, stubSubgraphs_1.serveStub)(stub));
        gateway = await (0, gateway_1.startGateway)({
            subgraphs: stubs.map((s) => ({ name: s.name, sdl: s.sdl, url: served.get(s.name).url })),
            host: '127.0.0.1', port: 0,
        });
        const answer = await ask(gateway);
        strict_1.default.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
        complete = answer.body.data;
    });
    (0, node_test_1.after)(async () => {
        await gateway?.close();
        for (const s of served.values())
            await s.close();
    });
    const restart = async (stub) => {
        served.set(stub.name, await (0, stubSubgraphs_1.serveStub)(stub, served.get(stub.name).port));
    };
    (0, node_test_1.it)('with billing stopped: billing’s fields are null, everything else is there, one error names billing', async () => {
        const billing = stubs.find((s) => s.name === 'billing');
        await served.get('billing').close();
        try {
            const { status, body } = await ask(gateway);
            strict_1.default.equal(status, 200);
            strict_1.default.deepEqual(body.data, {
                invoices: null,
                customer: {
                    name: 'Globex', outstandingBalance: null,
                    projects: [{ name: 'Portal', billedAmount: null, margin: { amount: '40.00' } }, { name: 'Audit', billedAmount: null, margin: { amount: '-5.00' } }],
                },
            });
            strict_1.default.ok(body.errors.length >= 1);
            for (const error of body.errors) {
                strict_1.default.equal(error.extensions.code, dataSources_1.SUBGRAPH_UNAVAILABLE);
                strict_1.default.equal(error.extensions.serviceName, 'billing');
                strict_1.default.match(error.message, /^subgraph "billing" is unavailable at http:\/\/127\.0\.0\.1:\d+\/graphql: .*ECONNREFUSED/);
            }
        }
        finally {
            await restart(billing);
        }
        strict_1.default.deepEqual((await ask(gateway)).body.data, complete, 'billing back: the whole answer again');
    });
    (0, node_test_1.it)('with customer stopped: invoices keep their figures, their customer is null', async () => {
        const customer = stubs.find((s) => s.name === 'customer');
        await served.get('customer').close();
        try {
            const { body } = await ask(gateway);
            strict_1.default.deepEqual(body.data.invoices.map((i) => i.customer), [null, null]);
            strict_1.default.deepEqual(body.data.invoices.map((i) => i.netTotal), [{ amount: '100.00' }, { amount: '50.00' }]);
            strict_1.default.equal(body.data.invoices[0].project.margin.amount, '40.00');
            strict_1.default.equal(body.data.customer, null);
            strict_1.default.deepEqual([...new Set(body.errors.map((e) => e.extensions.serviceName))], ['customer']);
        }
        finally {
            await restart(customer);
        }
    });
    (0, node_test_1.it)('with revenue stopped: only the margins are null', async () => {
        const revenue = stubs.find((s) => s.name === 'revenue');
        await served.get('revenue').close();
        try {
            const { body } = await ask(gateway);
            const expected = JSON.parse(JSON.stringify(complete));
            for (const i of expected.invoices)
                i.project.margin = null;
            for (const p of expected.customer.projects)
                p.margin = null;
            strict_1.default.deepEqual(body.data, expected);
            strict_1.default.ok(body.errors.every((e) => e.extensions.serviceName === 'revenue' && e.extensions.code === dataSources_1.SUBGRAPH_UNAVAILABLE));
        }
        finally {
            await restart(revenue);
        }
    });
});
(0, node_test_1.describe)('partial results: a subgraph that does not answer in time', () => {
    (0, node_test_1.it)('is given up on after the timeout, its fields null, the others answered', async () => {
        const stubs = (0, stubSubgraphs_1.stubSubgraphs)();
        const served = new Map(await Promise.all(stubs.filter((s) => s.name !== 'revenue').map(async (s) => [s.name, await (0, stubSubgraphs_1.serveStub)(s)])));
        const hung = node_http_1.default.createServer(() => undefined); // reads the request, never answers
        await new Promise((resolve) => hung.listen(0, '127.0.0.1', resolve));
        const hungUrl = `http://127.0.0.1:${hung.address().port}/graphql`;
        const gateway = await (0, gateway_1.startGateway)({
            subgraphs: stubs.map((s) => ({ name: s.name, sdl: s.sdl, url: served.get(s.name)?.url ?? hungUrl })),
            host: '127.0.0.1', port: 0, subgraphTimeoutMs: 300,
        });
        try {
            const started = Date.now();
            const { body } = await ask(gateway, '{ customer(id: "C1") { name projects { name margin { amount } } } }');
            strict_1.default.ok(Date.now() - started < 5_000);
            strict_1.default.deepEqual(body.data, { customer: { name: 'Globex', projects: [{ name: 'Portal', margin: null }, { name: 'Audit', margin: null }] } });
            strict_1.default.equal(body.errors[0].extensions.code, dataSources_1.SUBGRAPH_UNAVAILABLE);
            strict_1.default.equal(body.errors[0].extensions.serviceName, 'revenue');
            strict_1.default.match(body.errors[0].message, /timeout/i);
        }
        finally {
            await gateway.close();
            hung.closeAllConnections();
            await new Promise((resolve) => hung.close(() => resolve()));
            for (const s of served.values())
                await s.close();
        }
    });
});
(0, node_test_1.describe)('partial results in process: a subgraph whose resolvers fail', () => {
    (0, node_test_1.it)('keeps the other subgraphs’ data and passes the subgraph’s error on with its name', async () => {
        const gateway = await (0, gateway_1.startGateway)({ subgraphs: (0, stubSubgraphs_1.stubSubgraphs)({ fail: ['revenue'] }), host: '127.0.0.1', port: 0 });
        try {
            const { body } = await ask(gateway);
            strict_1.default.equal(body.data.customer.name, 'Globex');
            strict_1.default.deepEqual(body.data.customer.projects.map((p) => p.margin), [null, null]);
            strict_1.default.ok(body.errors.length > 0);
            for (const error of body.errors) {
                strict_1.default.equal(error.extensions.serviceName, 'revenue');
                strict_1.default.equal(error.message, 'revenue is failing on purpose');
                strict_1.default.ok(error.extensions.code);
                strict_1.default.ok(!error.path || !error.path.includes('@'), 'no query-plan path leaks into the response');
            }
        }
        finally {
            await gateway.close();
        }
    });
    (0, node_test_1.it)('with the contract’s nullability unchanged, one failed subgraph nulls the whole response (why boundary mode exists)', async () => {
        const gateway = await (0, gateway_1.startGateway)({ subgraphs: (0, stubSubgraphs_1.stubSubgraphs)({ fail: ['customer'] }), host: '127.0.0.1', port: 0, nullability: 'contract' });
        try {
            const { body } = await ask(gateway);
            strict_1.default.equal(body.data, null);
            strict_1.default.ok(body.errors.every((e) => e.extensions.serviceName === 'customer'));
        }
        finally {
            await gateway.close();
        }
    });
});
//# sourceMappingURL=gateway.partialResults.int.test.js.map