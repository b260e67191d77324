"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.stubSubgraphs = stubSubgraphs;
exports.serveStub = serveStub;
/**
 * Four tiny subgraphs shaped like the real ones (customer owns Customer,
 * project owns Project, billing owns Invoice and adds to Customer and Project,
 * revenue adds to Project), with the contract's nullability, over fixed data.
 * They test the gateway on its own: composition, HTTP, partial results.
 */
const node_http_1 = __importDefault(require("node:http"));
const subgraph_1 = require("@apollo/subgraph");
const graphql_1 = require("graphql");
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
const customers = [
    { id: 'C1', name: 'Globex', status: 'active', mergedInto: null },
    { id: 'C2', name: 'Initech', status: 'merged', mergedInto: 'C1' },
];
const projects = [
    { id: 'P1', name: 'Portal', customerId: 'C1', billed: '100.00', margin: '40.00' },
    { id: 'P2', name: 'Audit', customerId: 'C1', billed: '50.00', margin: '-5.00' },
];
const invoices = [
    { id: 'I1', customerId: 'C1', projectId: 'P1', net: '100.00' },
    { id: 'I2', customerId: 'C1', projectId: 'P2', net: '50.00' },
];
const money = (amount) => ({ amount, currency: 'EUR' });
const MONEY = 'type Money @shareable { amount: String!  currency: String! }';
/**
 * Builds the four stubs; `fail` makes every resolver of the named subgraphs
 * throw; `onContext` sees the context object of each root or entity fetch.
 */
function stubSubgraphs(options = {}) {
    const guard = (name, context) => {
        if (context)
            options.onContext?.[name]?.(context);
        if (options.fail?.includes(name))
            throw new Error(`${name} is failing on purpose`);
    };
    const defs = [
        {
            name: 'customer',
            sdl: `${LINK}
        type Customer @key(fields: "id") { id: ID!  name: String!  status: String!  mergedInto: Customer }
        type Query { customer(id: ID!): Customer  customers: [Customer!]! }`,
            resolvers: {
                Query: {
                    customer: (_, { id }, context) => (guard('customer', context), customers.find((c) => c.id === id) ?? null),
                    customers: () => (guard('customer'), customers),
                },
                Customer: {
                    __resolveReference: (ref, context) => (guard('customer', context), customers.find((c) => c.id === ref.id)),
                    mergedInto: (c) => (c.mergedInto ? { id: c.mergedInto } : null),
                },
            },
        },
        {
            name: 'project',
            sdl: `${LINK}
        type Project @key(fields: "id") { id: ID!  name: String!  customer: Customer! }
        type Customer @key(fields: "id") { id: ID!  projects: [Project!]! }
        type Query { project(id: ID!): Project  projects: [Project!]! }`,
            resolvers: {
                Query: {
                    project: (_, { id }) => (guard('project'), projects.find((p) => p.id === id) ?? null),
                    projects: () => (guard('project'), projects),
                },
                Project: {
                    __resolveReference: (ref) => (guard('project'), projects.find((p) => p.id === ref.id)),
                    customer: (p) => ({ id: p.customerId }),
                },
                Customer: {
                    __resolveReference: (ref) => (guard('project'), ref),
                    projects: (c) => (guard('project'), projects.filter((p) => p.customerId === c.id)),
                },
            },
        },
        {
            name: 'billing',
            sdl: `${LINK}
        ${MONEY}
        type Invoice @key(fields: "id") { id: ID!  netTotal: Money!  customer: Customer!  project: Project }
        type Customer @key(fields: "id") { id: ID!  outstandingBalance: [Money!]! }
        type Project @key(fields: "id") { id: ID!  billedAmount: Money! }
        type Query { invoice(id: ID!): Invoice  invoices: [Invoice!]! }`,
            resolvers: {
                Query: {
                    invoice: (_, { id }) => (guard('billing'), invoices.find((i) => i.id === id) ?? null),
                    invoices: (_, _args, context) => (guard('billing', context), invoices),
                },
                Invoice: {
                    __resolveReference: (ref) => (guard('billing'), invoices.find((i) => i.id === ref.id)),
                    netTotal: (i) => money(i.net),
                    customer: (i) => ({ id: i.customerId }),
                    project: (i) => ({ id: i.projectId }),
                },
                Customer: {
                    __resolveReference: (ref) => (guard('billing'), ref),
                    outstandingBalance: () => [money('150.00')],
                },
                Project: {
                    __resolveReference: (ref) => (guard('billing'), projects.find((p) => p.id === ref.id)),
                    billedAmount: (p) => money(p.billed),
                },
            },
        },
        {
            name: 'revenue',
            sdl: `${LINK}
        ${MONEY}
        type Project @key(fields: "id") { id: ID!  margin: Money! }
        type Query { revenueTotal: Money! }`,
            resolvers: {
                Query: { revenueTotal: () => (guard('revenue'), money('35.00')) },
                Project: {
                    __resolveReference: (ref) => (guard('revenue'), projects.find((p) => p.id === ref.id)),
                    margin: (p) => money(p.margin),
                },
            },
        },
    ];
    return defs.map(({ name, sdl, resolvers }) => ({
        name,
        sdl,
        schema: (0, subgraph_1.buildSubgraphSchema)([{ typeDefs: (0, graphql_1.parse)(sdl), resolvers: resolvers }]),
    }));
}
/** Serves a stub over HTTP (POST JSON only, like a subgraph behind a gateway). */
async function serveStub(subgraph, port = 0) {
    const server = node_http_1.default.createServer(async (req, res) => {
        const chunks = [];
        for await (const chunk of req)
            chunks.push(chunk);
        const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const document = (0, graphql_1.parse)(query);
        const errors = (0, graphql_1.validate)(subgraph.schema, document);
        const result = errors.length > 0
            ? { errors }
            : await (0, graphql_1.execute)({ schema: subgraph.schema, document, variableValues: variables, operationName, contextValue: {} });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
    });
    await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    const actual = server.address().port;
    return {
        url: `http://127.0.0.1:${actual}/graphql`,
        port: actual,
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}
//# sourceMappingURL=stubSubgraphs.js.map