/**
 * Every figure through the gateway equals the simulator's oracle, for every
 * delivery mode, in both deployment modes: the four subgraphs in the
 * gateway's process, and each subgraph in its own process behind
 * `servicegraph gateway`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { DELIVERY_MODES } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures, type ExpectedFigures } from '../../simulator/oracle';
import { createSubgraphs } from '../../subgraphs';
import type { Pool } from 'pg';
import { graphqlFigures, NOT_SERVED, sameFields, type GraphQLFigures } from '../support/graphqlFigures';
import { startMultiProcessGraph, type MultiProcessGraph } from '../support/multiProcessGraph';
import { simulatedDatabase } from '../support/simulatedDatabase';
import type { TestDatabase } from '../support/testDatabase';

const firm = simulateFirm({ seed: 'gateway-oracle', scale: 1 });
const expected: ExpectedFigures = expectedFigures(firm.events);
const customerIds = Object.keys(expected.customers);
const legalEntityIds = [...new Set(Object.values(expected.projects).map((p) => p.legalEntityId))];

function checkAgainstOracle(read: () => Promise<GraphQLFigures>, pool: () => Pool) {
  let figures: GraphQLFigures;
  before(async () => {
    figures = await read();
  });

  it('has every figure of every project', () => {
    assert.deepEqual(Object.keys(figures.projects), Object.keys(expected.projects));
    assert.deepEqual(figures.projects, sameFields(expected.projects, NOT_SERVED));
  });

  it('has every figure of every invoice', () => {
    assert.deepEqual(Object.keys(figures.invoices), Object.keys(expected.invoices));
    assert.deepEqual(figures.invoices, sameFields(expected.invoices, NOT_SERVED));
  });

  it('has every customer, merged accounts pointing at their survivor with their balances under it', () => {
    assert.deepEqual(figures.customers, sameFields(expected.customers, NOT_SERVED));
    const merged = Object.values(figures.customers).filter((c) => c.status === 'merged');
    assert.ok(merged.length > 0, 'the firm merges an account');
    for (const account of merged) {
      const survivor = figures.customers[account.mergedInto as string];
      assert.ok(survivor && survivor.status !== 'merged', `${String(account.customerId)} is merged into a survivor`);
      assert.deepEqual(account.outstandingBalance, [], 'a merged account owes nothing of its own');
    }
    assert.deepEqual(figures.survivors, customerIds.filter((id) => expected.customers[id].status !== 'merged'), '`customers` lists the survivors');
  });

  it('has the portfolio, for all legal entities and for each one', () => {
    assert.deepEqual(figures.portfolio, expected.portfolio.map((row) => sameFields({ row }, NOT_SERVED).row));
    assert.deepEqual(figures.portfolioByLegalEntity, expected.portfolioByLegalEntity.map((row) => sameFields({ row }, NOT_SERVED).row));
  });

  it('serves every marginPercent as Postgres computes margin ÷ recognized revenue × 100, rounded half away from zero', async () => {
    // Independent of the hub's and the oracle's own arithmetic (both exact on cents in TypeScript): numeric division and round() in Postgres.
    const rows = [...figures.portfolio, ...figures.portfolioByLegalEntity, ...Object.values(figures.projects)];
    const { rows: computed } = await pool().query<{ percent: string | null }>(
      `SELECT CASE WHEN r = 0 THEN NULL ELSE round(m * 100 / r, 2)::text END AS percent
       FROM unnest($1::numeric[], $2::numeric[]) WITH ORDINALITY AS t(m, r, n) ORDER BY n`,
      [rows.map((row) => row.margin), rows.map((row) => row.recognizedRevenue)]);
    assert.ok(rows.some((row) => row.marginPercent !== null && row.marginPercent !== '0.00'), 'some margins are a share of revenue');
    assert.deepEqual(rows.map((row) => row.marginPercent), computed.map((row) => row.percent));
  });
}

describe('every figure through the gateway equals the oracle', () => {
  for (const mode of DELIVERY_MODES) {
    describe(`delivered ${mode}`, () => {
      let db: TestDatabase;
      before(async () => {
        db = await simulatedDatabase(firm.events, mode);
      });
      after(() => db?.drop());

      describe('one process (subgraphs in the gateway’s process)', () => {
        let gateway: RunningGateway;
        before(async () => {
          gateway = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
        });
        after(() => gateway?.close());
        checkAgainstOracle(() => graphqlFigures(gateway.url, customerIds, legalEntityIds), () => db.pool);
      });

      describe('one process per subgraph (servicegraph subgraph ×4, servicegraph gateway)', () => {
        let graph: MultiProcessGraph;
        before(async () => {
          graph = await startMultiProcessGraph(db.url);
        });
        after(() => graph?.stop());
        checkAgainstOracle(() => graphqlFigures(graph.gatewayUrl, customerIds, legalEntityIds), () => db.pool);
      });
    });
  }
});
