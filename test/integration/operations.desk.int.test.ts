/**
 * The operator's desk through the gateway: hub exceptions and parked events
 * listed, and a dismissal that is an event in the log (source
 * /servicegraph/operator) applied by the listeners, so the exception reads
 * DISMISSED, the metrics count one open exception fewer, and a rebuild from
 * the log holds the same dismissal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startHub, type RunningHub } from '../../cli/hub';
import { createLogger } from '../../cli/logger';
import { loadConfig } from '../../config/config';
import { dropDatabase } from '../../db/ensureDatabase';
import { HUB_EXCEPTION_DISMISSED, OPERATOR_SOURCE } from '../../events/operatorEvents';
import { rebuildAndCompare } from '../../listeners/rebuild';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { mintToken } from '../../access/mintToken';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';
import { sampleValue, scrape } from '../support/prometheusText';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const firm = simulateFirm({ seed: 'operator-desk', scale: 0.3, illegal: true });
const expected = expectedFigures(firm.events);

interface GraphQLAnswer { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] }

describe('the operator\'s desk', () => {
  let db: TestDatabase;
  let hub: RunningHub;
  let graphql: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

  before(async () => {
    db = await createTestDatabase();
    hub = await startHub(loadConfig({ DATABASE_URL: db.url, INGEST_PORT: '0', GATEWAY_PORT: '0', LOG_LEVEL: 'error' }), createLogger('error'));
    const url = hub.gateway!.url;
    graphql = async (query, variables) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLAnswer;
    };
    await postEvents(firm.events, { url: `${hub.ingestUrl}/events`, progress: false });
    await eventually('the listeners to catch up', async () => {
      const status = (await (await fetch(`${hub.ingestUrl}/status`)).json()) as { pending: number };
      return status.pending === 0;
    }, { intervalMs: 100 });
  });

  after(async () => {
    await hub?.stop();
    await db?.drop();
  });

  const LIST = `query Desk($open: Boolean, $code: String) {
    hubExceptions(first: 500, open: $open, code: $code) { totalCount nodes { id eventId source type subject code message raisedAt ageHours status dismissedBy dismissedReason } }
  }`;

  it('lists every hub exception the oracle expects, open, with its event', async () => {
    const answer = await graphql(LIST, { open: true });
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    const nodes = answer.data!.hubExceptions.nodes as Record<string, unknown>[];
    assert.ok(expected.exceptions.length > 0);
    assert.equal(answer.data!.hubExceptions.totalCount, expected.exceptions.length);
    assert.deepEqual(nodes.map((n) => `${n.source}|${n.eventId}|${n.code}`).sort(),
      expected.exceptions.map((x) => `${x.source}|${x.id}|${x.code}`).sort());
    for (const node of nodes) {
      assert.equal(node.status, 'OPEN');
      assert.equal(node.dismissedBy, null);
      assert.ok(typeof node.ageHours === 'number' && node.ageHours >= 0);
    }
    const byCode = await graphql(LIST, { code: 'NO_SUCH_CODE' });
    assert.equal(byCode.data!.hubExceptions.totalCount, 0);
  });

  it('lists parked events (none once the firm has settled)', async () => {
    const answer = await graphql('{ parkedEvents(first: 10) { totalCount nodes { eventId source type subject waitingFor parkedAt } pageInfo { hasNextPage } } }');
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.deepEqual(answer.data!.parkedEvents, { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
  });

  it('dismisses one through the log: DISMISSED, the operator event applied, one fewer open in the metrics, rebuild equal to live', async () => {
    const open = (await graphql(LIST, { open: true })).data!.hubExceptions;
    const target = open.nodes[0] as { id: string; eventId: string };
    const metricsBefore = sampleValue(await scrape(`${hub.ingestUrl}/metrics`), 'servicegraph_exceptions_open');
    assert.equal(metricsBefore, open.totalCount);

    const dismissed = await graphql(`mutation Dismiss($id: ID!, $reason: String!) {
      dismissHubException(id: $id, reason: $reason) { id eventId status dismissedBy dismissedReason }
    }`, { id: target.id, reason: '  corrected in the PSA; the resubmission applied  ' });
    assert.equal(dismissed.errors, undefined, JSON.stringify(dismissed.errors));
    assert.deepEqual(dismissed.data!.dismissHubException, {
      id: target.id, eventId: target.eventId, status: 'DISMISSED', dismissedBy: null, dismissedReason: 'corrected in the PSA; the resubmission applied',
    });

    // The dismissal is an event in the log, applied like any.
    const { rows } = await db.pool.query(`SELECT type, subject, envelope FROM hub.event_log WHERE source = $1`, [OPERATOR_SOURCE]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].type, HUB_EXCEPTION_DISMISSED);
    assert.equal(rows[0].subject, target.id);
    assert.deepEqual(rows[0].envelope.data, { exceptionId: target.id, reason: 'corrected in the PSA; the resubmission applied', dismissedBy: null });
    // The audit log names the action (who: null without authentication).
    const audit = await db.pool.query(`SELECT kind, door, subject, status, reason, detail FROM hub.audit_log WHERE door = 'Mutation.dismissHubException'`);
    assert.equal(audit.rows.length, 1);
    assert.deepEqual({ ...audit.rows[0], detail: undefined }, {
      kind: 'operator', door: 'Mutation.dismissHubException', subject: null, status: 200,
      reason: `dismissed hub exception ${target.id}: corrected in the PSA; the resubmission applied`, detail: undefined,
    });
    assert.equal(audit.rows[0].detail.exceptionId, target.id);
    const listed = (await (await fetch(`${hub.ingestUrl}/audit?limit=10`)).json()) as { audit: { door: string }[] };
    assert.ok(listed.audit.some((entry) => entry.door === 'Mutation.dismissHubException'), JSON.stringify(listed));
    const status = (await (await fetch(`${hub.ingestUrl}/status`)).json()) as Record<string, number>;
    assert.equal(status.pending, 0);
    assert.equal(status.applied, expected.events.applied + 1, 'the operator event counts as applied');

    const after_ = (await graphql(LIST, { open: true })).data!.hubExceptions;
    assert.equal(after_.totalCount, open.totalCount - 1);
    assert.ok(!after_.nodes.some((n: { id: string }) => n.id === target.id));
    const closed = (await graphql(LIST, { open: false })).data!.hubExceptions;
    assert.deepEqual(closed.nodes.map((n: { id: string }) => n.id), [target.id]);
    assert.equal(sampleValue(await scrape(`${hub.ingestUrl}/metrics`), 'servicegraph_exceptions_open'), open.totalCount - 1);

    // A rebuild replays the log, the dismissal included, into the same state.
    const report = await rebuildAndCompare({ liveUrl: db.url, keep: true });
    try {
      assert.ok(report.equal, JSON.stringify(report.tables.filter((t) => !t.equal)));
      const read = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(`SELECT position::text, code, message, dismissed_at, dismissed_by, dismissed_reason FROM hub.exception ORDER BY position`)).rows;
        } finally {
          await client.end();
        }
      };
      const live = await read(db.url);
      assert.deepEqual(await read(report.rebuildDatabaseUrl), live);
      assert.equal(live.filter((row) => row.dismissed_at !== null).length, 1);
    } finally {
      await dropDatabase(report.rebuildDatabaseUrl);
    }
  });

  it('refuses a second dismissal, an unknown id and an empty reason, and writes nothing for them', async () => {
    const closed = (await graphql(LIST, { open: false })).data!.hubExceptions.nodes[0] as { id: string };
    const dismiss = (id: string, reason: string) => graphql('mutation($id: ID!, $r: String!) { dismissHubException(id: $id, reason: $r) { id } }', { id, r: reason });
    const again = await dismiss(closed.id, 'again');
    assert.equal(again.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(again.errors![0]!.message, /already dismissed/);
    assert.equal((await dismiss('999999999', 'no such')).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await dismiss(closed.id, '   ')).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM hub.event_log WHERE source = $1`, [OPERATOR_SOURCE]);
    assert.equal(rows[0].n, 1);
  });

  it('refuses an operator event sent to POST /events (only the hub writes them)', async () => {
    const response = await fetch(`${hub.ingestUrl}/events`, {
      method: 'POST', headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({ specversion: '1.0', id: 'forged-1', source: OPERATOR_SOURCE, type: HUB_EXCEPTION_DISMISSED, subject: '1',
        time: '2026-03-02T09:00:00Z', data: { exceptionId: '1', reason: 'forged', dismissedBy: 'someone' } }),
    });
    const body = (await response.json()) as { rejected: number };
    assert.equal(body.rejected, 1);
  });
});

describe('the operator\'s desk with tokens (AUTH=jwt)', () => {
  const secret = 'operator-desk-test-secret-of-at-least-32-bytes';
  let db: TestDatabase;
  let hub: RunningHub;
  const token = (subject: string, scopes: string[]) => mintToken(secret, { subject, scopes, ttlSeconds: 600 });
  const graphqlAs = async (bearer: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> => {
    const response = await fetch(hub.gateway!.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  };

  before(async () => {
    db = await createTestDatabase();
    hub = await startHub(loadConfig({
      DATABASE_URL: db.url, INGEST_PORT: '0', GATEWAY_PORT: '0', LOG_LEVEL: 'error', AUTH: 'jwt', AUTH_JWT_SECRET: secret,
    }), createLogger('error'));
    const loader = await token('loader', ['events:write', 'operations:read']);
    // Closed projects stay closed: reopening one is an ILLEGAL_TRANSITION.
    const events = [
      anEvent('ps.customer.account.upserted', { accountId: 'ACC-J', name: 'Jwt', legalEntityId: 'LE-DE', billingCurrency: 'EUR' }),
      anEvent('ps.project.project.created', { projectId: 'PRJ-J', accountId: 'ACC-J', name: 'Closed', billingModel: 'fixed_fee', currency: 'EUR', legalEntityId: 'LE-DE' }),
      anEvent('ps.project.project.status_changed', { projectId: 'PRJ-J', status: 'closed' }),
      anEvent('ps.project.project.status_changed', { projectId: 'PRJ-J', status: 'active' }),
    ];
    const posted = await fetch(`${hub.ingestUrl}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${loader}` }, body: JSON.stringify(events),
    });
    assert.equal(posted.status, 202, await posted.text());
    await eventually('the listeners to catch up', async () => {
      const status = (await (await fetch(`${hub.ingestUrl}/status`, { headers: { authorization: `Bearer ${loader}` } })).json()) as { pending: number; exceptions: number };
      return status.pending === 0 && status.exceptions === 1;
    }, { intervalMs: 100 });
  });

  after(async () => {
    await hub?.stop();
    await db?.drop();
  });

  it('refuses the desk to a token without the operations scopes, and records the operator\'s sub when one dismisses', async () => {
    const viewer = await token('viewer', ['graph:read']);
    const listed = await graphqlAs(viewer, '{ hubExceptions { totalCount } }');
    assert.equal(listed.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(listed));
    const reader = await token('auditor', ['graph:read', 'operations:read']);
    const readable = await graphqlAs(reader, '{ hubExceptions(open: true) { totalCount nodes { id code } } }');
    assert.equal(readable.errors, undefined, JSON.stringify(readable.errors));
    const [exception] = readable.data!.hubExceptions.nodes as { id: string; code: string }[];
    assert.equal(exception!.code, 'ILLEGAL_TRANSITION');

    const DISMISS = 'mutation($id: ID!) { dismissHubException(id: $id, reason: "reopened in the PSA by mistake") { status dismissedBy } }';
    const refused = await graphqlAs(reader, DISMISS, { id: exception!.id });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(refused));
    const operator = await token('ops-anna', ['graph:read', 'operations:read', 'operations:write']);
    const dismissed = await graphqlAs(operator, DISMISS, { id: exception!.id });
    assert.deepEqual(dismissed.data?.dismissHubException, { status: 'DISMISSED', dismissedBy: 'ops-anna' }, JSON.stringify(dismissed.errors));
    const audit = await db.pool.query(`SELECT subject FROM hub.audit_log WHERE door = 'Mutation.dismissHubException'`);
    assert.deepEqual(audit.rows, [{ subject: 'ops-anna' }]);
    const { rows } = await db.pool.query(`SELECT envelope FROM hub.event_log WHERE source = $1`, [OPERATOR_SOURCE]);
    assert.equal(rows[0].envelope.data.dismissedBy, 'ops-anna');
  });
});
