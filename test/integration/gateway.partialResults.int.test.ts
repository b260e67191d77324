import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { SUBGRAPH_UNAVAILABLE } from '../../gateway/dataSources';
import { serveStub, stubSubgraphs, type StubSubgraph } from '../support/stubSubgraphs';

// A customer page touching all four subgraphs, and a second root field.
const QUERY = `{
  invoices { id netTotal { amount } customer { id name } project { name margin { amount } } }
  customer(id: "C1") { name outstandingBalance { amount } projects { name billedAmount { amount } margin { amount } } }
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ask(gateway: RunningGateway, query = QUERY): Promise<{ status: number; body: any }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

describe('partial results: one subgraph down, the others still answer', () => {
  const stubs = stubSubgraphs();
  const served = new Map<string, Awaited<ReturnType<typeof serveStub>>>();
  let gateway: RunningGateway;
  let complete: unknown;
  before(async () => {
    for (const stub of stubs) served.set(stub.name, await serveStub(stub));
    gateway = await startGateway({
      subgraphs: stubs.map((s) => ({ name: s.name, sdl: s.sdl, url: served.get(s.name)!.url })),
      host: '127.0.0.1', port: 0,
    });
    const answer = await ask(gateway);
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    complete = answer.body.data;
  });
  after(async () => {
    await gateway?.close();
    for (const s of served.values()) await s.close();
  });

  const restart = async (stub: StubSubgraph) => {
    served.set(stub.name, await serveStub(stub, served.get(stub.name)!.port));
  };

  it('with billing stopped: billing’s fields are null, everything else is there, one error names billing', async () => {
    const billing = stubs.find((s) => s.name === 'billing')!;
    await served.get('billing')!.close();
    try {
      const { status, body } = await ask(gateway);
      assert.equal(status, 200);
      assert.deepEqual(body.data, {
        invoices: null,
        customer: {
          name: 'Globex', outstandingBalance: null,
          projects: [{ name: 'Portal', billedAmount: null, margin: { amount: '40.00' } }, { name: 'Audit', billedAmount: null, margin: { amount: '-5.00' } }],
        },
      });
      assert.ok(body.errors.length >= 1);
      for (const error of body.errors) {
        assert.equal(error.extensions.code, SUBGRAPH_UNAVAILABLE);
        assert.equal(error.extensions.serviceName, 'billing');
        assert.match(error.message, /^subgraph "billing" is unavailable at http:\/\/127\.0\.0\.1:\d+\/graphql: .*ECONNREFUSED/);
      }
    } finally {
      await restart(billing);
    }
    assert.deepEqual((await ask(gateway)).body.data, complete, 'billing back: the whole answer again');
  });

  it('with customer stopped: invoices keep their figures, their customer is null', async () => {
    const customer = stubs.find((s) => s.name === 'customer')!;
    await served.get('customer')!.close();
    try {
      const { body } = await ask(gateway);
      assert.deepEqual(body.data.invoices.map((i: { customer: unknown }) => i.customer), [null, null]);
      assert.deepEqual(body.data.invoices.map((i: { netTotal: unknown }) => i.netTotal), [{ amount: '100.00' }, { amount: '50.00' }]);
      assert.equal(body.data.invoices[0].project.margin.amount, '40.00');
      assert.equal(body.data.customer, null);
      assert.deepEqual([...new Set(body.errors.map((e: { extensions: { serviceName: string } }) => e.extensions.serviceName))], ['customer']);
    } finally {
      await restart(customer);
    }
  });

  it('with revenue stopped: only the margins are null', async () => {
    const revenue = stubs.find((s) => s.name === 'revenue')!;
    await served.get('revenue')!.close();
    try {
      const { body } = await ask(gateway);
      const expected = JSON.parse(JSON.stringify(complete));
      for (const i of expected.invoices) i.project.margin = null;
      for (const p of expected.customer.projects) p.margin = null;
      assert.deepEqual(body.data, expected);
      assert.ok(body.errors.every((e: { extensions: { serviceName: string; code: string } }) => e.extensions.serviceName === 'revenue' && e.extensions.code === SUBGRAPH_UNAVAILABLE));
    } finally {
      await restart(revenue);
    }
  });
});

describe('partial results: a subgraph that does not answer in time', () => {
  it('is given up on after the timeout, its fields null, the others answered', async () => {
    const stubs = stubSubgraphs();
    const served = new Map(await Promise.all(stubs.filter((s) => s.name !== 'revenue').map(async (s) => [s.name, await serveStub(s)] as const)));
    const hung = http.createServer(() => undefined); // reads the request, never answers
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;
    const gateway = await startGateway({
      subgraphs: stubs.map((s) => ({ name: s.name, sdl: s.sdl, url: served.get(s.name)?.url ?? hungUrl })),
      host: '127.0.0.1', port: 0, subgraphTimeoutMs: 300,
    });
    try {
      const started = Date.now();
      const { body } = await ask(gateway, '{ customer(id: "C1") { name projects { name margin { amount } } } }');
      assert.ok(Date.now() - started < 5_000);
      assert.deepEqual(body.data, { customer: { name: 'Globex', projects: [{ name: 'Portal', margin: null }, { name: 'Audit', margin: null }] } });
      assert.equal(body.errors[0].extensions.code, SUBGRAPH_UNAVAILABLE);
      assert.equal(body.errors[0].extensions.serviceName, 'revenue');
      assert.match(body.errors[0].message, /timeout/i);
    } finally {
      await gateway.close();
      hung.closeAllConnections();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
      for (const s of served.values()) await s.close();
    }
  });
});

describe('partial results in process: a subgraph whose resolvers fail', () => {
  it('keeps the other subgraphs’ data and passes the subgraph’s error on with its name, its text kept to the log', async () => {
    const logged: string[] = [];
    const log = { debug() {}, info() {}, warn() {}, error: (message: string) => { logged.push(message); } };
    const gateway = await startGateway({ subgraphs: stubSubgraphs({ fail: ['revenue'] }), host: '127.0.0.1', port: 0, log });
    try {
      const { body } = await ask(gateway);
      assert.equal(body.data.customer.name, 'Globex');
      assert.deepEqual(body.data.customer.projects.map((p: { margin: unknown }) => p.margin), [null, null]);
      assert.ok(body.errors.length > 0);
      for (const error of body.errors) {
        assert.equal(error.extensions.serviceName, 'revenue');
        // A resolver's own failure is the hub's fault: the client gets an error id, the log the message.
        assert.match(error.message, /^internal error while resolving this field \(error id [0-9a-f-]{36}\)$/);
        assert.equal(error.extensions.code, 'INTERNAL_SERVER_ERROR');
        assert.ok(!error.path || !error.path.includes('@'), 'no query-plan path leaks into the response');
        // The operator finds the whole error in the gateway's own log, under the id the client was told.
        const id = /error id ([0-9a-f-]{36})/.exec(error.message)![1]!;
        assert.ok(logged.some((line) => line.startsWith(`subgraph revenue: error ${id}: `)), `no log line for error ${id}: ${JSON.stringify(logged)}`);
      }
    } finally {
      await gateway.close();
    }
  });

  it('with the contract’s nullability unchanged, one failed subgraph nulls the whole response (why boundary mode exists)', async () => {
    const gateway = await startGateway({ subgraphs: stubSubgraphs({ fail: ['customer'] }), host: '127.0.0.1', port: 0, nullability: 'contract' });
    try {
      const { body } = await ask(gateway);
      assert.equal(body.data, null);
      assert.ok(body.errors.every((e: { extensions: { serviceName: string } }) => e.extensions.serviceName === 'customer'));
    } finally {
      await gateway.close();
    }
  });
});
