import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { subgraphAddresses, UsageError } from '../../cli/graphql';
import { loadConfig } from '../../config/config';
import { CompositionError } from '../../gateway/compose';
import { startGateway } from '../../gateway/gateway';
import { loadRemoteSubgraphs, parseSubgraphAddress } from '../../gateway/remoteSubgraphs';
import { serveStub, stubSubgraphs } from '../support/stubSubgraphs';

const NAMES = ['customer', 'project', 'billing', 'revenue'];

describe('naming the subgraphs of the multi-process gateway', () => {
  it('parses name=url and says what was expected and what arrived', () => {
    assert.deepEqual(parseSubgraphAddress('billing=http://127.0.0.1:4003/graphql', NAMES), { name: 'billing', url: 'http://127.0.0.1:4003/graphql' });
    assert.throws(() => parseSubgraphAddress('billing', NAMES), /--subgraph expects name=url .* got "billing"/);
    assert.throws(() => parseSubgraphAddress('ledger=http://x/graphql', NAMES), /expected one of customer, project, billing, revenue, got "ledger"/);
    assert.throws(() => parseSubgraphAddress('billing=ftp://x/graphql', NAMES), /expected an http\(s\) URL, got "ftp:\/\/x\/graphql"/);
  });

  it('takes the subgraphs not named on the command line from the configuration', () => {
    const config = loadConfig({ REVENUE_SUBGRAPH_URL: 'http://revenue:4004/graphql' });
    assert.deepEqual(subgraphAddresses(['billing=http://10.0.0.3:4003/graphql'], config), [
      { name: 'customer', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'project', url: 'http://127.0.0.1:4002/graphql' },
      { name: 'billing', url: 'http://10.0.0.3:4003/graphql' },
      { name: 'revenue', url: 'http://revenue:4004/graphql' },
    ]);
    assert.throws(() => subgraphAddresses(['billing=http://a/graphql', 'billing=http://b/graphql'], config), UsageError);
  });
});

describe('reading the SDL of running subgraphs', () => {
  it('reads each subgraph’s _service { sdl }, waiting for one that starts late', async () => {
    const stubs = stubSubgraphs();
    const early = await serveStub(stubs[0]);
    // Reserve a port, free it, and start the second subgraph there a little later.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const latePort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    let late: Awaited<ReturnType<typeof serveStub>> | undefined;
    const timer = setTimeout(async () => { late = await serveStub(stubs[1], latePort); }, 600);
    const retried: string[] = [];
    try {
      const loaded = await loadRemoteSubgraphs([
        { name: 'customer', url: early.url },
        { name: 'project', url: `http://127.0.0.1:${latePort}/graphql` },
      ], { waitMs: 10_000, retryMs: 100, onRetry: (address) => retried.push(address.name) });
      assert.deepEqual(loaded.map((s) => s.name), ['customer', 'project']);
      assert.match(loaded[0].sdl, /type Customer\s+@key\(fields: "id"\)/);
      assert.match(loaded[1].sdl, /type Project\s+@key\(fields: "id"\)/);
      assert.deepEqual(retried, ['project']);
    } finally {
      clearTimeout(timer);
      await early.close();
      await late?.close();
    }
  });

  it('gives up after the wait, naming every subgraph that did not answer and why', async () => {
    const notGraphQL = http.createServer((_req, res) => res.end('<html>hello</html>'));
    await new Promise<void>((resolve) => notGraphQL.listen(0, '127.0.0.1', resolve));
    const port = (notGraphQL.address() as AddressInfo).port;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    try {
      await assert.rejects(loadRemoteSubgraphs([
        { name: 'billing', url: `http://127.0.0.1:${port}/graphql` },
        { name: 'revenue', url: `http://127.0.0.1:${closedPort}/graphql` },
      ], { waitMs: 300, retryMs: 100 }), (error: Error) => {
        assert.match(error.message, /subgraph "billing" at http:\/\/127\.0\.0\.1:\d+\/graphql: expected a GraphQL JSON answer, got HTTP 200: <html>hello<\/html>/);
        assert.match(error.message, /subgraph "revenue" at http:\/\/127\.0\.0\.1:\d+\/graphql: ECONNREFUSED/);
        return true;
      });
    } finally {
      await new Promise<void>((resolve) => notGraphQL.close(() => resolve()));
    }
  });

  it('does not start when the subgraphs do not compose, and says why in the composer’s words', async () => {
    const stubs = stubSubgraphs();
    const broken = stubs.map((s) => (s.name === 'revenue' ? { ...s, sdl: s.sdl.replace('amount: String!', 'amount: Int!') } : s));
    await assert.rejects(startGateway({ subgraphs: broken, host: '127.0.0.1', port: 0 }), (error: unknown) =>
      error instanceof CompositionError && error.messages.some((m) => m.startsWith('FIELD_TYPE_MISMATCH')));
  });
});
