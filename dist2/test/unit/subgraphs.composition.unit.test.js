"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const composition_1 = require("@apollo/composition");
const graphql_1 = require("graphql");
const subgraphs_1 = require("../../subgraphs");
// Building a schema reads nothing: a pool that fails on use proves it.
const pool = { query: () => Promise.reject(new Error('no database in a unit test')) };
function compose(subgraphs) {
    return (0, composition_1.composeServices)(subgraphs.map((s) => ({ name: s.name, typeDefs: (0, graphql_1.parse)(s.sdl), url: `http://127.0.0.1/${s.name}` })));
}
/** The fields of a type in a composed supergraph SDL, `name: Type` without arguments or directives. */
function fieldsOf(sdl, type) {
    const body = new RegExp(`\\ntype ${type}\\b[^{]*\\{([^}]*)\\}`).exec(sdl)?.[1] ?? '';
    const fields = new Map();
    const flat = body.replace(/"""[^]*?"""/g, '').replace(/\([^)]*\)/g, '').replace(/@\w+(\([^)]*\))?/g, '');
    for (const line of flat.split('\n')) {
        const m = /^\s*(\w+)\s*:\s*(\S+)\s*$/.exec(line);
        if (m)
            fields.set(m[1], m[2]);
    }
    return fields;
}
(0, node_test_1.describe)('the four subgraphs', () => {
    (0, node_test_1.it)('are built in SUBGRAPH_NAMES order, each with its federation SDL', async () => {
        const subgraphs = await (0, subgraphs_1.createSubgraphs)({ pool });
        strict_1.default.deepEqual(subgraphs.map((s) => s.name), [...subgraphs_1.SUBGRAPH_NAMES]);
        for (const s of subgraphs) {
            strict_1.default.match(s.sdl, /^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.7"/);
            strict_1.default.ok(s.schema.getQueryType()?.getFields()._entities, `${s.name} answers _entities`);
        }
    });
    (0, node_test_1.it)('compose into a supergraph without errors', async () => {
        const result = compose(await (0, subgraphs_1.createSubgraphs)({ pool }));
        strict_1.default.equal(result.errors, undefined, result.errors?.map((e) => e.message).join('\n'));
    });
    (0, node_test_1.it)('give the supergraph every type and field of docs/api.md#graphql, with its exact type', async () => {
        const result = compose(await (0, subgraphs_1.createSubgraphs)({ pool }));
        const sdl = result.supergraphSdl;
        const contract = {
            Money: { amount: 'Decimal!', currency: 'String!' },
            Customer: {
                id: 'ID!', name: 'String!', legalEntityId: 'String!', billingCurrency: 'String!', status: 'String!', mergedInto: 'Customer',
                projects: 'ProjectConnection!', invoices: 'InvoiceConnection!', outstandingBalance: '[Money!]!',
            },
            Project: {
                id: 'ID!', name: 'String!', customer: 'Customer!', billingModel: 'BillingModel!', status: 'ProjectStatus!', currency: 'String!',
                legalEntityId: 'String!', approvedHours: 'Decimal!', billableApprovedHours: 'Decimal!', laborCost: 'Money!', expenseCost: 'Money!',
                billedAmount: 'Money!', unbilledApprovedAmount: 'Money!', unbilledApprovedHours: 'Decimal!', recognizedRevenue: 'Money!',
                margin: 'Money!', marginPercent: 'Decimal', revenueBacklog: 'Money', invoices: 'InvoiceConnection!',
            },
            Invoice: {
                id: 'ID!', number: 'String', customer: 'Customer!', project: 'Project', status: 'InvoiceStatus!', taxStatus: 'TaxStatus!',
                paymentState: 'PaymentState!', netTotal: 'Money!', taxTotal: 'Money', grossTotal: 'Money!', amountPaid: 'Money!', amountDue: 'Money',
                draftedAt: 'DateTime', postedAt: 'DateTime', sentAt: 'DateTime', dueDate: 'Date', openExceptions: '[InvoiceException!]!',
            },
            InvoiceException: { id: 'ID!', stage: 'String!', code: 'String!', message: 'String', raisedAt: 'DateTime!', ageHours: 'Float!' },
            Query: {
                customer: 'Customer', customers: 'CustomerConnection!', project: 'Project', projects: 'ProjectConnection!', invoice: 'Invoice',
                invoices: 'InvoiceConnection!', portfolio: '[PortfolioFigures!]!', ingestStatus: 'IngestStatus!',
            },
            PortfolioFigures: {
                currency: 'String!', legalEntityId: 'String', projectCount: 'Int!', approvedHours: 'Decimal!', laborCost: 'Money!',
                expenseCost: 'Money!', billedAmount: 'Money!', unbilledApprovedAmount: 'Money!', recognizedRevenue: 'Money!', margin: 'Money!',
                marginPercent: 'Decimal', outstandingBalance: 'Money!', openInvoiceExceptions: 'Int!',
            },
            IngestStatus: {
                received: 'Int!', applied: 'Int!', parked: 'Int!', duplicates: 'Int!', rejected: 'Int!', exceptions: 'Int!', pending: 'Int!',
            },
            PageInfo: { hasNextPage: 'Boolean!', endCursor: 'String' },
            InvoiceConnection: { edges: '[InvoiceEdge!]!', nodes: '[Invoice]!', pageInfo: 'PageInfo!', totalCount: 'Int!' },
            InvoiceEdge: { cursor: 'String!', node: 'Invoice' },
        };
        for (const [type, fields] of Object.entries(contract)) {
            const actual = fieldsOf(sdl, type);
            for (const [field, fieldType] of Object.entries(fields)) {
                strict_1.default.equal(actual.get(field), fieldType, `${type}.${field}`);
            }
        }
        for (const [name, values] of Object.entries({
            BillingModel: 'TIME_AND_MATERIALS FIXED_FEE MILESTONE RETAINER',
            ProjectStatus: 'SETUP ACTIVE ON_HOLD COMPLETED CLOSED CANCELLED',
            InvoiceStatus: 'DRAFT POSTED VOIDED',
            TaxStatus: 'PENDING SUCCEEDED FAILED',
            PaymentState: 'NOT_PAID PARTIAL PAID',
        })) {
            const body = new RegExp(`\\nenum ${name}[^{]*\\{([^}]*)\\}`).exec(sdl)?.[1] ?? '';
            strict_1.default.deepEqual(body.replace(/@\w+(\([^)]*\))?/g, '').split(/\s+/).filter(Boolean), values.split(' '), name);
        }
        for (const scalar of ['DateTime', 'Date', 'Decimal'])
            strict_1.default.match(sdl, new RegExp(`\\nscalar ${scalar}\\b`));
    });
    (0, node_test_1.it)('each own their root fields, so no two subgraphs answer the same one', async () => {
        const owners = new Map();
        for (const s of await (0, subgraphs_1.createSubgraphs)({ pool })) {
            for (const field of Object.keys(s.schema.getQueryType().getFields())) {
                if (field.startsWith('_'))
                    continue;
                strict_1.default.equal(owners.get(field), undefined, `Query.${field} in ${owners.get(field)} and ${s.name}`);
                owners.set(field, s.name);
            }
        }
        strict_1.default.deepEqual(Object.fromEntries([...owners].sort()), {
            customer: 'customer', customers: 'customer', ingestStatus: 'customer',
            project: 'project', projects: 'project', portfolio: 'project',
            invoice: 'billing', invoices: 'billing',
            receivablesAging: 'billing', unbilledAging: 'billing', dso: 'billing', unbilledFacts: 'billing',
            portfolioMonths: 'revenue',
        });
    });
    (0, node_test_1.it)('are built by name, and an unknown name is refused with the names expected', async () => {
        strict_1.default.equal((await (0, subgraphs_1.createSubgraphByName)('revenue', { pool })).name, 'revenue');
        await strict_1.default.rejects((0, subgraphs_1.createSubgraphByName)('payments', { pool }), /unknown subgraph "payments": expected one of customer, project, billing, revenue/);
    });
    (0, node_test_1.it)('can be built twice in one process (tests and the one-process gateway do)', async () => {
        const [a, b] = [await (0, subgraphs_1.createSubgraphByName)('billing', { pool }), await (0, subgraphs_1.createSubgraphByName)('billing', { pool })];
        strict_1.default.equal(a.sdl, b.sdl);
        strict_1.default.notEqual(a.schema, b.schema);
    });
});
//# sourceMappingURL=subgraphs.composition.unit.test.js.map