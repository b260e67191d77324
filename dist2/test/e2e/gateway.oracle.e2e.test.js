"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Every figure through the gateway equals the simulator's oracle, for every
 * delivery mode, in both deployment modes: the four subgraphs in the
 * gateway's process, and each subgraph in its own process behind
 * `servicegraph gateway`.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const gateway_1 = require("../../gateway/gateway");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const subgraphs_1 = require("../../subgraphs");
const graphqlFigures_1 = require("../support/graphqlFigures");
const multiProcessGraph_1 = require("../support/multiProcessGraph");
const simulatedDatabase_1 = require("../support/simulatedDatabase");
const firm = (0, firm_1.simulateFirm)({ seed: 'gateway-oracle', scale: 1 });
const expected = (0, oracle_1.expectedFigures)(firm.events);
const customerIds = Object.keys(expected.customers);
const legalEntityIds = [...new Set(Object.values(expected.projects).map((p) => p.legalEntityId))];
function checkAgainstOracle(read) {
    let figures;
    (0, node_test_1.before)(async () => {
        figures = await read();
    });
    (0, node_test_1.it)('has every figure of every project', () => {
        strict_1.default.deepEqual(Object.keys(figures.projects), Object.keys(expected.projects));
        strict_1.default.deepEqual(figures.projects, (0, graphqlFigures_1.sameFields)(expected.projects, figures.projects));
    });
    (0, node_test_1.it)('has every figure of every invoice', () => {
        strict_1.default.deepEqual(Object.keys(figures.invoices), Object.keys(expected.invoices));
        strict_1.default.deepEqual(figures.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, figures.invoices));
    });
    (0, node_test_1.it)('has every customer, merged accounts pointing at their survivor with their balances under it', () => {
        strict_1.default.deepEqual(figures.customers, (0, graphqlFigures_1.sameFields)(expected.customers, figures.customers));
        const merged = Object.values(figures.customers).filter((c) => c.status === 'merged');
        strict_1.default.ok(merged.length > 0, 'the firm merges an account');
        for (const account of merged) {
            const survivor = figures.customers[account.mergedInto];
            strict_1.default.ok(survivor && survivor.status !== 'merged', `${String(account.customerId)} is merged into a survivor`);
            strict_1.default.deepEqual(account.outstandingBalance, [], 'a merged account owes nothing of its own');
        }
        strict_1.default.deepEqual(figures.survivors, customerIds.filter((id) => expected.customers[id].status !== 'merged'), '`customers` lists the survivors');
    });
    (0, node_test_1.it)('has the portfolio, for all legal entities and for each one', () => {
        strict_1.default.deepEqual(figures.portfolio, expected.portfolio.map((row) => (0, graphqlFigures_1.sameFields)({ row }, { row: figures.portfolio[0] }).row));
        strict_1.default.deepEqual(figures.portfolioByLegalEntity, expected.portfolioByLegalEntity.map((row) => (0, graphqlFigures_1.sameFields)({ row }, { row: figures.portfolio[0] }).row));
    });
}
(0, node_test_1.describe)('every figure through the gateway equals the oracle', () => {
    for (const mode of delivery_1.DELIVERY_MODES) {
        (0, node_test_1.describe)(`delivered ${mode}`, () => {
            let db;
            (0, node_test_1.before)(async () => {
                db = await (0, simulatedDatabase_1.simulatedDatabase)(firm.events, mode);
            });
            (0, node_test_1.after)(() => db?.drop());
            (0, node_test_1.describe)('one process (subgraphs in the gateway’s process)', () => {
                let gateway;
                (0, node_test_1.before)(async () => {
                    gateway = await (0, gateway_1.startGateway)({ subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0 });
                });
                (0, node_test_1.after)(() => gateway?.close());
                checkAgainstOracle(() => (0, graphqlFigures_1.graphqlFigures)(gateway.url, customerIds, legalEntityIds));
            });
            (0, node_test_1.describe)('one process per subgraph (servicegraph subgraph ×4, servicegraph gateway)', () => {
                let graph;
                (0, node_test_1.before)(async () => {
                    graph = await (0, multiProcessGraph_1.startMultiProcessGraph)(db.url);
                });
                (0, node_test_1.after)(() => graph?.stop());
                checkAgainstOracle(() => (0, graphqlFigures_1.graphqlFigures)(graph.gatewayUrl, customerIds, legalEntityIds));
            });
        });
    }
});
//# sourceMappingURL=gateway.oracle.e2e.test.js.map