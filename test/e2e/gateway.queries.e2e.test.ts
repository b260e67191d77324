/**
 * Queries through the gateway as clients send them: a whole customer page in
 * one request, pagination across 1,200 invoices, the contract's example
 * queries, GET and POST, bad queries, and partial results when a subgraph
 * process is stopped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { composeSupergraph } from '../../gateway/compose';
import { EXAMPLE_QUERIES, CUSTOMER_PAGE } from '../../gateway/exampleQueries';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { SUBGRAPH_UNAVAILABLE } from '../../gateway/dataSources';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { createSubgraphs } from '../../subgraphs';
import { data, graphql, servedBeside } from '../support/graphqlFigures';
import { startMultiProcessGraph, type MultiProcessGraph } from '../support/multiProcessGraph';
import { simulatedDatabase } from '../support/simulatedDatabase';
import type { TestDatabase } from '../support/testDatabase';

// 50 times the base firm: about 1,200 invoices.
const firm = simulateFirm({ seed: 'gateway-queries', scale: 50 });
const expected = expectedFigures(firm.events);
const invoicesInTimeOrder = Object.values(expected.invoices)
  .sort((a, b) => Date.parse(a.draftedAt) - Date.parse(b.draftedAt) || (a.invoiceId < b.invoiceId ? -1 : 1))
  .map((i) => i.invoiceId);
/** The survivor with the most invoices. */
const customer = Object.values(expected.customers)
  .filter((c) => c.status !== 'merged')
  .sort((a, b) => b.invoiceIds.length - a.invoiceIds.length || a.customerId.localeCompare(b.customerId))[0];
const aProject = Object.values(expected.projects)[0];

const PAGE_QUERY = `query Customer($id: ID!) {
  customer(id: $id) {
    id name status
    outstandingBalance { amount currency }
    projects(first: 500) { totalCount nodes { id name margin { amount currency } marginPercent billedAmount { amount } customer { id name } } }
    invoices(first: 500) { totalCount nodes { id grossTotal { amount currency } amountDue { amount } project { id margin { amount } } } }
  }
}`;

/** The figures PAGE_QUERY selects of each project and invoice, by the oracle's names: compared with its exact strings. */
const PROJECT_FIGURES = ['margin', 'marginPercent', 'billedAmount'] as const;
const INVOICE_FIGURES = ['grossTotal', 'amountDue'] as const;

describe('queries through the gateway', () => {
  let db: TestDatabase;
  let gateway: RunningGateway;
  let graph: MultiProcessGraph;
  before(async () => {
    assert.ok(invoicesInTimeOrder.length >= 1_200, `the firm has ${invoicesInTimeOrder.length} invoices`);
    db = await simulatedDatabase(firm.events, 'interleaved');
    gateway = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
    graph = await startMultiProcessGraph(db.url);
  });
  after(async () => {
    await gateway?.close();
    await graph?.stop();
    await db?.drop();
  });
  const modes = () => [['one process', gateway.url], ['one process per subgraph', graph.gatewayUrl]] as const;

  it('answers a customer with its projects’ margins, its invoices and its outstanding balance in one request, as the oracle has them', async () => {
    for (const [mode, url] of modes()) {
      const c = (await data(url, PAGE_QUERY, { id: customer.customerId })).customer;
      assert.equal(c.name, customer.name, mode);
      assert.deepEqual(c.outstandingBalance, customer.outstandingBalance, `${mode}: outstanding balance`);
      assert.deepEqual(c.projects.nodes.map((p: { id: string }) => p.id).sort(), [...customer.projectIds].sort());
      for (const p of c.projects.nodes) {
        const { served, oracle } = servedBeside(p, expected.projects[p.id], PROJECT_FIGURES);
        assert.deepEqual(served, oracle, `${mode}: project ${p.id}`);
        assert.equal(p.margin.currency, expected.projects[p.id].currency);
        assert.deepEqual(p.customer, { id: customer.customerId, name: customer.name });
      }
      assert.equal(c.invoices.totalCount, customer.invoiceIds.length);
      assert.deepEqual(c.invoices.nodes.map((i: { id: string }) => i.id).sort(), [...customer.invoiceIds].sort());
      for (const i of c.invoices.nodes) {
        const { served, oracle } = servedBeside(i, expected.invoices[i.id], INVOICE_FIGURES);
        assert.deepEqual(served, oracle, `${mode}: invoice ${i.id}`);
        assert.equal(i.project.margin.amount, expected.projects[expected.invoices[i.id].projectId].margin, `${mode}: margin of the project of ${i.id}`);
      }
    }
  });

  it('pages through 1,200 time-ordered invoices with stable cursors, no duplicates and no gaps', async () => {
    for (const [mode, url] of modes()) {
      const ids: string[] = [];
      const cursors: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 200; pages++) {
        const page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string; customer: { id: string } }[] } =
          (await data(url, `query P($after: String) { invoices(first: 97, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id customer { id } } } }`, { after })).invoices;
        ids.push(...page.nodes.map((n) => n.id));
        for (const n of page.nodes) assert.equal(n.customer.id, expected.invoices[n.id].customerId);
        if (!page.pageInfo.hasNextPage) break;
        cursors.push(page.pageInfo.endCursor);
        after = page.pageInfo.endCursor;
      }
      assert.deepEqual(ids, invoicesInTimeOrder, `${mode}: every invoice once, in time order`);
      // The same cursor gives the same page again.
      const again = (await data(url, 'query P($after: String) { invoices(first: 97, after: $after) { nodes { id } } }', { after: cursors[3] })).invoices;
      assert.deepEqual(again.nodes.map((n: { id: string }) => n.id), invoicesInTimeOrder.slice(4 * 97, 5 * 97));
    }
  });

  it('runs every example query of the contract without an error', async () => {
    const variables: Record<string, Record<string, unknown>> = {
      [CUSTOMER_PAGE.title]: { id: customer.customerId },
      'Project figures': { id: aProject.projectId },
    };
    for (const [mode, url] of modes()) {
      for (const example of EXAMPLE_QUERIES) {
        const answer = await data(url, example.query, variables[example.title]);
        assert.ok(Object.values(answer).every((v) => v !== null), `${mode}: ${example.title} answers`);
        // As the explorer runs it: no variables, the ids' defaults (the firm's first customer and project).
        await data(url, example.query);
      }
    }
  });

  it('answers the same over GET and POST', async () => {
    for (const [, url] of modes()) {
      const post = await graphql(url, PAGE_QUERY, { id: customer.customerId }, 'POST');
      const get = await graphql(url, PAGE_QUERY, { id: customer.customerId }, 'GET');
      assert.equal(get.status, 200);
      assert.deepEqual(get.body, post.body);
    }
  });

  it('answers the same in both modes', async () => {
    const [inProcess, multiProcess] = await Promise.all(modes().map(([, url]) => graphql(url, PAGE_QUERY, { id: customer.customerId })));
    assert.deepEqual(multiProcess.body, inProcess.body);
  });

  it('turns bad queries into clear errors with a code, and keeps serving', async () => {
    for (const [mode, url] of modes()) {
      const unknown = await graphql(url, '{ customers { nodes { id revenue } } }');
      assert.equal(unknown.status, 400, mode);
      assert.equal(unknown.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
      assert.match(unknown.body.errors[0].message, /Cannot query field "revenue" on type "Customer"/);

      const wrongType = await graphql(url, '{ invoices(first: "ten") { totalCount } }');
      assert.equal(wrongType.status, 400);
      assert.equal(wrongType.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
      assert.match(wrongType.body.errors[0].message, /Int cannot represent non-integer value: "ten"/);

      const tooMany = await graphql(url, '{ invoices(first: 501) { totalCount } ingestStatus { received } }');
      assert.equal(tooMany.status, 200);
      assert.equal(tooMany.body.data.invoices, null);
      assert.equal(tooMany.body.data.ingestStatus.received, firm.events.length, 'the rest of the request is answered');
      assert.equal(tooMany.body.errors.length, 1);
      assert.equal(tooMany.body.errors[0].extensions.code, 'BAD_USER_INPUT');
      assert.equal(tooMany.body.errors[0].extensions.serviceName, 'billing');
      assert.match(tooMany.body.errors[0].message, /first: expected an integer from 0 to 500.*got 501/);

      const fine = await data(url, '{ invoices(first: 500) { totalCount } }');
      assert.equal(fine.invoices.totalCount, invoicesInTimeOrder.length, `${mode}: unharmed`);
    }
  });

  it('serves the contract’s names with nullable fields exactly at the subgraph boundaries', async () => {
    const { relaxed } = composeSupergraph((await createSubgraphs({ pool: db.pool })).map((s) => ({ name: s.name, url: 'http://x', sdl: s.sdl })));
    const bySubgraph: Record<string, string[]> = {};
    for (const f of relaxed) (bySubgraph[f.subgraph] ??= []).push(`${f.type}.${f.field}`);
    // The table of docs/graphql.md, "Partial results and nullability".
    assert.deepEqual(bySubgraph, {
      billing: ['Customer.invoices', 'Customer.outstandingBalance', 'PortfolioFigures.billedAmount',
        'PortfolioFigures.openInvoiceExceptions', 'PortfolioFigures.outstandingBalance', 'PortfolioFigures.unbilledApprovedAmount',
        'Project.billedAmount', 'Project.invoices', 'Project.unbilledApprovedAmount', 'Project.unbilledApprovedHours',
        'Query.dso', 'Query.invoices', 'Query.receivablesAging', 'Query.unbilledAging', 'Query.unbilledFacts'],
      customer: ['Query.customers', 'Query.hubExceptions', 'Query.ingestStatus', 'Query.parkedEvents'],
      project: ['Customer.projects', 'Query.portfolio', 'Query.projects'],
      revenue: ['PortfolioFigures.margin', 'PortfolioFigures.recognizedRevenue', 'Project.margin', 'Project.months', 'Project.recognizedRevenue',
        'Query.portfolioMonths'],
    });
  });

  // Last: it stops the billing process.
  it('with the billing subgraph stopped, still answers the customer page from the others, with an error naming billing', async () => {
    const whole = await graphql(graph.gatewayUrl, PAGE_QUERY, { id: customer.customerId });
    await graph.subgraphs.billing.stop();
    // The read model has not moved: the answer kept in the response cache is still the whole, right one.
    const kept = await fetch(graph.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: PAGE_QUERY, variables: { id: customer.customerId } }),
    });
    assert.equal(kept.headers.get('x-servicegraph-cache'), 'hit');
    assert.deepEqual(await kept.json(), whole.body);
    // Executed afresh, the customer page needs billing.
    const fresh = await fetch(graph.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: PAGE_QUERY, variables: { id: customer.customerId } }),
    });
    const { status, body } = { status: fresh.status, body: await fresh.json() as any };
    assert.equal(status, 200);
    const c = body.data.customer;
    assert.equal(c.name, customer.name);
    assert.equal(c.outstandingBalance, null);
    assert.equal(c.invoices, null);
    assert.deepEqual(c.projects.nodes.map((p: { id: string }) => p.id).sort(), [...customer.projectIds].sort());
    for (const p of c.projects.nodes) {
      assert.equal(p.margin.amount, expected.projects[p.id].margin, 'revenue still answers');
      assert.equal(p.billedAmount, null, 'billing’s field on a project is null');
      assert.equal(p.customer.name, customer.name);
    }
    assert.ok(body.errors.length >= 1);
    for (const error of body.errors) {
      assert.equal(error.extensions.code, SUBGRAPH_UNAVAILABLE);
      assert.equal(error.extensions.serviceName, 'billing');
      assert.match(error.message, /^subgraph "billing" is unavailable at http:\/\/127\.0\.0\.1:\d+\/graphql: .*ECONNREFUSED/);
    }
    // A query billing has no part in is whole (a first request: no answer kept for it).
    const projects = await graphql(graph.gatewayUrl, 'query($id: ID!) { project(id: $id) { name margin { amount } customer { name } } }', { id: aProject.projectId });
    assert.equal(projects.body.errors, undefined);
    assert.equal(projects.body.data.project.margin.amount, aProject.margin);
  });
});
