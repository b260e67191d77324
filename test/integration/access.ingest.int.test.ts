/**
 * What a token may send, and what the audit log keeps of it: events from a
 * source outside the token's `sources` are rejected alone (FORBIDDEN_SOURCE)
 * while the rest of the batch goes on; accepted, refused and operator
 * requests each leave an audit row naming who, from where and what.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../cli/command';
import { simulateCommand } from '../../simulator/cli';
import { startAccessHub, type AccessHub } from '../support/accessHub';
import { eventually } from '../support/eventually';
import { anEvent } from '../support/events';
import { hs256 } from '../support/tokens';

const account = (id: string, source: string) =>
  anEvent('ps.customer.account.upserted', { accountId: id, name: `Account ${id}`, legalEntityId: 'LE-DE', billingCurrency: 'EUR' }, { id: `ev-${id}`, source });

describe('ingest with tokens', () => {
  let hub: AccessHub;
  before(async () => {
    hub = await startAccessHub(undefined, { gateway: false });
  });
  after(async () => {
    await hub.close();
  });

  const post = async (token: string, body: unknown) => {
    const response = await fetch(`${hub.ingestUrl}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const get = async (token: string, path: string) => (await fetch(`${hub.ingestUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();

  it('rejects alone each event whose source is outside the token\'s sources, and accepts the rest of the batch', async () => {
    const token = await hs256({ sub: 'psa-connector', scope: 'events:write', claims: { sources: ['/psa/', '/crm/emea/'] } });
    const { status, body } = await post(token, [account('S1', '/psa/acme'), account('S2', '/erp/books'), account('S3', '/crm/emea/x'), account('S4', '/crm/us/x')]);
    assert.equal(status, 202);
    assert.deepEqual({ accepted: body.accepted, rejected: body.rejected }, { accepted: 2, rejected: 2 });
    assert.deepEqual(body.results.map((r: any) => r.status), ['accepted', 'rejected', 'accepted', 'rejected']);
    for (const index of [1, 3]) {
      assert.deepEqual(body.results[index].errors.map((e: any) => [e.path, e.code]), [['source', 'FORBIDDEN_SOURCE']]);
      assert.match(body.results[index].errors[0].message, /expected a source starting with "\/psa\/" or "\/crm\/emea\/" \(the token's sources\), got "\/(erp\/books|crm\/us\/x)"/);
    }
    const { rows } = await hub.db.pool.query(`SELECT source, reason FROM hub.rejected_event ORDER BY rejection_id`);
    assert.deepEqual(rows, [{ source: '/erp/books', reason: 'forbidden' }, { source: '/crm/us/x', reason: 'forbidden' }]);
    const { rows: logged } = await hub.db.pool.query(`SELECT source FROM hub.event_log ORDER BY position`);
    assert.deepEqual(logged.map((r) => r.source), ['/psa/acme', '/crm/emea/x']);
    // A token without `sources` may send any source.
    const any = await post(await hs256({ scope: 'events:write' }), [account('S5', '/erp/books')]);
    assert.equal(any.body.accepted, 1);
  });

  it('takes the simulated firm from `servicegraph simulate --token`, and says what a hub without one wants', async () => {
    const simulate = async (...argv: string[]) => {
      let stderr = '';
      const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
      const code = await runCommand('servicegraph', simulateCommand(io), ['--events', '200', '--quiet', '--url', `${hub.ingestUrl}/events`, ...argv], io);
      return { code, stderr };
    };
    const refused = await simulate();
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /got 401: .*UNAUTHENTICATED[\s\S]*needs a token with events:write: --token or SERVICEGRAPH_TOKEN/);
    const sent = await simulate('--token', await hs256({ sub: 'simulator', scope: 'events:write' }));
    assert.deepEqual(sent, { code: 0, stderr: '' });
  });

  it('records requests after one whose source Postgres cannot store', async () => {
    // Such a source is rejected, and its request's audit row names it: written as received, U+0000 or an
    // unpaired surrogate would fail that row's batch at every retry, and the audit log would record nothing more.
    const writer = await hs256({ sub: 'odd-sender', scope: 'events:write' });
    const operator = await hs256({ sub: 'odd-operator', scope: 'operations:read' });
    const odd = await post(writer, [account('O1', '/psa/\u0000nul'), account('O2', '/psa/\ud800alone')]);
    assert.deepEqual(odd.body.results.map((r: any) => r.status), ['rejected', 'rejected']);
    await post(writer, [account('O3', '/psa/after')]);
    await eventually('the audit rows of both requests are written', async () => {
      const { audit } = await get(operator, '/audit?limit=200');
      return audit.filter((row: any) => row.sub === 'odd-sender').length === 2;
    }, { timeoutMs: 10_000 });
    const { audit } = await get(operator, '/audit?limit=200');
    const [later, first] = audit.filter((row: any) => row.sub === 'odd-sender');
    assert.deepEqual(later.detail.sources, ['/psa/after']);
    assert.deepEqual(first.detail.sources, ['/psa/\ufffdnul', '/psa/\ufffdalone']);
  });

  it('keeps an audit row small whatever the sources it names', async () => {
    // Each of up to 20 sources is named: at 60 KB a source, a row weighed 1.2 MB and GET /audit?limit=1000 over a gigabyte.
    const writer = await hs256({ sub: 'long-sources', scope: 'events:write' });
    const operator = await hs256({ sub: 'long-operator', scope: 'operations:read' });
    const long = (i: number) => `/psa/${'s'.repeat(60_000)}${i}`;
    await post(writer, Array.from({ length: 20 }, (_, i) => account(`L${i}`, long(i))));
    let row: any;
    await eventually('the audit row of the request', async () => {
      row = (await get(operator, '/audit?limit=200')).audit.find((r: any) => r.sub === 'long-sources');
      return row !== undefined;
    }, { timeoutMs: 10_000 });
    assert.equal(row.detail.sources.length, 20);
    for (const source of row.detail.sources) assert.match(source, /^\/psa\/s{195}… \(6000\d characters in all\)$/);
    assert.ok(JSON.stringify(row).length < 20 * 300, `${JSON.stringify(row).length} characters`);
  });

  it('records accepted, refused and operator requests in the audit log, newest first', async () => {
    const writer = await hs256({ sub: 'audit-writer', scope: 'events:write', claims: { sources: ['/psa/'] } });
    const operator = await hs256({ sub: 'audit-operator', scope: 'operations:read' });
    await post(writer, [account('A1', '/psa/one'), account('A2', '/psa/two'), account('A3', '/erp/x')]);
    const refused = await fetch(`${hub.ingestUrl}/rejected`, { headers: { authorization: `Bearer ${writer}` } });
    assert.equal(refused.status, 403);
    const noToken = await fetch(`${hub.ingestUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    assert.equal(noToken.status, 401);
    assert.equal((await fetch(`${hub.ingestUrl}/rejected?limit=5`, { headers: { authorization: `Bearer ${operator}` } })).status, 200);

    let audit: any[] = [];
    await eventually('the audit rows are written', async () => {
      // Each read of the audit log adds a row of its own: read deep enough that retries cannot push the others out.
      audit = (await get(operator, '/audit?limit=200')).audit;
      return audit.some((row) => row.door === 'GET /rejected' && row.kind === 'operator');
    });
    // Reading the audit log is an operator action too: those rows are left aside here.
    const mine = audit.filter((row) => row.door !== 'GET /audit' && (row.sub === 'audit-writer' || row.sub === 'audit-operator' || row.status === 401));
    assert.deepEqual(mine.slice(0, 4).map((row) => [row.kind, row.door, row.sub, row.status]), [
      ['operator', 'GET /rejected', 'audit-operator', 200],
      ['refused', 'POST /events', null, 401],
      ['refused', 'GET /rejected', 'audit-writer', 403],
      ['ingest', 'POST /events', 'audit-writer', 202],
    ]);
    const [operatorRow, unauthenticated, forbidden, ingest] = mine;
    assert.match(operatorRow.reason, /^listed \d+ \(limit 5\)$/);
    assert.match(unauthenticated.reason, /^UNAUTHENTICATED: expected a bearer token/);
    assert.match(forbidden.reason, /^FORBIDDEN: GET \/rejected needs the scope operations:read/);
    assert.deepEqual(ingest.detail, { events: 3, accepted: 2, duplicates: 0, rejected: 1, forbidden: 1, sources: ['/psa/one', '/psa/two', '/erp/x'] });
    for (const row of mine) {
      assert.equal(row.client, '127.0.0.1');
      assert.ok(Date.now() - Date.parse(row.at) < 60_000, 'at is the request\'s time');
    }
    const ids = audit.map((row) => Number(row.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
  });
});
