/**
 * `servicegraph report` and `servicegraph grant-reporting` as a user runs them
 * (dist/cli/main.js, a child process) against a test hub's gateway and
 * database: a report printed byte for byte as the gateway serves it, in CSV
 * and JSON and with parameters; the catalogue; a bad parameter and an unknown
 * report refused with a non-zero exit and a message that names them; a login
 * role granted the reporting views for some legal entities, then for all.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { loadReports } from '../../reporting/catalogue';
import { reportsExtension } from '../../reporting/reportsExtension';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { createSubgraphs } from '../../subgraphs';
import { csvRecords } from '../support/csvRecords';
import { createLoginRole, dropDatabaseAndRole, type LoginRole } from '../support/loginRole';
import { simulatedDatabase } from '../support/simulatedDatabase';
import type { TestDatabase } from '../support/testDatabase';

const MAIN = path.join(__dirname, '..', '..', 'cli', 'main.js');
const EVENTS = simulateFirm({ seed: 'saved-reports', scale: 1 }).events;
/** A page size that splits the reports into several pages. */
const PAGE_SIZE = 3;
const expected = expectedFigures(EVENTS);

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs `servicegraph <args>` to its end. */
function servicegraph(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.SERVICEGRAPH_TOKEN;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [MAIN, ...args], { env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) => {
      resolve({ code: child.exitCode, stdout, stderr });
    });
  });
}

describe('servicegraph report and grant-reporting', () => {
  let db: TestDatabase;
  let gateway: RunningGateway;
  let base: string;
  let role: LoginRole;
  const legalEntities = [...new Set(Object.values(expected.projects).map((p) => p.legalEntityId))].sort();

  before(async () => {
    db = await simulatedDatabase(EVENTS, 'in-order');
    gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
      extensions: [reportsExtension({ pageSize: PAGE_SIZE })],
    });
    base = gateway.url.replace(/\/graphql$/, '');
    role = await createLoginRole(db, 'sg_cli');
  });
  after(async () => {
    await gateway?.close();
    if (db) await dropDatabaseAndRole(db, role);
  });

  it('report <name> --format csv --param k=v prints the report as the gateway serves it, every page', async () => {
    const run = await servicegraph(['report', 'invoices', '--format', 'csv', '--param', 'status=POSTED', '--param', 'paymentState=NOT_PAID', '--url', gateway.url]);
    assert.equal(run.code, 0, run.stderr);
    const served = await (await fetch(`${base}/reports/invoices.csv?status=POSTED&paymentState=NOT_PAID`)).text();
    assert.equal(run.stdout, served);
    const want = Object.values(expected.invoices).filter((i) => i.status === 'posted' && i.paymentState === 'not_paid').map((i) => i.invoiceId).sort();
    assert.ok(want.length > PAGE_SIZE, `several pages of posted, unpaid invoices (${want.length})`);
    assert.deepEqual(csvRecords(run.stdout).map((r) => r.id).sort(), want);
  });

  it('report <name> --format json prints the JSON report; the default format is CSV', async () => {
    const run = await servicegraph(['report', 'projects', '--format', 'json', '--param', 'status=ACTIVE', '--url', base]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, await (await fetch(`${base}/reports/projects.json?status=ACTIVE`)).text());
    const json = JSON.parse(run.stdout);
    assert.equal(json.report, 'projects');
    const want = Object.values(expected.projects).filter((p) => p.status === 'active').map((p) => p.projectId).sort();
    assert.ok(want.length > 0);
    assert.deepEqual(json.rows.map((r: { id: string }) => r.id).sort(), want);
    const csv = await servicegraph(['report', 'customers', '--url', base]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, await (await fetch(`${base}/reports/customers.csv`)).text());
  });

  it('report list prints the catalogue of every report and its parameters', async () => {
    const run = await servicegraph(['report', 'list', '--url', base]);
    assert.equal(run.code, 0, run.stderr);
    const catalogue = JSON.parse(run.stdout);
    assert.deepEqual(catalogue.reports.map((r: { name: string }) => r.name), [...loadReports().keys()]);
    assert.deepEqual(catalogue.reports.find((r: { name: string }) => r.name === 'unbilled-facts').parameters,
      [{ name: 'olderThanDays', type: 'Int!', required: true }, { name: 'asOf', type: 'Date', required: false }]);
  });

  it('exits 1 on a bad or unknown parameter, naming it, and on an unknown report, listing the reports', async () => {
    const bad = await servicegraph(['report', 'invoices', '--param', 'status=PAID', '--url', base]);
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^servicegraph report: 400 .*"status".*InvoiceStatus/);
    const unknown = await servicegraph(['report', 'invoices', '--param', 'colour=red', '--url', base]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /400 .*"colour".*expected one of status, paymentState/);
    const missing = await servicegraph(['report', 'unbilled-facts', '--url', base]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /400 .*needs parameter "olderThanDays"/);
    const nothing = await servicegraph(['report', 'nothing', '--format', 'json', '--url', base]);
    assert.equal(nothing.code, 1);
    assert.equal(nothing.stdout, '');
    assert.match(nothing.stderr, /404 .*no report at \/reports\/nothing\.json: expected .* one of .*invoices.*projects/);
  });

  it('exits 2 on a malformed --param or --format, before asking the gateway', async () => {
    const param = await servicegraph(['report', 'invoices', '--param', 'status', '--url', 'http://127.0.0.1:9']);
    assert.equal(param.code, 2);
    assert.match(param.stderr, /--param expects name=value, got "status"/);
    const format = await servicegraph(['report', 'invoices', '--format', 'xlsx', '--url', 'http://127.0.0.1:9']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format expects csv or json, got "xlsx"/);
  });

  it('grant-reporting --role R --legal-entities A restricts R to A\'s rows; again without, to every legal entity', async () => {
    assert.ok(legalEntities.length >= 2, 'the firm has several legal entities');
    const [only] = legalEntities;
    const env = { DATABASE_URL: db.url };
    const granted = await servicegraph(['grant-reporting', '--role', role.name, '--legal-entities', only!], env);
    assert.equal(granted.code, 0, granted.stderr);
    assert.equal(granted.stdout, `granted servicegraph_reporting to ${role.name}: legal entities ${only} only\n`);
    const asRole = new pg.Client({ connectionString: role.url });
    await asRole.connect();
    try {
      const seen = async () => (await asRole.query('SELECT DISTINCT legal_entity_id AS le FROM reporting.projects ORDER BY 1')).rows.map((r) => r.le);
      assert.deepEqual(await seen(), [only]);
      const lifted = await servicegraph(['grant-reporting', '--role', role.name], env);
      assert.equal(lifted.code, 0, lifted.stderr);
      assert.equal(lifted.stdout, `granted servicegraph_reporting to ${role.name}: every legal entity\n`);
      assert.deepEqual(await seen(), legalEntities);
    } finally {
      await asRole.end();
    }
  });

  it('grant-reporting exits 2 without --role, for a role that does not exist, and for an empty legal entity', async () => {
    const env = { DATABASE_URL: db.url };
    const none = await servicegraph(['grant-reporting'], env);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--role is required/);
    const missing = await servicegraph(['grant-reporting', '--role', `${role.name}_missing`], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, new RegExp(`--role: no role "${role.name}_missing" exists`));
    const empty = await servicegraph(['grant-reporting', '--role', role.name, '--legal-entities', `${legalEntities[0]},`], env);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--legal-entities: expected a comma-separated list of legal entity ids/);
  });
});
