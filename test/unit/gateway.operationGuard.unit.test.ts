/**
 * The operation guard decides from the document alone (docs/api.md,
 * "Access"; docs/limits.md): which fields need which scopes (read from the
 * supergraph's `@requiresScopes`), how deep, aliased and costly an operation
 * is, and where parsing stops. The financial fields are derived from the
 * schema (every Money field, every marginPercent), so a new one without the
 * directive fails here; every example operation the project ships passes the
 * default limits.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  buildSchema, getIntrospectionQuery, getOperationAST, GraphQLError, Kind, Lexer, parse, Source, TokenKind, type DocumentNode,
} from 'graphql';
import { OPEN_PRINCIPAL, type Principal, type Scope } from '../../access/principal';
import { DEFAULT_LIMITS, type OperationLimits } from '../../config/limits';
import { EXAMPLE_QUERIES } from '../../gateway/exampleQueries';
import type { RunningGateway } from '../../gateway/gateway';
import { analyzeOperation } from '../../access/operationAnalysis';
import { limitErrors, parseWithinLimits } from '../../gateway/operationLimits';
import { requiredScopesOf } from '../../access/requiredScopes';
import { LIVE_PAGE_OPERATIONS } from '../../live/pageOperations';
import { loadReports } from '../../reporting/catalogue';
import { MAX_FIRST } from '../../resolvers/shared/pagination';
import { financialFields } from '../support/financialFields';
import { startSchemaOnlyGateway } from '../support/schemaOnlyGateway';

const root = path.join(__dirname, '..', '..', '..');

const principal = (...scopes: Scope[]): Principal => ({ ...OPEN_PRINCIPAL, subject: 'tester', scopes: new Set(scopes) });
const origin = { door: 'test', client: null };

/** The executable documents of the project's examples, by where they come from. */
function shippedOperations(): { where: string; query: string; variables?: Record<string, unknown> }[] {
  const found: { where: string; query: string; variables?: Record<string, unknown> }[] = [];
  for (const example of EXAMPLE_QUERIES) found.push({ where: `explorer: ${example.title}`, query: example.query });
  const markdown = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  for (const file of markdown) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const [, body] of text.matchAll(/```(?:graphql)?\n([^]*?)```/g)) {
      if (isExecutable(body!)) found.push({ where: `${file}: ${body!.trim().split('\n')[0]}`, query: body! });
    }
    // Queries inside curl examples: -d '{"query":"…"}'
    for (const [, literal] of text.matchAll(/"query"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
      const query = JSON.parse(literal!) as string;
      // `"query": ""` beside a trusted document's id names no document of its own.
      if (query.trim() !== '') found.push({ where: `${file}: ${literal}`, query });
    }
  }
  for (const operation of LIVE_PAGE_OPERATIONS) found.push({ where: `live page: ${operation.name}`, query: operation.body });
  for (const report of loadReports().values()) {
    // A report pages at the API's cap.
    found.push({ where: `report ${report.name}`, query: report.query, variables: report.paginated ? { first: MAX_FIRST } : {} });
  }
  return found;
}

function isExecutable(text: string): boolean {
  try {
    const document = parse(text);
    return document.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION);
  } catch {
    return false;
  }
}

function operationOf(document: DocumentNode) {
  const operation = getOperationAST(document);
  assert.ok(operation, 'one operation');
  return operation;
}

describe('the operation guard of the composed supergraph', () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startSchemaOnlyGateway();
  });
  after(async () => {
    await gateway?.close();
  });

  it('finds the schema\'s financial fields (every Money field, every marginPercent) in the dozens', () => {
    const fields = financialFields(gateway.core.schema);
    assert.ok(fields.length >= 40, `only ${fields.length}: ${fields.join(', ')}`);
    for (const known of ['Project.margin', 'Project.marginPercent', 'Invoice.grossTotal', 'Customer.outstandingBalance', 'PortfolioFigures.margin',
      'ProjectMonth.laborCost', 'PortfolioMonth.margin', 'AgingBuckets.over90', 'UnbilledFact.amount']) {
      assert.ok(fields.includes(known), `${known} is a financial field`);
    }
  });

  it('requires financials:read for every financial field, declared in the subgraphs with @requiresScopes', () => {
    const required = gateway.core.guard.requiredScopes;
    const unguarded = financialFields(gateway.core.schema).filter((field) => JSON.stringify(required.get(field)) !== '[["financials:read"]]');
    assert.deepEqual(unguarded, [], 'each Money field and marginPercent needs @Financial() (resolvers/shared/requiresScopes.ts)');
  });

  it('requires financials:read of nothing else but DSO, which is made of money alone', () => {
    const financial = new Set(financialFields(gateway.core.schema));
    const others = [...gateway.core.guard.requiredScopes].filter(([field, requirement]) =>
      !financial.has(field) && requirement.some((alternative) => alternative.includes('financials:read'))).map(([field]) => field);
    assert.deepEqual(others, ['Dso.days']);
  });

  it('requires operations:read of the operator\'s reads and operations:write of the dismissal', () => {
    const operator = [...gateway.core.guard.requiredScopes].filter(([, r]) => r.some((a) => a.some((s) => s.startsWith('operations:'))));
    assert.deepEqual(Object.fromEntries(operator), {
      'Query.ingestStatus': [['operations:read']], 'Query.hubExceptions': [['operations:read']], 'Query.parkedEvents': [['operations:read']],
      'Mutation.dismissHubException': [['operations:write']],
    });
  });

  it('admits every operation the project ships under the default limits, with every scope', () => {
    const operations = shippedOperations();
    // The explorer's six, the live page's four, every report, and the docs' examples.
    assert.ok(operations.length >= 6 + 4 + 10 + 2, `found only ${operations.length}`);
    for (const { where, query, variables } of operations) {
      const document = gateway.core.guard.parse(query, origin, OPEN_PRINCIPAL);
      const refusal = gateway.core.guard.check({ document, operation: operationOf(document), variables, principal: OPEN_PRINCIPAL, origin });
      assert.equal(refusal, undefined, `${where}: ${refusal?.errors.map((e) => e.message).join('; ')}`);
    }
  });

  it('admits the explorer\'s introspection query', () => {
    const document = gateway.core.guard.parse(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), origin, OPEN_PRINCIPAL);
    assert.equal(gateway.core.guard.check({ document, operation: operationOf(document), principal: OPEN_PRINCIPAL, origin }), undefined);
  });

  it('refuses without graph:read, whatever the operation selects', () => {
    const document = parse('{ __typename }');
    const refusal = gateway.core.guard.check({ document, operation: operationOf(document), principal: principal('financials:read'), origin });
    assert.equal(refusal?.status, 403);
    assert.deepEqual(refusal?.errors.map((e) => e.extensions), [{ code: 'FORBIDDEN', scope: 'graph:read' }]);
  });

  it('refuses one error per field a token may not read, with the coordinate, through fragments and inline fragments', () => {
    const document = parse(`
      query Page($id: ID!) {
        project(id: $id) { name ...Money  ... on Project { marginPercent customer { outstandingBalance { amount } } } }
        ingestStatus { received }
      }
      fragment Money on Project { margin { amount } revenueBacklog { amount } }
      fragment Unused on Project { laborCost { amount } }`);
    const refusal = gateway.core.guard.check({ document, operation: operationOf(document), principal: principal('graph:read'), origin });
    assert.equal(refusal?.status, 403);
    assert.deepEqual(refusal?.errors.map((e) => e.extensions.field).sort(), [
      'Customer.outstandingBalance', 'Project.margin', 'Project.marginPercent', 'Project.revenueBacklog', 'Query.ingestStatus',
    ]);
    assert.ok(refusal!.errors.every((e) => e.extensions.code === 'FORBIDDEN' && e.locations?.length === 1));
    assert.match(refusal!.errors.find((e) => e.extensions.field === 'Project.margin')!.message, /^Project\.margin needs the scope financials:read/);
    const granted = gateway.core.guard.check({ document, operation: operationOf(document), principal: principal('graph:read', 'financials:read', 'operations:read'), origin });
    assert.equal(granted, undefined);
  });
});

describe('the limits of an operation', () => {
  const schema = buildSchema(`
    type Query { node: Node  item(id: ID): Item  items(first: Int, after: String): ItemConnection!  list: [Item!]! }
    interface Node { id: ID!  secret: String }
    type Item implements Node { id: ID!  secret: String  child: Item  children(first: Int): ItemConnection! }
    type Other implements Node { id: ID!  secret: String }
    type ItemConnection { nodes: [Item!]!  totalCount: Int! }`);
  const analyze = (text: string) => {
    const document = parse(text);
    return analyzeOperation(schema, document, operationOf(document), 50);
  };

  it('counts depth from 1 at the root, through fragments, not counting __Type.ofType', () => {
    assert.equal(analyze('{ item { id } }').depth, 2);
    assert.equal(analyze('{ item { child { ...F } } } fragment F on Item { child { child { id } } }').depth, 5);
    assert.equal(analyze('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }').depth, 5);
  });

  it('bounds how deep introspection\'s lists nest: a type\'s fields of a field\'s type of a type\'s fields… is refused', () => {
    assert.equal(analyze('{ __schema { types { fields { args { name } } } directives { args { name } } } }').introspectionLists, 3);
    const nested = (levels: number) => `{ __schema { types { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } } }`;
    assert.equal(analyze(nested(2)).introspectionLists, 3);
    assert.deepEqual(limitErrors(analyze(nested(2)), {}, DEFAULT_LIMITS), []);
    const refused = limitErrors(analyze(nested(3)), {}, DEFAULT_LIMITS);
    assert.deepEqual(refused.map((e) => [e.extensions.code, e.extensions.got]), [['DEPTH_LIMIT_EXCEEDED', 4]]);
    assert.match(refused[0]!.message, /introspection's lists nested at most 3 deep/);
  });

  it('counts the aliases written, each fragment once however often it is spread', () => {
    assert.equal(analyze('{ a: item { b: id } c: list { id } }').aliases, 3);
    assert.equal(analyze('{ item { ...F ...F child { ...F } } } fragment F on Item { x: id y: id }').aliases, 2);
  });

  it('costs each field 1 and a connection\'s selection times its first (default 50; variables and their defaults)', () => {
    assert.equal(analyze('{ item { id child { id } } }').cost({}), 4);
    assert.equal(analyze('{ items(first: 10) { nodes { id } } }').cost({}), 1 + 10 * 2);
    assert.equal(analyze('{ items { totalCount } }').cost({}), 1 + 50 * 1);
    const paged = analyze('query($n: Int = 7) { items(first: $n) { nodes { children(first: 3) { totalCount } } } }');
    assert.equal(paged.cost({}), 1 + 7 * (1 + (1 + 3 * 1)));
    assert.equal(paged.cost({ n: 100 }), 1 + 100 * (1 + (1 + 3 * 1)));
    assert.equal(analyze('{ list { id } }').cost({}), 2, 'a list without first counts once');
  });

  it('reads a field selected on an interface as the field of every type that may stand there', () => {
    assert.deepEqual([...analyze('{ node { secret } }').coordinates.keys()].sort(), ['Item.secret', 'Node.secret', 'Other.secret', 'Query.node']);
  });

  it('weighs a fragment spread many times once: a document cannot make the guard do exponential work', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Item { child { ...F${i + 1} ...F${i + 1} } }`).join('\n');
    const analysis = analyze(`{ item { ...F0 } } ${fragments} fragment F${levels} on Item { id }`);
    assert.equal(analysis.depth, levels + 2);
    assert.ok(analysis.cost({}) > 2 ** levels, 'the cost counts every spread');
  });

  it('stops parsing past the token limit with TOKEN_LIMIT_EXCEEDED, and parses a document at the limit', () => {
    const limits: OperationLimits = { ...DEFAULT_LIMITS, graphqlMaxTokens: 100 };
    const ofTokens = (n: number) => {
      // `{` + fields + `}`: n tokens in all.
      const text = `{ ${Array.from({ length: n - 2 }, () => 'a').join(' ')} }`;
      const lexer = new Lexer(new Source(text));
      let count = 0;
      while (lexer.advance().kind !== TokenKind.EOF) count++;
      assert.equal(count, n);
      return text;
    };
    assert.doesNotThrow(() => parseWithinLimits(ofTokens(100), limits));
    assert.throws(() => parseWithinLimits(ofTokens(101), limits), (error: unknown) =>
      error instanceof GraphQLError && error.extensions.code === 'TOKEN_LIMIT_EXCEEDED' && /at most 100 tokens \(GRAPHQL_MAX_TOKENS\)/.test(error.message));
    assert.throws(() => parseWithinLimits('{ a', limits), (error: unknown) => error instanceof GraphQLError && error.extensions.code === undefined, 'other syntax errors as they are');
  });
});

describe('requiredScopesOf', () => {
  const supergraph = (link: string, body: string) => `
    schema @link(url: "https://specs.apollo.dev/link/v1.0") ${link} { query: Query }
    ${body}`;

  it('reads alternatives, a renamed directive, and a guarded type as guarding the fields that return it', () => {
    const sdl = supergraph('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", as: "scoped", for: SECURITY)', `
      type Query { a: Int @scoped(scopes: [["x", "y"], ["z"]])  b: Secret  c: Int }
      type Secret @scoped(scopes: [["s"]]) { v: Int @scoped(scopes: [["t"]]) }`);
    const api = buildSchema('type Query { a: Int  b: Secret  c: Int }  type Secret { v: Int }');
    assert.deepEqual(Object.fromEntries(requiredScopesOf(sdl, api)), { 'Query.a': [['x', 'y'], ['z']], 'Secret.v': [['t']], 'Query.b': [['s']] });
  });

  it('reads a subgraph\'s SDL, which imports the directive from Federation (renamed or not)', () => {
    const api = buildSchema('type Query { a: Int  b: Int }');
    const sdl = (imported: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", ${imported}])
      type Query { a: Int @requiresScopes(scopes: [["x"]])  b: Int @mine(scopes: [["y"]]) }`;
    assert.deepEqual(Object.fromEntries(requiredScopesOf(sdl('"@requiresScopes"'), api)), { 'Query.a': [['x']] });
    assert.deepEqual(Object.fromEntries(requiredScopesOf(sdl('{ name: "@requiresScopes", as: "@mine" }'), api)), { 'Query.b': [['y']] });
  });

  it('reads nothing from a supergraph that does not link the spec, and leaves out fields clients cannot select', () => {
    const api = buildSchema('type Query { a: Int }');
    assert.equal(requiredScopesOf(supergraph('', 'type Query { a: Int @requiresScopes(scopes: [["x"]]) }'), api).size, 0);
    const linked = supergraph('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
      'type Query { a: Int  hidden: Int @requiresScopes(scopes: [["x"]]) }');
    assert.equal(requiredScopesOf(linked, api).size, 0);
  });
});
