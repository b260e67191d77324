/**
 * Four tiny subgraphs shaped like the real ones (customer owns Customer,
 * project owns Project, billing owns Invoice and adds to Customer and Project,
 * revenue adds to Project), with the contract's nullability, over fixed data.
 * They test the gateway on its own: composition, HTTP, partial results.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';

export interface StubSubgraph {
  readonly name: 'customer' | 'project' | 'billing' | 'revenue';
  readonly sdl: string;
  readonly schema: GraphQLSchema;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

const customers = [
  { id: 'C1', name: 'Globex', status: 'active', mergedInto: null as string | null },
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

const money = (amount: string) => ({ amount, currency: 'EUR' });
const MONEY = 'type Money @shareable { amount: String!  currency: String! }';

/**
 * Builds the four stubs; `fail` makes every resolver of the named subgraphs
 * throw; `onContext` sees the context object of each root or entity fetch.
 */
export function stubSubgraphs(options: { fail?: readonly string[]; onContext?: Partial<Record<string, (context: object) => void>> } = {}): StubSubgraph[] {
  const guard = (name: string, context?: object) => {
    if (context) options.onContext?.[name]?.(context);
    if (options.fail?.includes(name)) throw new Error(`${name} is failing on purpose`);
  };
  const defs: Array<{ name: StubSubgraph['name']; sdl: string; resolvers: Record<string, unknown> }> = [
    {
      name: 'customer',
      sdl: `${LINK}
        type Customer @key(fields: "id") { id: ID!  name: String!  status: String!  mergedInto: Customer }
        type Query { customer(id: ID!): Customer  customers: [Customer!]! }`,
      resolvers: {
        Query: {
          customer: (_: unknown, { id }: { id: string }, context: object) => (guard('customer', context), customers.find((c) => c.id === id) ?? null),
          customers: () => (guard('customer'), customers),
        },
        Customer: {
          __resolveReference: (ref: { id: string }, context: object) => (guard('customer', context), customers.find((c) => c.id === ref.id)),
          mergedInto: (c: { mergedInto: string | null }) => (c.mergedInto ? { id: c.mergedInto } : null),
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
          project: (_: unknown, { id }: { id: string }) => (guard('project'), projects.find((p) => p.id === id) ?? null),
          projects: () => (guard('project'), projects),
        },
        Project: {
          __resolveReference: (ref: { id: string }) => (guard('project'), projects.find((p) => p.id === ref.id)),
          customer: (p: { customerId: string }) => ({ id: p.customerId }),
        },
        Customer: {
          __resolveReference: (ref: { id: string }) => (guard('project'), ref),
          projects: (c: { id: string }) => (guard('project'), projects.filter((p) => p.customerId === c.id)),
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
          invoice: (_: unknown, { id }: { id: string }) => (guard('billing'), invoices.find((i) => i.id === id) ?? null),
          invoices: (_: unknown, _args: unknown, context: object) => (guard('billing', context), invoices),
        },
        Invoice: {
          __resolveReference: (ref: { id: string }) => (guard('billing'), invoices.find((i) => i.id === ref.id)),
          netTotal: (i: { net: string }) => money(i.net),
          customer: (i: { customerId: string }) => ({ id: i.customerId }),
          project: (i: { projectId: string }) => ({ id: i.projectId }),
        },
        Customer: {
          __resolveReference: (ref: { id: string }) => (guard('billing'), ref),
          outstandingBalance: () => [money('150.00')],
        },
        Project: {
          __resolveReference: (ref: { id: string }) => (guard('billing'), projects.find((p) => p.id === ref.id)),
          billedAmount: (p: { billed: string }) => money(p.billed),
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
          __resolveReference: (ref: { id: string }) => (guard('revenue'), projects.find((p) => p.id === ref.id)),
          margin: (p: { margin: string }) => money(p.margin),
        },
      },
    },
  ];
  return defs.map(({ name, sdl, resolvers }) => ({
    name,
    sdl,
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
  }));
}

/** Serves a stub over HTTP (POST JSON only, like a subgraph behind a gateway). */
export async function serveStub(subgraph: StubSubgraph, port = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const document = parse(query);
    const errors = validate(subgraph.schema, document);
    const result = errors.length > 0
      ? { errors }
      : await execute({ schema: subgraph.schema, document, variableValues: variables, operationName, contextValue: {} });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/graphql`,
    port: actual,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
