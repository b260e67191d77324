import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { QueryPlan } from '@apollo/query-planner';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { EXAMPLE_QUERIES } from '../../gateway/exampleQueries';
import { stubSubgraphs } from '../support/stubSubgraphs';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('the gateway over HTTP (GraphQL over HTTP)', () => {
  let gateway: RunningGateway;
  const plans: QueryPlan[] = [];
  before(async () => {
    gateway = await startGateway({ subgraphs: stubSubgraphs(), host: '127.0.0.1', port: 0, onQueryPlan: (plan) => plans.push(plan) });
  });
  after(() => gateway?.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}?${new URLSearchParams(params)}`, { headers });

  it('answers a query over POST, in the media type the client asks for', async () => {
    const query = '{ customer(id: "C1") { name projects { name margin { amount } } } }';
    const expected = { data: { customer: { name: 'Globex', projects: [{ name: 'Portal', margin: { amount: '40.00' } }, { name: 'Audit', margin: { amount: '-5.00' } }] } } };
    const modern = await post({ query }, { accept: GRAPHQL_RESPONSE });
    assert.equal(modern.status, 200);
    assert.match(modern.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
    assert.deepEqual(await json(modern), expected);
    const legacy = await post({ query }, { accept: 'application/json' });
    assert.match(legacy.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await json(legacy), expected);
  });

  it('answers a query over GET, with variables and operation name', async () => {
    const response = await get({ query: 'query One($id: ID!) { invoice(id: $id) { id customer { name } } }', variables: JSON.stringify({ id: 'I2' }), operationName: 'One' });
    assert.equal(response.status, 200);
    assert.deepEqual(await json(response), { data: { invoice: { id: 'I2', customer: { name: 'Globex' } } } });
  });

  it('answers 400 when the operation to run cannot be chosen', async () => {
    const two = 'query A { customer(id: "C1") { name } } query B { customer(id: "C1") { id } }';
    for (const [body, pattern] of [
      [{ query: two }, /expected an operationName to choose one of the document's 2 operations, got none/],
      [{ query: two, operationName: 'C' }, /expected an operation named "C" in the document/],
    ] as const) {
      const response = await post(body);
      assert.equal(response.status, 400);
      const answer = await json(response);
      assert.equal(answer.errors[0].extensions.code, 'OPERATION_RESOLUTION_FAILURE');
      assert.match(answer.errors[0].message, pattern);
    }
    assert.equal((await post({ query: two, operationName: 'B' })).status, 200);
  });

  it('refuses a mutation or subscription over GET with 405', async () => {
    for (const query of ['mutation { x }', 'subscription { x }']) {
      const response = await get({ query });
      assert.equal(response.status, 405);
      const body = await json(response);
      assert.equal(body.errors[0].extensions.code, 'BAD_REQUEST');
      assert.match(body.errors[0].message, /GET requests only support query operations/);
    }
  });

  it('answers 400 with a code for a document that does not parse or validate, and for bad variables', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ query: '{ customers { ' }, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
      [{ query: '{ customers { nope } }' }, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope" on type "Customer"/],
      [{ query: '{ customer(id: {a: 1}) { name } }' }, 'GRAPHQL_VALIDATION_FAILED', /ID cannot represent/],
      [{ query: 'query($id: ID!) { customer(id: $id) { name } }', variables: { id: [1] } }, 'BAD_USER_INPUT', /Variable "\$id" got invalid value/],
      [{ query: 'query($id: ID!) { customer(id: $id) { name } }' }, 'BAD_USER_INPUT', /Variable "\$id" of required type "ID!" was not provided/],
      [{ variables: {} }, 'BAD_REQUEST', /must contain a non-empty `query`/],
      ['{"query": ', 'BAD_REQUEST', /not JSON/],
      [[{ query: '{ customers { totalCount } }' }, { query: '{ __typename }' }], 'BAD_REQUEST', /^expected a POST body of one operation, a JSON object .*, got an array of 2 \(batches are not served/],
      [null, 'BAD_REQUEST', /^expected a POST body of one operation, a JSON object .*, got null$/],
      [{ query: 42 }, 'BAD_REQUEST', /^expected "query" to be the document's text, a string, got 42$/],
    ];
    for (const [body, code, message] of cases) {
      const response = await post(body, { accept: GRAPHQL_RESPONSE });
      assert.equal(response.status, 400, JSON.stringify(body));
      const answer = await json(response);
      assert.equal(answer.data, undefined);
      assert.equal(answer.errors[0].extensions.code, code, JSON.stringify(answer));
      assert.match(answer.errors[0].message, message);
    }
  });

  it('answers 415 for a POST that is not JSON, 406 for an Accept it cannot meet, 405 for other methods, 404 elsewhere', async () => {
    const text = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ customers { id } }' });
    assert.equal(text.status, 415);
    assert.equal((await json(text)).errors[0].extensions.code, 'UNSUPPORTED_MEDIA_TYPE');
    const xml = await get({ query: '{ customers { id } }' }, { accept: 'application/xml' });
    assert.equal(xml.status, 406);
    const put = await fetch(gateway.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(put.status, 405);
    assert.match(put.headers.get('allow') ?? '', /GET, POST/);
    const elsewhere = await fetch(gateway.url.replace('/graphql', '/nothing'));
    assert.equal(elsewhere.status, 404);
    assert.equal((await json(elsewhere)).errors[0].extensions.code, 'NOT_FOUND');
  });

  it('answers 413 for a body over the limit, and keeps serving', async () => {
    const big = JSON.stringify({ query: `{ customers { id } } # ${'x'.repeat(2 * 1024 * 1024)}` });
    const response = await post(big);
    assert.equal(response.status, 413);
    assert.equal((await json(response)).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    assert.equal((await post({ query: '{ customers { id } }' })).status, 200);
  });

  it('answers 413 for a body over the limit sent in chunks, without a Content-Length', async () => {
    // The size is only known while reading: the refusal must still say 413, not that the client hung up.
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    assert.equal(response.status, 413);
    const answer = await json(response);
    assert.equal(answer.errors[0].extensions.code, 'PAYLOAD_TOO_LARGE', JSON.stringify(answer));
    assert.equal((await post({ query: '{ customers { id } }' })).status, 200);
  });

  it('keeps query plans in its cache: the same operation is planned once', async () => {
    plans.length = 0;
    const query = '{ invoices { id project { name margin { amount } } } }';
    for (let i = 0; i < 3; i++) assert.equal((await post({ query })).status, 200);
    assert.equal(plans.length, 3);
    assert.ok(plans[1] === plans[0] && plans[2] === plans[0], 'the second and third requests reuse the first plan');
  });

  it('answers the same operation for each request\'s own variables', async () => {
    const query = 'query One($id: ID!) { customer(id: $id) { id name } }';
    const { data: first } = await json(await post({ query, variables: { id: 'C1' } }));
    const { data: second } = await json(await post({ query, variables: { id: 'C2' } }));
    const { data: third } = await json(await post({ query, variables: { id: 'C1' } }));
    assert.deepEqual(third, first);
    assert.equal(first.customer.name, 'Globex');
    assert.equal(second.customer.name, 'Initech');
  });

  it('answers health checks', async () => {
    const response = await fetch(gateway.url.replace('/graphql', '/health'));
    assert.equal(response.status, 200);
    assert.deepEqual(await json(response), { status: 'ok' });
  });
});

describe('the explorer', () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway({ subgraphs: stubSubgraphs(), host: '127.0.0.1', port: 0 });
  });
  after(() => gateway?.close());

  it('serves GraphiQL to a browser from the project’s own files, with the contract’s example queries as tabs', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.doesNotMatch(html, /https?:\/\//, 'no file comes from another origin');
    // The icon is inline (`data:,`): the browser asks the gateway for no favicon.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((url) => url !== 'data:,');
    assert.match(html, /<link rel="icon" href="data:,">/);
    assert.deepEqual(assets.sort(), ['/explorer/graphiql.min.css', '/explorer/graphiql.min.js', '/explorer/react-dom.production.min.js', '/explorer/react.production.min.js']);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, gateway.url));
      assert.equal(response.status, 200, asset);
      assert.match(response.headers.get('content-type') ?? '', asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      assert.ok((await response.arrayBuffer()).byteLength > 10_000, `${asset} is the real file`);
    }
    const config = JSON.parse(/<script id="servicegraph-explorer" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    assert.equal(config.endpoint, '/graphql');
    assert.equal(config.subscriptions, null, 'without the live extension the explorer opens no WebSocket');
    assert.deepEqual(config.tabs.map((t: { query: string }) => t.query), EXAMPLE_QUERIES.map((q) => q.query));
  });

  it('still answers GraphQL to a GET with a query, and JSON clients get no page', async () => {
    const query = await fetch(`${gateway.url}?query=${encodeURIComponent('{ customers { id } }')}`, { headers: { accept: 'text/html,*/*;q=0.8' } });
    assert.equal(query.status, 200);
    assert.deepEqual(await json(query), { data: { customers: [{ id: 'C1' }, { id: 'C2' }] } });
    const plain = await fetch(gateway.url, { headers: { accept: 'application/json' } });
    assert.equal(plain.status, 400);
  });

  it('serves nothing that is not one of its files', async () => {
    for (const name of ['../package.json', 'graphiql.js', '%2e%2e%2fpackage.json']) {
      assert.equal((await fetch(new URL(`/explorer/${name}`, gateway.url))).status, 404, name);
    }
  });
});

describe('extensions of the gateway', () => {
  it('serve their own routes on the gateway’s port, run operations through the gateway, and close with it', async () => {
    let closed = false;
    const gateway = await startGateway({
      subgraphs: stubSubgraphs(), host: '127.0.0.1', port: 0,
      extensions: [(core) => ({
        async handleRequest(req, res) {
          if (req.url !== '/names') return false;
          const result = await core.execute('query Names($id: ID!) { customer(id: $id) { name projects { name } } }', { id: 'C1' }, 'Names');
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ result, hasInvoice: core.schema.getType('Invoice') !== undefined }));
          return true;
        },
        close: async () => { closed = true; },
      })],
    });
    try {
      const response = await fetch(gateway.url.replace('/graphql', '/names'));
      assert.deepEqual(await json(response), {
        result: { data: { customer: { name: 'Globex', projects: [{ name: 'Portal' }, { name: 'Audit' }] } } },
        hasInvoice: true,
      });
      assert.equal((await fetch(`${gateway.url}?query=${encodeURIComponent('{ customers { id } }')}`)).status, 200, 'GraphQL still answers');
    } finally {
      await gateway.close();
    }
    assert.ok(closed);
  });
});

describe('contexts in one-process mode', () => {
  it('gives each request one fresh context object per subgraph, shared by that request’s fetches to it', async () => {
    const seen: Array<{ subgraph: string; context: object }> = [];
    const record = (subgraph: string) => (context: object) => seen.push({ subgraph, context });
    const stubs = stubSubgraphs({ onContext: { customer: record('customer'), billing: record('billing') } });
    const gateway = await startGateway({ subgraphs: stubs, host: '127.0.0.1', port: 0 });
    try {
      // customer is fetched twice in this request: for the root field, and for the invoices' customers.
      const query = '{ customer(id: "C1") { name } invoices { id customer { name } } }';
      for (let i = 0; i < 2; i++) {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        assert.equal((await json(response)).errors, undefined);
      }
      const contexts = (subgraph: string) => [...new Set(seen.filter((s) => s.subgraph === subgraph).map((s) => s.context))];
      // Per request: the root field, and one reference per invoice (two) in the entities fetch.
      assert.equal(seen.filter((s) => s.subgraph === 'customer').length, 6);
      assert.equal(contexts('customer').length, 2, 'one customer context per request');
      assert.equal(contexts('billing').length, 2, 'one billing context per request');
      assert.ok(!contexts('customer').some((c) => contexts('billing').includes(c)), 'subgraphs never share a context');
    } finally {
      await gateway.close();
    }
  });
});
