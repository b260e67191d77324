/**
 * The gateway's operation guard on a real hub (docs/api.md, "Access";
 * docs/limits.md): AUTH=jwt, a real read model, real HTTP, WebSocket and
 * event streams. Every financial field of the schema (derived from it: every
 * Money field, every marginPercent) is refused without `financials:read` and
 * read with it; the operator's fields need their scopes; GraphQL needs
 * `graph:read`; each limit answers its code; a refusal plans nothing and asks
 * no subgraph, and is in the audit log; subscriptions and reports are held to
 * the same rules; the response cache never answers one principal with
 * another's answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getNamedType, isCompositeType, isEnumType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { AuditLog } from '../../access/auditLog';
import { createAuthenticator } from '../../access/authenticator';
import { Doors } from '../../access/doors';
import type { BusinessEvent } from '../../events/types';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { readModelPosition } from '../../hub/checkpoint';
import { ingestEvents } from '../../ingest/ingestEvents';
import { Projector } from '../../listeners/projector';
import { liveExtension, type LiveExtension } from '../../live/liveExtension';
import { reportsExtension } from '../../reporting/reportsExtension';
import { createSubgraphByName, createSubgraphs, serveSubgraph, VOLATILE_FIELDS, type ServedSubgraph } from '../../subgraphs';
import { accessSettings, TEST_JWT } from '../support/accessHub';
import { financialFields } from '../support/financialFields';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';
import { handingOver } from '../support/liveHub';
import { openRawGraphqlWs, type RawGraphqlWs } from '../support/rawGraphqlWs';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { hs256 } from '../support/tokens';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

const SEED: BusinessEvent[] = [
  anEvent('ps.customer.account.upserted', { accountId: 'ACC-1', name: 'Acme GmbH', legalEntityId: 'LE-DE', billingCurrency: 'EUR' } as never),
  anEvent('ps.project.project.created', { projectId: 'PRJ-1', accountId: 'ACC-1', name: 'ERP rollout', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' } as never),
  anEvent('ps.project.time_entry.submitted', { timeEntryId: 'TE-1', projectId: 'PRJ-1', resourceId: 'RES-1', workDate: '2026-03-02', hours: '8', billable: true } as never),
  anEvent('ps.project.time_entry.approved', { timeEntryId: 'TE-1', approvedBy: 'RES-9', billRate: eur('100'), costRate: eur('50') } as never),
];
const drafted = (invoiceId: string) => anEvent('ps.billing.invoice.drafted', {
  invoiceId, accountId: 'ACC-1', projectId: 'PRJ-1', currency: 'EUR', lines: [{ lineId: 'L1', kind: 'time', sourceIds: ['TE-1'], amount: eur('800') }],
} as never);

/** A literal for a required argument of this type, so that a path can pass through the field. */
function literalFor(typeName: string, schema: GraphQLSchema): string {
  const type = schema.getType(typeName);
  if (isEnumType(type)) return type.getValues()[0]!.name;
  return { Int: '0', Float: '0', Boolean: 'true', Date: '"2026-03-31"' }[typeName] ?? '"x"';
}

/** A query that reaches `coordinate` by the shortest path of fields from Query, selecting only it at the end. */
function queryReaching(schema: GraphQLSchema, coordinate: string): string {
  const [target, fieldName] = coordinate.split('.') as [string, string];
  const start = { type: schema.getQueryType()!.name, path: [] as string[] };
  const queue = [start];
  const seen = new Set([start.type]);
  while (queue.length > 0) {
    const { type, path } = queue.shift()!;
    if (type === target) {
      const field = (schema.getType(type) as any).getFields()[fieldName];
      const leaf = isCompositeType(getNamedType(field.type)) ? `${fieldName} { __typename }` : fieldName;
      return path.reduceRight((inner, step) => `${step} { ${inner} }`, leaf).replace(/^/, '{ ') + ' }';
    }
    const object = schema.getType(type);
    if (!isObjectType(object)) continue;
    for (const field of Object.values(object.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || seen.has(named.name) || named.name === 'Money') continue;
      seen.add(named.name);
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const args = [...required.map((a) => `${a.name}: ${literalFor(getNamedType(a.type).name, schema)}`), ...(field.args.some((a) => a.name === 'first') ? ['first: 1'] : [])];
      queue.push({ type: named.name, path: [...path, args.length > 0 ? `${field.name}(${args.join(', ')})` : field.name] });
    }
  }
  throw new Error(`no path from Query to ${coordinate}`);
}

describe('the operation guard (AUTH=jwt, real read model)', () => {
  let db: TestDatabase;
  let audit: AuditLog;
  let projector: Projector;
  let gateway: RunningGateway;
  let live: LiveExtension;
  let plans = 0;
  const tokens = new Map<string, string>();
  const token = async (scope: string, claims: Record<string, unknown> = {}, sub = 'tester') => {
    const key = JSON.stringify([scope, claims, sub]);
    if (!tokens.has(key)) tokens.set(key, await hs256({ scope, claims, sub }));
    return tokens.get(key)!;
  };
  const post = async (scope: string, body: unknown, claims: Record<string, unknown> = {}, sub?: string) => {
    const response = await fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(scope, claims, sub)}` }, body: JSON.stringify(body),
    });
    return { status: response.status, cache: response.headers.get('x-servicegraph-cache'), body: await response.json() as any };
  };
  const ingest = async (events: BusinessEvent[]) => {
    const result = await ingestEvents(db.pool, events);
    assert.equal(result.rejected, 0, JSON.stringify(result.results));
    await projector.drain();
  };
  const auditRows = async (door: string) => {
    await audit.flush();
    return (await db.pool.query<{ status: number; reason: string; subject: string }>(
      `SELECT status, reason, subject FROM hub.audit_log WHERE kind = 'refused' AND door = $1 ORDER BY audit_id`, [door])).rows;
  };

  before(async () => {
    db = await createTestDatabase();
    audit = new AuditLog(db.pool);
    projector = new Projector(db.pool);
    await ingest([...SEED, drafted('INV-1')]);
    gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
      doors: await Doors.create(accessSettings(), audit),
      onQueryPlan: () => plans++,
      responseCache: { volatileFields: VOLATILE_FIELDS, position: readModelPosition(db.pool) },
      extensions: [handingOver(liveExtension({ pool: db.pool, databaseUrl: db.url, pollMs: 50 }), (made) => (live = made)),
        reportsExtension({ position: readModelPosition(db.pool) })],
    });
  });
  after(async () => {
    await gateway?.close();
    await audit?.close();
    await db?.drop();
  });

  it('refuses before planning: a refused operation asks no subgraph, and is in the audit log with its reason', async () => {
    const query = '{ project(id: "PRJ-1") { name margin { amount } } }';
    const plansBefore = plans;
    const refused = await post('graph:read', { query }, {}, 'analyst-1');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.data, undefined);
    assert.deepEqual(refused.body.errors.map((e: any) => [e.extensions.code, e.extensions.field]), [['FORBIDDEN', 'Project.margin']]);
    assert.equal(plans, plansBefore, 'no query plan was made, so no subgraph was asked');
    const overGet = await fetch(`${gateway.url}?${new URLSearchParams({ query })}`, { headers: { authorization: `Bearer ${await token('graph:read')}` } });
    assert.equal(overGet.status, 403, 'over GET too');
    assert.deepEqual(((await overGet.json()) as any).errors.map((e: any) => e.extensions.field), ['Project.margin']);
    assert.equal(plans, plansBefore, 'no query plan was made, so no subgraph was asked');
    const admitted = await post('graph:read financials:read', { query });
    assert.equal(admitted.status, 200);
    assert.equal(admitted.body.data.project.name, 'ERP rollout');
    assert.ok(plans > plansBefore, 'the admitted one was planned (the count sees plans)');
    const rows = await auditRows('graphql');
    const row = rows.find((r) => r.subject === 'analyst-1');
    assert.equal(row?.status, 403);
    assert.match(row!.reason, /^FORBIDDEN: Project\.margin needs the scope financials:read/);
  });

  it('refuses every financial field of every type without financials:read, one FORBIDDEN error naming it, and reads it with', async () => {
    const fields = financialFields(gateway.core.schema);
    assert.ok(fields.length >= 40, `${fields.length} financial fields`);
    for (const coordinate of fields) {
      const query = queryReaching(gateway.core.schema, coordinate);
      const refused = await post('graph:read operations:read', { query });
      assert.equal(refused.status, 403, `${coordinate}: ${query} → ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.data, undefined, coordinate);
      assert.deepEqual(refused.body.errors.map((e: any) => [e.extensions.code, e.extensions.field]), [['FORBIDDEN', coordinate]], query);
      const admitted = await post('graph:read financials:read operations:read', { query });
      assert.equal(admitted.status, 200, `${coordinate}: ${JSON.stringify(admitted.body)}`);
      assert.equal(admitted.body.errors, undefined, `${coordinate}: ${query} → ${JSON.stringify(admitted.body.errors)}`);
    }
  });

  it('refuses the operator\'s fields without operations:read, and the dismissal without operations:write', async () => {
    for (const [field, query] of [
      ['Query.ingestStatus', '{ ingestStatus { received } }'],
      ['Query.hubExceptions', '{ hubExceptions(first: 1) { totalCount } }'],
      ['Query.parkedEvents', '{ parkedEvents(first: 1) { totalCount } }'],
    ] as const) {
      const refused = await post('graph:read financials:read', { query });
      assert.equal(refused.status, 403, field);
      assert.deepEqual(refused.body.errors.map((e: any) => e.extensions.field), [field]);
      const admitted = await post('graph:read operations:read', { query });
      assert.equal(admitted.status, 200, `${field}: ${JSON.stringify(admitted.body)}`);
      assert.equal(admitted.body.errors, undefined);
    }
    const eventsBefore = (await db.pool.query(`SELECT count(*)::int AS n FROM hub.event_log`)).rows[0].n;
    const dismissal = await post('graph:read operations:read', { query: 'mutation { dismissHubException(id: "1", reason: "seen") { id } }' });
    assert.equal(dismissal.status, 403);
    assert.deepEqual(dismissal.body.errors.map((e: any) => [e.extensions.code, e.extensions.field, e.extensions.scope]),
      [['FORBIDDEN', 'Mutation.dismissHubException', 'operations:write']]);
    assert.equal((await db.pool.query(`SELECT count(*)::int AS n FROM hub.event_log`)).rows[0].n, eventsBefore, 'nothing was appended');
  });

  it('refuses a token without graph:read whatever it selects', async () => {
    const refused = await post('financials:read operations:read', { query: '{ __typename }' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.data, undefined);
    assert.deepEqual(refused.body.errors.map((e: any) => [e.extensions.code, e.extensions.scope]), [['FORBIDDEN', 'graph:read']]);
  });

  it('answers each limit with its code (400), and admits an operation just under it', async () => {
    const all = 'graph:read financials:read';
    const mergedInto = (levels: number) => `{ customer(id: "ACC-1") { ${'mergedInto { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    // Operations of 5 tokens (`query Qi { __typename }`), the first with n mod 5 more fields: n tokens in all. (One
    // selection of 2000 equal fields would be refused by graphql-js's validation, which bounds its own overlap checks.)
    const tokensOf = (n: number) => Array.from({ length: Math.floor(n / 5) }, (_, i) => `query Q${i} { __typename${i === 0 ? ' __typename'.repeat(n % 5) : ''} }`).join('\n');
    const costly = 'query($n: Int) { customers(first: 500) { nodes { projects(first: $n) { nodes { id } } } } }';
    const cases = [
      // 1 + 10 + 1 = 12 deep.
      { code: 'DEPTH_LIMIT_EXCEEDED', under: { query: mergedInto(10) }, over: { query: mergedInto(11) } },
      { code: 'ALIAS_LIMIT_EXCEEDED', under: { query: aliases(30) }, over: { query: aliases(31) } },
      { code: 'TOKEN_LIMIT_EXCEEDED', under: { query: tokensOf(2000), operationName: 'Q0' }, over: { query: tokensOf(2001), operationName: 'Q0' } },
      // 1 + 500 × (1 + 1 + n × 2): 99001 for n = 98, 100001 for n = 99.
      { code: 'COST_LIMIT_EXCEEDED', under: { query: costly, variables: { n: 98 } }, over: { query: costly, variables: { n: 99 } } },
    ];
    for (const { code, under, over } of cases) {
      const plansBefore = plans;
      const refused = await post(all, over);
      assert.equal(refused.status, 400, `${code}: ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.data, undefined);
      assert.deepEqual(refused.body.errors.map((e: any) => e.extensions.code), [code]);
      assert.equal(plans, plansBefore, `${code}: nothing planned`);
      const admitted = await post(all, under);
      assert.equal(admitted.status, 200, `${code}, just under: ${JSON.stringify(admitted.body).slice(0, 300)}`);
      assert.equal(admitted.body.errors, undefined);
    }
    const reasons = (await auditRows('graphql')).map((r) => r.reason.split(':')[0]);
    for (const { code } of cases) assert.ok(reasons.includes(code), `${code} audited`);
  });

  const openSocket = async (scope: string): Promise<RawGraphqlWs> => {
    const client = await openRawGraphqlWs(gateway.url.replace(/^http/, 'ws'));
    client.send({ type: 'connection_init', payload: { authorization: `Bearer ${await token(scope)}` } });
    await client.waitFor('connection_ack', (m) => m.type === 'connection_ack');
    return client;
  };
  /** Resolves once the fan-out holds the subscription named `operationName`: a change committed from then on is pushed to it. */
  const subscribed = (operationName: string) =>
    eventually(`the subscription ${operationName} to be open`, () => live.subscriberQueues().some((q) => q.operationName === operationName),
      { describe: () => JSON.stringify(live.subscriberQueues()) });

  it('refuses a subscription over graphql-ws at subscribe time, and pushes one that may read what it selects', async () => {
    const open = openSocket;
    const selection = 'subscription InvoiceTotals { invoiceStatusChanged { eventType invoice { id grossTotal { amount } } } }';
    const reader = await open('graph:read');
    reader.send({ id: 's1', type: 'subscribe', payload: { query: selection } });
    const refused = await reader.waitFor('the refusal', (m) => m.id === 's1' && m.type !== 'next', 15_000);
    assert.equal(refused.type, 'error');
    assert.deepEqual(refused.payload.map((e: any) => [e.extensions.code, e.extensions.field]), [['FORBIDDEN', 'Invoice.grossTotal']]);
    const deep = `subscription { invoiceStatusChanged { invoice { customer { ${'mergedInto { '.repeat(10)}id${' }'.repeat(10)} } } } }`;
    reader.send({ id: 's2', type: 'subscribe', payload: { query: deep } });
    const tooDeep = await reader.waitFor('the depth refusal', (m) => m.id === 's2', 15_000);
    assert.equal(tooDeep.type, 'error');
    assert.deepEqual(tooDeep.payload.map((e: any) => e.extensions.code), ['DEPTH_LIMIT_EXCEEDED']);
    await reader.terminate();

    const finance = await open('graph:read financials:read');
    finance.send({ id: 's3', type: 'subscribe', payload: { query: selection } });
    await subscribed('InvoiceTotals');
    await ingest([drafted('INV-2')]);
    const pushed = await finance.waitFor('the payload', (m) => m.id === 's3' && m.type === 'next' && m.payload.data?.invoiceStatusChanged.invoice.id === 'INV-2', 30_000);
    assert.equal(pushed.payload.data.invoiceStatusChanged.invoice.grossTotal.amount, '800.00');
    await finance.terminate();
    const rows = await auditRows('graphql-ws');
    assert.ok(rows.some((r) => /^FORBIDDEN: Invoice\.grossTotal/.test(r.reason)), JSON.stringify(rows));
  });

  it('pushes a burst of changes read together, fetched in one document past the client limits (its admitted selection, repeated)', async () => {
    const finance = await openSocket('graph:read financials:read');
    finance.send({ id: 'burst', type: 'subscribe', payload: { query: 'subscription Burst { invoiceStatusChanged { invoice { id grossTotal { amount } } } }' } });
    await subscribed('Burst');
    // 40 invoices in one commit: the feed reads them at once, and their payloads are fetched together (64 aliases).
    const ids = Array.from({ length: 40 }, (_, i) => `INV-B${i}`);
    await ingest(ids.map(drafted));
    const payloads = () => finance.messages.filter((m) => m.id === 'burst');
    await finance.waitFor('every payload of the burst', () => payloads().length >= ids.length, 30_000);
    assert.deepEqual(payloads().filter((m) => m.type !== 'next' || m.payload.errors), [], 'no payload refused');
    assert.deepEqual(payloads().map((m) => m.payload.data.invoiceStatusChanged.invoice.id).sort(), [...ids].sort());
    await finance.terminate();
  });

  it('refuses a subscription over graphql-sse with the same errors', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${await token('graph:read')}` },
      body: JSON.stringify({ query: 'subscription { projectFinancialsChanged { project { id margin { amount } marginPercent } } }' }),
      // An admitted subscription's stream stays open: the test reads its first result only, and not for ever.
      signal: AbortSignal.timeout(15_000),
    });
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      if (/event: next\ndata: .*\n/.test(text)) break;
    }
    const next = /event: next\ndata: (.*)\n/.exec(text);
    assert.ok(next, text);
    const result = JSON.parse(next[1]!);
    assert.equal(result.data, undefined);
    assert.deepEqual(result.errors.map((e: any) => [e.extensions.code, e.extensions.field]).sort(), [['FORBIDDEN', 'Project.margin'], ['FORBIDDEN', 'Project.marginPercent']]);
  });

  it('holds reports to the same rules: a report of money needs financials:read, one without does not', async () => {
    const report = async (path: string, scope: string) => {
      const response = await fetch(`${gateway.url.replace(/\/graphql$/, '')}${path}`, { headers: { authorization: `Bearer ${await token(scope)}` } });
      return { status: response.status, text: await response.text() };
    };
    const refused = await report('/reports/projects.json', 'graph:read');
    assert.equal(refused.status, 403, refused.text);
    const body = JSON.parse(refused.text);
    assert.equal(body.error.code, 'FORBIDDEN');
    assert.ok(body.error.errors.some((e: any) => e.extensions.field === 'Project.margin'), refused.text);
    const admitted = await report('/reports/projects.csv', 'graph:read financials:read');
    assert.equal(admitted.status, 200, admitted.text);
    assert.match(admitted.text, /^id,name,/);
    assert.match(admitted.text, /ERP rollout/);
    const rows = await auditRows('GET /reports/projects.json');
    assert.ok(rows.some((r) => r.status === 403 && /Project\.margin/.test(r.reason)), JSON.stringify(rows));
  });

  it('never answers from the response cache across principals of other scopes or legal entities', async () => {
    const page = { query: 'query CachedPage { project(id: "PRJ-1") { id name laborCost { amount } } }' };
    const finance = 'graph:read financials:read';
    const first = await post(finance, page);
    assert.equal(first.status, 200);
    const again = await post(finance, page, {}, 'someone-else');
    assert.equal(again.cache, 'hit', 'a principal of the same scopes and legal entities shares answers');
    const withoutFinancials = await post('graph:read', page);
    assert.equal(withoutFinancials.status, 403, JSON.stringify(withoutFinancials.body));
    assert.notEqual(withoutFinancials.cache, 'hit');
    const otherEntities = await post(finance, page, { legal_entities: ['LE-FR'] });
    assert.notEqual(otherEntities.cache, 'hit', 'another legal entity scope is another partition');
  });
});

describe('the operation limits with AUTH=off', () => {
  let db: TestDatabase;
  let gateway: RunningGateway;
  before(async () => {
    db = await createTestDatabase();
    gateway = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await gateway?.close();
    await db?.drop();
  });

  it('holds in every mode: an open hub refuses past a limit too, and reads every field', async () => {
    const post = async (query: string) => {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return { status: response.status, body: await response.json() as any };
    };
    const refused = await post(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors.map((e: any) => e.extensions.code), ['ALIAS_LIMIT_EXCEEDED']);
    const open = await post('{ portfolio { margin { amount } marginPercent } ingestStatus { received } }');
    assert.equal(open.status, 200, JSON.stringify(open.body));
    assert.equal(open.body.errors, undefined);
  });
});

describe('a subgraph process (AUTH=jwt), reached around the gateway', () => {
  let db: TestDatabase;
  let billing: ServedSubgraph;
  before(async () => {
    db = await createTestDatabase();
    await ingestEvents(db.pool, [...SEED, drafted('INV-1')]);
    await new Projector(db.pool).drain();
    billing = await serveSubgraph(await createSubgraphByName('billing', { pool: db.pool }), {
      host: '127.0.0.1', port: 0, authenticator: await createAuthenticator(TEST_JWT),
    });
  });
  after(async () => {
    await billing?.close();
    await db?.drop();
  });

  it('refuses the fields its own SDL guards, as the gateway does, and reads them with the scope', async () => {
    const ask = async (scope: string, query: string) => {
      const response = await fetch(billing.url, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await hs256({ scope })}` }, body: JSON.stringify({ query }),
      });
      return { status: response.status, body: await response.json() as any };
    };
    const entities = '{ _entities(representations: [{ __typename: "Invoice", id: "INV-1" }]) { ... on Invoice { id grossTotal { amount } } } }';
    const refused = await ask('graph:read', entities);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.data, undefined);
    assert.deepEqual(refused.body.errors.map((e: any) => [e.extensions.code, e.extensions.field]), [['FORBIDDEN', 'Invoice.grossTotal']]);
    const root = await ask('graph:read', '{ invoices(first: 1) { nodes { id amountDue { amount } } } }');
    assert.deepEqual(root.body.errors?.map((e: any) => e.extensions.field), ['Invoice.amountDue']);
    const admitted = await ask('graph:read financials:read', entities);
    assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
    assert.equal(admitted.body.data._entities[0].grossTotal.amount, '800.00');
    const plain = await ask('graph:read', '{ invoices(first: 1) { nodes { id status } } }');
    assert.equal(plain.status, 200, JSON.stringify(plain.body));
    assert.equal(plain.body.data.invoices.nodes[0].id, 'INV-1');
  });
});
