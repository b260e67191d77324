/**
 * A saved report over a reporting view is answered by one SQL statement
 * (reporting/compiledReport.ts); it must be the executor's answer byte for
 * byte. Two gateways over one simulated firm, one compiling its reports and
 * one running them through the federated executor, are asked the same: for
 * every report that declares a view, CSV and JSON, with and without
 * parameters, for a principal that sees everything, for one limited to one
 * legal entity, and for one without financials:read (refused alike, before
 * any SQL, and audited alike). A client that hangs up mid-report gets its
 * statement stopped and the connection back to the pool; past REPORT_STREAMS
 * downloads at once the next is refused, GraphQL keeping its connections.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Pool } from 'pg';
import { createPool } from '../../db/dataSource';
import type { AuditEntry, AuditSink } from '../../access/auditLog';
import { Doors } from '../../access/doors';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { readModelPosition } from '../../hub/checkpoint';
import { loadReports } from '../../reporting/catalogue';
import { reportsExtension } from '../../reporting/reportsExtension';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { createSubgraphs } from '../../subgraphs';
import { accessSettings } from '../support/accessHub';
import { fillReadModel } from '../support/simulatedReadModel';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { hs256 } from '../support/tokens';

const firm = simulateFirm({ seed: 'compiled-reports', scale: 1 });
const expected = expectedFigures(firm.events);
const LEGAL_ENTITIES = [...new Set(Object.values(expected.projects).map((p) => p.legalEntityId))].sort();
/** The legal entity of the limited principal: one of its projects' customer is moved to another (its customer is then null for it). */
const LIMITED_TO = LEGAL_ENTITIES[0]!;
const VIEW_REPORTS = [...loadReports().values()].filter((r) => r.view !== null);
/** A page size that splits every list into several pages on the federated side. */
const PAGE_SIZE = 7;

const bearer = async (scope: string, claims: Record<string, unknown> = {}) => ({ authorization: `Bearer ${await hs256({ scope, claims })}` });

async function get(url: string, headers: Record<string, string>, method = 'GET') {
  const response = await fetch(url, { headers, method });
  return {
    status: response.status, body: await response.text(),
    headers: Object.fromEntries(['content-type', 'content-disposition', 'cache-control', 'etag'].map((h) => [h, response.headers.get(h)])),
  };
}

/** The parameters each report is asked with, besides none: every value a column of the firm has. */
function parameterCases(report: (typeof VIEW_REPORTS)[number]): string[] {
  switch (report.name) {
    case 'projects': {
      const customer = Object.values(expected.projects)[0]!.customerId;
      return ['', 'status=ACTIVE', 'status=CLOSED', `customerId=${encodeURIComponent(customer)}`, 'status=ACTIVE&customerId=NO-SUCH'];
    }
    case 'invoices':
      return ['', 'status=DRAFT', 'status=POSTED', 'status=VOIDED', 'paymentState=PAID', 'paymentState=PARTIAL', 'status=POSTED&paymentState=NOT_PAID'];
    default:
      assert.equal(report.parameters.length, 0, `${report.name}: its parameters need cases here`);
      return [''];
  }
}

describe('compiled reports equal the federated executor’s, byte for byte', () => {
  let db: TestDatabase;
  let compiled: RunningGateway;
  let federated: RunningGateway;
  /** Projects of {@link LIMITED_TO} whose customer is in another legal entity. */
  let crossing = 0;
  const audits = { compiled: [] as AuditEntry[], federated: [] as AuditEntry[] };
  const sink = (entries: AuditEntry[]): AuditSink => ({ record: (entry) => entries.push(entry) });
  const base = (gateway: RunningGateway) => gateway.url.replace(/\/graphql$/, '');

  before(async () => {
    assert.deepEqual(VIEW_REPORTS.map((r) => r.name).sort(), ['invoices', 'projects'], 'the reports that declare a view');
    db = await createTestDatabase();
    await fillReadModel(db.pool, firm.events);
    const moved = Object.values(expected.projects).find((p) => p.legalEntityId === LIMITED_TO)!.customerId;
    await db.pool.query(`UPDATE customer.account SET legal_entity_id = 'LE-ELSEWHERE' WHERE id = $1`, [moved]);
    // Instants with microseconds, which the DateTime scalar cuts to milliseconds.
    const { rowCount } = await db.pool.query(`UPDATE billing.invoice SET sent_at = sent_at + interval '0.123987 s'
      WHERE id IN (SELECT id FROM billing.invoice WHERE sent_at IS NOT NULL ORDER BY id LIMIT 3)`);
    assert.equal(rowCount, 3);
    // Invoices whose account, or project, the read model does not know.
    await db.pool.query(`INSERT INTO billing.invoice (id, account_id, project_id, currency, status, tax_status, net_total, drafted_at)
      SELECT 'INV-NO-ACCOUNT', 'ACC-NOWHERE', project_id, currency, 'draft', 'pending', 100, drafted_at FROM billing.invoice ORDER BY id LIMIT 1`);
    await db.pool.query(`INSERT INTO billing.invoice (id, account_id, project_id, currency, status, tax_status, net_total, drafted_at)
      SELECT 'INV-NO-PROJECT', account_id, 'PRJ-NOWHERE', currency, 'draft', 'pending', 100, drafted_at FROM billing.invoice ORDER BY id LIMIT 1`);
    crossing = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM project.project p
      JOIN customer.account a ON a.id = p.account_id JOIN customer.account r ON r.id = a.root_id
      WHERE p.legal_entity_id = $1 AND r.legal_entity_id <> $1`, [LIMITED_TO])).rows[0]!.n;
    const gateway = async (execution: 'compiled' | 'federated', audit: AuditSink) => startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0, doors: await Doors.create(accessSettings(), audit),
      extensions: [reportsExtension({ position: readModelPosition(db.pool), pageSize: PAGE_SIZE, pool: db.pool, execution })],
    });
    compiled = await gateway('compiled', sink(audits.compiled));
    federated = await gateway('federated', sink(audits.federated));
  });
  after(async () => {
    await compiled?.close();
    await federated?.close();
    await db?.drop();
  });

  const principals = async () => ({
    'every legal entity': await bearer('graph:read financials:read'),
    [`only ${LIMITED_TO}`]: await bearer('graph:read financials:read', { legal_entities: [LIMITED_TO] }),
    'no legal entity': await bearer('graph:read financials:read', { legal_entities: [] }),
  });

  for (const report of VIEW_REPORTS) {
    for (const format of ['csv', 'json'] as const) {
      it(`${report.name}.${format}: the same status, headers and bytes for each principal and parameters`, async () => {
        for (const [who, headers] of Object.entries(await principals())) {
          for (const query of parameterCases(report)) {
            const path = `/reports/${report.name}.${format}${query ? `?${query}` : ''}`;
            const [fromSql, fromExecutor] = [await get(`${base(compiled)}${path}`, headers), await get(`${base(federated)}${path}`, headers)];
            assert.equal(fromExecutor.status, 200, `${who} ${path}: ${fromExecutor.body}`);
            assert.deepEqual(fromSql.headers, fromExecutor.headers, `${who} ${path}`);
            assert.equal(fromSql.body, fromExecutor.body, `${who} ${path}`);
          }
        }
      });
    }
  }

  it('the limited principal gets its legal entity’s projects, a customer elsewhere as null', async () => {
    const all = await get(`${base(compiled)}/reports/projects.json`, (await principals())['every legal entity']);
    const limited = await get(`${base(compiled)}/reports/projects.json`, (await principals())[`only ${LIMITED_TO}`]!);
    const rowsOf = (body: string) => (JSON.parse(body) as { rows: { legalEntityId: string; customer: unknown }[] }).rows;
    assert.equal(rowsOf(all.body).length, Object.keys(expected.projects).length);
    const mine = Object.values(expected.projects).filter((p) => p.legalEntityId === LIMITED_TO);
    assert.ok(mine.length < rowsOf(all.body).length);
    assert.equal(rowsOf(limited.body).length, mine.length);
    assert.ok(crossing > 0);
    assert.equal(rowsOf(limited.body).filter((r) => r.customer === null).length, crossing, 'a customer in another legal entity is null');
  });

  it('without financials:read: the same 403, one FORBIDDEN per field, before any SQL, audited alike; HEAD too', async () => {
    const headers = await bearer('graph:read');
    for (const report of VIEW_REPORTS) {
      for (const method of ['GET', 'HEAD']) {
        const path = `/reports/${report.name}.csv`;
        const before = { compiled: audits.compiled.length, federated: audits.federated.length };
        const [fromSql, fromExecutor] = [await get(`${base(compiled)}${path}`, headers, method), await get(`${base(federated)}${path}`, headers, method)];
        assert.equal(fromSql.status, 403, `${method} ${path}: ${fromSql.body}`);
        assert.equal(fromExecutor.status, 403, `${method} ${path}`);
        assert.equal(fromSql.body, fromExecutor.body);
        if (method === 'GET') {
          const errors = (JSON.parse(fromSql.body) as { error: { code: string; errors: { extensions: { code: string; field: string } }[] } }).error;
          assert.equal(errors.code, 'FORBIDDEN');
          assert.ok(errors.errors.length > 1 && errors.errors.every((e) => e.extensions.code === 'FORBIDDEN' && e.extensions.field), fromSql.body);
        }
        const entries = (side: 'compiled' | 'federated') => audits[side].slice(before[side]).map(({ door, status, reason, kind }) => ({ door, status, reason, kind }));
        assert.deepEqual(entries('compiled'), entries('federated'));
        assert.equal(entries('compiled').length, 1, `one audit entry for ${method} ${path}`);
      }
    }
  });

  it('If-None-Match of the same read model: 304 on both, the tag the same', async () => {
    const headers = (await principals())['every legal entity'];
    const first = await get(`${base(compiled)}/reports/projects.csv`, headers);
    assert.ok(first.headers.etag);
    for (const gateway of [compiled, federated]) {
      const again = await get(`${base(gateway)}/reports/projects.csv`, { ...headers, 'if-none-match': first.headers.etag! });
      assert.equal(again.status, 304);
      assert.equal(again.headers.etag, first.headers.etag);
    }
  });
});

/** A read model of `rows` projects with 200-character names: far more than the sockets between Postgres, the gateway and the client hold. */
async function databaseOfLongProjects(rows: number): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await db.pool.query(`INSERT INTO project.project (id, account_id, name, billing_model, status, currency, legal_entity_id, created_at)
    SELECT 'PRJ-' || lpad(g::text, 7, '0'), 'ACC-1', repeat('x', 200), 'fixed_fee', 'active', 'EUR', 'LE-DE', now()
      FROM generate_series(1, ${rows}) g`);
  return db;
}

describe('a compiled report and a client that hangs up', () => {
  const ROWS = 100_000;
  let db: TestDatabase;
  let reportPool: Pool;
  let gateway: RunningGateway;

  before(async () => {
    db = await databaseOfLongProjects(ROWS);
    // One connection for reports: a report that kept it would leave the next one waiting for ever.
    reportPool = createPool(db.url, { max: 1 });
    gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
      extensions: [reportsExtension({ position: readModelPosition(db.pool), pool: reportPool })],
    });
  });
  after(async () => {
    await gateway?.close();
    await reportPool?.end();
    await db?.drop();
  });

  it('stops the statement and frees the connection; the next report runs whole', async () => {
    const url = `${gateway.url.replace(/\/graphql$/, '')}/reports/projects.csv`;
    await new Promise<void>((resolve, reject) => {
      const req = http.get(url, (res) => {
        assert.equal(res.statusCode, 200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? resolve() : reject(error)));
    });
    const copying = async () => (await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (SELECT%' AND state = 'active'`)).rows[0]!.n;
    const deadline = Date.now() + 10_000;
    while ((await copying()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await copying(), 0, 'the statement still runs after its client hung up');

    const whole = await Promise.race([
      fetch(url).then(async (response) => ({ status: response.status, records: (await response.text()).split('\r\n').length - 2 })),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the next report waited for the connection')), 20_000)),
    ]);
    assert.deepEqual(whole, { status: 200, records: ROWS });
  });
});

describe('compiled reports streamed at once are bounded by REPORT_STREAMS', () => {
  const ROWS = 100_000;
  let db: TestDatabase;
  let sharedPool: Pool;
  let gateway: RunningGateway;

  before(async () => {
    db = await databaseOfLongProjects(ROWS);
    // One pool for GraphQL and reports, as in the hub: a second download would take the connection GraphQL needs.
    sharedPool = createPool(db.url, { max: 2 });
    gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool: sharedPool }), host: '127.0.0.1', port: 0,
      extensions: [reportsExtension({ position: readModelPosition(sharedPool), pool: sharedPool, reportStreams: 1 })],
    });
  });
  after(async () => {
    await gateway?.close();
    await sharedPool?.end();
    await db?.drop();
  });

  it('refuses a second download with 503 while one is held, answers GraphQL, HEAD and 304, then serves the next', async () => {
    const url = `${gateway.url.replace(/\/graphql$/, '')}/reports/projects.csv`;
    // The first download: its reader takes one chunk and then reads nothing, so the report waits on it, holding its slot.
    let held!: http.ClientRequest;
    const etag = await new Promise<string>((resolve, reject) => {
      held = http.get(url, (res) => {
        assert.equal(res.statusCode, 200);
        res.once('data', () => {
          res.pause();
          resolve(String(res.headers.etag));
        });
      });
      held.on('error', (error) => (held.destroyed ? undefined : reject(error)));
    });

    const busy = await fetch(url);
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('retry-after'), '5');
    const refusal = (await busy.json()) as { error: { code: string; message: string; limit: number } };
    assert.equal(refusal.error.code, 'REPORTS_BUSY');
    assert.equal(refusal.error.limit, 1);
    assert.match(refusal.error.message, /REPORT_STREAMS=1/);

    const graphql = await fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ projects(first: 2) { nodes { id } } }' }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(graphql.status, 200);
    assert.deepEqual(await graphql.json(), { data: { projects: { nodes: [{ id: 'PRJ-0000001' }, { id: 'PRJ-0000002' }] } } });

    // Answered from the read model's position alone: no slot, no connection.
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 200);
    assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);

    held.destroy();
    const deadline = Date.now() + 10_000;
    let next = await fetch(url);
    while (next.status === 503 && Date.now() < deadline) {
      await next.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = await fetch(url);
    }
    assert.equal(next.status, 200);
    assert.equal((await next.text()).split('\r\n').length - 2, ROWS);
  });
});
