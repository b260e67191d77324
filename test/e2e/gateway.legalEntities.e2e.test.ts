/**
 * Legal-entity scoping (docs/api.md, "Access"): a token limited to some legal
 * entities reads exactly the simulator's oracle restricted to them — rows,
 * totalCount, references, portfolio, the figures over time and every saved
 * report whose rows carry a legal entity — through the gateway in both deployment modes, and is pushed only their changes over
 * both subscription transports; `legal_entities: []` reads nothing; and a
 * subgraph process called on its own port answers only to a valid token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditLog } from '../../access/auditLog';
import { Doors } from '../../access/doors';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { readModelPosition } from '../../hub/checkpoint';
import { liveExtension } from '../../live/liveExtension';
import { createRegistry } from '../../observability/metrics';
import { loadReports } from '../../reporting/catalogue';
import { reportsExtension } from '../../reporting/reportsExtension';
import { simulateFirm } from '../../simulator/firm';
import { Oracle, type ExpectedFigures, type InvoiceFigures } from '../../simulator/oracle';
import { createSubgraphs } from '../../subgraphs';
import { accessSettings } from '../support/accessHub';
import { feedEnd, feedRows, type FeedRow } from '../support/changeFeedRows';
import { eventually } from '../support/eventually';
import { assertSameRows, byId, expectedReport, invoiceLegalEntity as legalEntityOfInvoice, reportOracle, type ReportRow } from '../support/expectedReports';
import { data, graphql, graphqlFigures, NOT_SERVED, sameFields, type ReaderHeaders } from '../support/graphqlFigures';
import { liveClient, TRANSPORTS, type LiveClient, type Subscription, type Transport } from '../support/liveClients';
import { startMultiProcessGraph, type MultiProcessGraph } from '../support/multiProcessGraph';
import { parsePrometheusText, sampleValue } from '../support/prometheusText';
import { fillReadModel } from '../support/simulatedReadModel';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { hs256, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET } from '../support/tokens';

const firm = simulateFirm({ seed: 'legal-entities', scale: 1 });
const oracle = new Oracle();
for (const event of firm.events) oracle.apply(event);
const reports = reportOracle(oracle);
const expected: ExpectedFigures = reports.figures;
/** Applied before the gateways start; the rest after every subscriber is subscribed, so their changes are pushed. */
const EARLIER = firm.events.slice(0, Math.floor(firm.events.length * 0.7));
const LATER = firm.events.slice(EARLIER.length);

const LOADED_REPORTS = loadReports();
const LEGAL_ENTITIES = [...new Set(Object.values(expected.projects).map((p) => p.legalEntityId))].sort();
const READ = 'graph:read financials:read';
const ALL_SCOPES = `${READ} operations:read`;

function invoiceLegalEntity(invoice: InvoiceFigures): string {
  return legalEntityOfInvoice(expected, invoice);
}

const AS_OF = '2030-01-01';
/**
 * The saved reports whose rows carry a legal entity, with the parameters they are read with, and
 * the legal entity of a served row (`null`: a currency-wide aggregate, which must equal the reader's own sums).
 */
const LEGAL_ENTITY_REPORTS: ReadonlyArray<[string, Record<string, string>, ((row: ReportRow) => unknown) | null]> = [
  ['projects', {}, (row) => row.legalEntityId],
  ['invoices', {}, (row) => invoiceLegalEntity(expected.invoices[row.id as string]!)],
  ['customers', {}, (row) => row.legalEntityId],
  ['portfolio', {}, null],
  ['project-months', { from: '2024-01', to: '2027-12' }, (row) => row.legalEntityId],
  ['receivables-aging', { asOf: AS_OF }, null],
  ['unbilled-aging', { asOf: AS_OF }, null],
  ['unbilled-facts', { olderThanDays: '0', asOf: AS_OF }, (row) => (row.project as ReportRow).legalEntityId],
];

const pick = <T>(records: Record<string, T>, keep: (record: T) => boolean): Record<string, T> =>
  Object.fromEntries(Object.entries(records).filter(([, record]) => keep(record)));

/** The oracle as a reader of `legalEntity` alone sees it. */
function oracleOf(legalEntity: string) {
  const projects = pick(expected.projects, (p) => p.legalEntityId === legalEntity);
  const invoices = pick(expected.invoices, (i) => invoiceLegalEntity(i) === legalEntity);
  const customers = Object.fromEntries(Object.entries(pick(expected.customers, (c) => c.legalEntityId === legalEntity))
    .map(([id, c]) => [id, {
      ...c,
      projectIds: c.projectIds.filter((p) => p in projects),
      invoiceIds: c.invoiceIds.filter((i) => i in invoices),
    }]));
  const ownRows = expected.portfolioByLegalEntity.filter((row) => row.legalEntityId === legalEntity);
  return {
    projects, invoices, customers,
    survivors: Object.keys(customers).filter((id) => customers[id]!.status !== 'merged').sort(),
    // Every visible project is this legal entity's: its currency-wide rows are its own rows.
    portfolio: ownRows.map((row) => ({ ...row, legalEntityId: null })),
    portfolioByLegalEntity: ownRows,
  };
}

const bearer = async (claims: Record<string, unknown>, scope = READ) => `Bearer ${await hs256({ scope, claims })}`;
const as = (authorization: string): ReaderHeaders => ({ authorization });

const OVER_TIME = `query OverTime($le: String) {
  receivablesAging(asOf: "2030-01-01", legalEntityId: $le) { currency current { amount } days1to30 { amount } days31to60 { amount } days61to90 { amount } over90 { amount } total { amount } }
  unbilledAging(asOf: "2030-01-01", legalEntityId: $le) { currency days1to30 { amount } days31to60 { amount } days61to90 { amount } over90 { amount } total { amount } }
  dso(legalEntityId: $le) { currency days }
  portfolioMonths(legalEntityId: $le) { month currency projectCount approvedHours laborCost { amount } billedAmount { amount } recognizedRevenue { amount } margin { amount } }
}`;

interface Hub {
  readonly url: string;
  /** Open subscriptions, by transport (the gateway's metrics). */
  subscriptions(transport: Transport): Promise<number>;
}

/** Every reader's checks, against a gateway in either mode. */
function checkScoping(hub: () => Hub) {
  for (const legalEntity of LEGAL_ENTITIES) {
    describe(`a token of ${legalEntity} alone`, () => {
      let headers: ReaderHeaders;
      before(async () => {
        headers = as(await bearer({ legal_entities: [legalEntity] }));
      });

      it('reads exactly the oracle’s projects, invoices, customers and portfolio of that legal entity, totalCount included', async () => {
        const own = oracleOf(legalEntity);
        assert.ok(Object.keys(own.invoices).length > 0 && Object.keys(own.invoices).length < Object.keys(expected.invoices).length, 'some invoices are out of scope');
        const figures = await graphqlFigures(hub().url, Object.keys(own.customers), [legalEntity], headers);
        assert.deepEqual(figures.projects, sameFields(own.projects, NOT_SERVED));
        assert.deepEqual(figures.invoices, sameFields(own.invoices, NOT_SERVED));
        assert.deepEqual(figures.customers, sameFields(own.customers, NOT_SERVED));
        assert.deepEqual(figures.survivors, own.survivors);
        assert.deepEqual(figures.portfolio, own.portfolio.map((row) => sameFields({ row }, NOT_SERVED).row));
        assert.deepEqual(figures.portfolioByLegalEntity, own.portfolioByLegalEntity.map((row) => sameFields({ row }, NOT_SERVED).row));
      });

      it('reads in every saved report with legal entities only that legal entity\'s rows, exactly the oracle\'s', async () => {
        for (const [name, parameters, legalEntityOf] of LEGAL_ENTITY_REPORTS) {
          const query = new URLSearchParams(parameters).toString();
          const what = `${name}.json?${query} for ${legalEntity}`;
          const response = await fetch(hub().url.replace(/\/graphql$/, `/reports/${name}.json${query ? `?${query}` : ''}`), { headers });
          assert.equal(response.status, 200, what);
          const { rows } = await response.json() as { rows: ReportRow[] };
          const own = expectedReport(reports, name, parameters, legalEntity);
          const all = expectedReport(reports, name, parameters);
          assert.ok(own.length > 0, `${what}: the legal entity has rows`);
          assert.notDeepEqual(own, all, `${what}: other legal entities have rows too`);
          if (legalEntityOf) {
            const others = rows.filter((row) => legalEntityOf(row) !== legalEntity);
            assert.deepEqual(others.map((row) => row.id), [], `${what}: rows of another legal entity`);
          }
          if (LOADED_REPORTS.get(name)!.paginated) assertSameRows(byId(rows), byId(own), what);
          else assertSameRows(rows, own, what);
        }
      });

      it('finds no customer, project or invoice of another legal entity by id, and no portfolio of it', async () => {
        const customer = Object.keys(pick(expected.customers, (c) => c.legalEntityId !== legalEntity))[0]!;
        const project = Object.keys(pick(expected.projects, (p) => p.legalEntityId !== legalEntity))[0]!;
        const invoice = Object.keys(pick(expected.invoices, (i) => invoiceLegalEntity(i) !== legalEntity))[0]!;
        const other = LEGAL_ENTITIES.find((le) => le !== legalEntity)!;
        const answer = await data(hub().url, `query Others($c: ID!, $p: ID!, $i: ID!, $le: String) {
          customer(id: $c) { id } project(id: $p) { id } invoice(id: $i) { id } portfolio(legalEntityId: $le) { currency } }`,
        { c: customer, p: project, i: invoice, le: other }, headers);
        assert.deepEqual(JSON.parse(JSON.stringify(answer)), { customer: null, project: null, invoice: null, portfolio: [] });
      });

      it('reads the figures over time and the unbilled facts of that legal entity alone', async () => {
        const open = as(await bearer({}));
        const scoped = await data(hub().url, OVER_TIME, { le: null }, headers);
        const ofEntity = await data(hub().url, OVER_TIME, { le: legalEntity }, open);
        assert.ok(ofEntity.receivablesAging.length > 0 && ofEntity.portfolioMonths.length > 0, 'the legal entity has figures over time');
        assert.deepEqual(JSON.parse(JSON.stringify(scoped)), JSON.parse(JSON.stringify(ofEntity)));
        const facts = (await data(hub().url, '{ unbilledFacts(olderThanDays: 0, first: 500) { totalCount nodes { id } } }', undefined, headers)).unbilledFacts;
        const all = (await data(hub().url, '{ unbilledFacts(olderThanDays: 0, first: 500) { totalCount nodes { id project { legalEntityId } } } }', undefined, open)).unbilledFacts;
        assert.ok(all.totalCount <= 500, 'one page holds them');
        const own = all.nodes.filter((f: { project: { legalEntityId: string } }) => f.project.legalEntityId === legalEntity).map((f: { id: string }) => f.id);
        assert.ok(own.length > 0 && own.length < all.nodes.length, 'some unbilled facts are out of scope');
        assert.deepEqual(facts.nodes.map((f: { id: string }) => f.id), own);
        assert.equal(facts.totalCount, own.length);
      });
    });
  }

  it('a token with legal_entities [] reads no row, no total and no figure', async () => {
    const headers = as(await bearer({ legal_entities: [] }));
    const answer = await data(hub().url, `query Nothing($c: ID!, $p: ID!, $i: ID!) {
      customers { totalCount nodes { id } } projects { totalCount nodes { id } } invoices { totalCount nodes { id } }
      customer(id: $c) { id } project(id: $p) { id } invoice(id: $i) { id }
      portfolio { currency } receivablesAging { currency } unbilledAging { currency } dso { currency } portfolioMonths { month }
      unbilledFacts(olderThanDays: 0) { totalCount } }`,
    { c: Object.keys(expected.customers)[0], p: Object.keys(expected.projects)[0], i: Object.keys(expected.invoices)[0] }, headers);
    const none = { totalCount: 0, nodes: [] };
    assert.deepEqual(JSON.parse(JSON.stringify(answer)), {
      customers: none, projects: none, invoices: none, customer: null, project: null, invoice: null,
      portfolio: [], receivablesAging: [], unbilledAging: [], dso: [], portfolioMonths: [], unbilledFacts: { totalCount: 0 },
    });
  });
}

const INVOICES = 'subscription { invoiceStatusChanged { eventId invoice { id project { legalEntityId } customer { legalEntityId } } } }';
const PROJECTS = 'subscription { projectFinancialsChanged { eventId project { id legalEntityId customer { legalEntityId } } } }';

/** A reader's two subscriptions on one transport. */
interface Subscriber {
  readonly legalEntities: readonly string[] | null;
  readonly client: LiveClient;
  readonly invoices: Subscription;
  readonly projects: Subscription;
}

async function subscribers(url: string, transport: Transport): Promise<Subscriber[]> {
  const readers: (readonly string[] | null)[] = [null, [], ...LEGAL_ENTITIES.map((le) => [le])];
  return Promise.all(readers.map(async (legalEntities) => {
    const client = liveClient(transport, url, await bearer(legalEntities === null ? {} : { legal_entities: legalEntities }));
    return { legalEntities, client, invoices: client.subscribe(INVOICES), projects: client.subscribe(PROJECTS) };
  }));
}

function legalEntityOfChange(row: FeedRow): string {
  return row.kind === 'invoice' ? invoiceLegalEntity(expected.invoices[row.entityId]!) : expected.projects[row.entityId]!.legalEntityId;
}

/** What a subscriber was pushed, in the order received: event and entity ids, with the legal entities its payload reads (or its errors). */
function pushed(subscription: Subscription, field: 'invoiceStatusChanged' | 'projectFinancialsChanged'): string[] {
  return subscription.received.map((r) => {
    if (r.errors) return `errors: ${JSON.stringify(r.errors)}`;
    const change = r.data![field];
    const entity = change.invoice ?? change.project;
    return `${change.eventId} ${entity.id} ${entity.project?.legalEntityId ?? entity.legalEntityId} ${entity.customer.legalEntityId}`;
  });
}

/**
 * Each subscriber is pushed the changes of the legal entities it sees and no
 * other, in commit order, with their payloads read for it (the last change of
 * each entity at least: a slow subscriber's queue may replace one by a later
 * one of the same entity); `[]` nothing at all. Every
 * reader subscribes on every gateway and transport before the later events
 * are applied.
 */
function checkLive(hubs: () => Record<string, Hub>, db: () => TestDatabase, applyLater: () => Promise<{ from: string; to: string }>) {
  const all: { where: string; hub: Hub; transport: Transport; subscribers: Subscriber[] }[] = [];
  before(async () => {
    for (const [mode, hub] of Object.entries(hubs())) {
      for (const transport of TRANSPORTS) all.push({ where: `${mode} ${transport}`, hub, transport, subscribers: await subscribers(hub.url, transport) });
    }
  });
  after(async () => {
    for (const { subscribers: list } of all) for (const s of list) await s.client.close();
  });

  it('subscribes every reader on every gateway and both transports', async () => {
    for (const { where, hub, transport, subscribers: list } of all) {
      const count = list.length * 2;
      await eventually(`${where}: ${count} subscriptions`, async () => (await hub.subscriptions(transport)) === count);
    }
  });

  it('pushes each reader the changes of its legal entities alone, over graphql-ws and graphql-sse, in both modes', async () => {
    const { from, to } = await applyLater();
    const rows = await feedRows(db().pool, from, to);
    for (const kind of ['invoice', 'project'] as const) {
      const field = kind === 'invoice' ? 'invoiceStatusChanged' : 'projectFinancialsChanged';
      const changes = rows.filter((row) => row.kind === kind);
      assert.equal(new Set(changes.map(legalEntityOfChange)).size, LEGAL_ENTITIES.length, `${kind} changes in every legal entity`);
      for (const { where, subscribers: list } of all) {
        for (const subscriber of list) {
          const sees = (le: string) => subscriber.legalEntities === null || subscriber.legalEntities.includes(le);
          const seen = changes.filter((row) => sees(legalEntityOfChange(row)));
          const line = (row: FeedRow) => `${row.eventId} ${row.entityId} ${legalEntityOfChange(row)} ${legalEntityOfChange(row)}`;
          const want = seen.map(line);
          // A slow subscriber's queue may replace a change by a later one of the same entity: the last of each is pushed.
          const lastOfEach = [...new Map(seen.map((row) => [row.entityId, line(row)])).values()];
          const subscription = subscriber[kind === 'invoice' ? 'invoices' : 'projects'];
          const who = `${where} ${JSON.stringify(subscriber.legalEntities)} ${field}`;
          await eventually(`${who}: the last of its ${want.length} changes of each entity`, () => {
            const got = new Set(pushed(subscription, field));
            return lastOfEach.every((l) => got.has(l));
          }, { describe: () => `${subscription.received.length} received` });
          const got = pushed(subscription, field);
          const positions = got.map((l) => want.indexOf(l));
          assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)),
            `${who}: only its changes, in commit order; got ${JSON.stringify(got.filter((l) => !want.includes(l)).slice(0, 3))} beyond them`);
          if (want.length > 0) assert.ok(got.length > 0, `${who}: pushed its changes`);
        }
      }
    }
    // Each gateway offered every change to every group before the open reader's last payload: a [] reader had its chance.
    for (const { where, subscribers: list } of all) {
      const nobody = list.find((s) => s.legalEntities?.length === 0)!;
      assert.equal(nobody.invoices.received.length + nobody.projects.received.length, 0, where);
    }
  });
}

async function openSubscriptions(url: string, transport: Transport): Promise<number> {
  const response = await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: await bearer({}, ALL_SCOPES) } });
  assert.equal(response.status, 200);
  return sampleValue(parsePrometheusText(await response.text()), 'servicegraph_subscriptions_active', { transport }) ?? 0;
}

describe('legal-entity scoping, end to end', () => {
  let db: TestDatabase;
  let audit: AuditLog;
  let gateway: RunningGateway;
  let graph: MultiProcessGraph;
  /** The later events are applied once, after both gateways' subscribers are subscribed. */
  let later: Promise<{ from: string; to: string }> | undefined;
  const applyLater = () => (later ??= (async () => {
    const from = await feedEnd(db.pool);
    await fillReadModel(db.pool, LATER);
    return { from, to: await feedEnd(db.pool) };
  })());

  before(async () => {
    db = await createTestDatabase();
    await fillReadModel(db.pool, EARLIER);
    audit = new AuditLog(db.pool);
    gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
      doors: await Doors.create(accessSettings(), audit), registry: createRegistry(),
      extensions: [liveExtension({ pool: db.pool, databaseUrl: db.url, pollMs: 50 }), reportsExtension({ position: readModelPosition(db.pool) })],
    });
    graph = await startMultiProcessGraph(db.url, {
      AUTH: 'jwt', AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_ISSUER: TEST_ISSUER, AUTH_JWT_AUDIENCE: TEST_AUDIENCE,
    });
  });
  after(async () => {
    await graph?.stop();
    await gateway?.close();
    await audit?.close();
    await db?.drop();
  });

  const oneProcess = (): Hub => ({ url: gateway.url, subscriptions: (transport) => openSubscriptions(gateway.url, transport) });
  const multiProcess = (): Hub => ({ url: graph.gatewayUrl, subscriptions: (transport) => openSubscriptions(graph.gatewayUrl, transport) });

  describe('subscriptions', () => checkLive(() => ({ 'one process': oneProcess(), 'one process per subgraph': multiProcess() }), () => db, applyLater));
  describe('one process (subgraphs in the gateway’s process)', () => {
    before(() => applyLater());
    checkScoping(oneProcess);
  });
  describe('one process per subgraph (servicegraph subgraph ×4, servicegraph gateway)', () => {
    before(() => applyLater());
    checkScoping(multiProcess);
  });

  describe('a subgraph process called on its own port', () => {
    before(() => applyLater());
    const billing = () => graph.subgraphs.billing.url;
    const ask = (query: string, headers: ReaderHeaders, variables?: Record<string, unknown>) => graphql(billing(), query, variables, 'POST', headers);
    const COUNT = '{ invoices(first: 1) { totalCount } }';

    it('answers 401 without a token, to a forged legal-entity header, and to a token signed with another key', async () => {
      const [legalEntity] = LEGAL_ENTITIES;
      const forged = `Bearer ${await hs256({ scope: READ, claims: { legal_entities: [legalEntity] }, secret: 'another-secret-that-is-long-enough-for-hs256!' })}`;
      for (const headers of <ReaderHeaders[]>[{}, { 'x-legal-entities': legalEntity! }, { 'x-principal': JSON.stringify({ legalEntities: null }) }, { authorization: forged }]) {
        const answer = await ask(COUNT, headers);
        assert.equal(answer.status, 401, JSON.stringify(headers));
        assert.equal(answer.body.data, undefined);
      }
    });

    it('answers 403 to a valid token without graph:read', async () => {
      const answer = await ask(COUNT, as(await bearer({ legal_entities: LEGAL_ENTITIES }, 'events:write')));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.data, undefined);
      assert.equal(answer.body.errors[0].extensions.code, 'FORBIDDEN');
    });

    it('reads only the rows of the token’s legal entities, by list and by reference', async () => {
      for (const legalEntity of LEGAL_ENTITIES) {
        const headers = as(await bearer({ legal_entities: [legalEntity] }));
        const own = Object.keys(oracleOf(legalEntity).invoices);
        const other = Object.keys(expected.invoices).find((id) => !own.includes(id))!;
        const answer = await ask(`query Read($representations: [_Any!]!) { invoices(first: 1) { totalCount }
          _entities(representations: $representations) { ... on Invoice { id } } }`, headers,
        { representations: [{ __typename: 'Invoice', id: own[0] }, { __typename: 'Invoice', id: other }] });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.deepEqual(answer.body.data, { invoices: { totalCount: own.length }, _entities: [{ id: own[0] }, null] });
      }
      const nothing = await ask(COUNT, as(await bearer({ legal_entities: [] })));
      assert.deepEqual(nothing.body.data, { invoices: { totalCount: 0 } });
    });
  });
});
