/**
 * Trusted documents at every GraphQL door of a real hub (Postgres, the
 * gateway over HTTP, graphql-ws, graphql-sse, the reports): in each mode,
 * what a document named by id, by Apollo's persisted query hash, as plain
 * text or by an unknown id gets; refusals of `require` in the audit log;
 * subscriptions by id delivering their payloads; the saved reports running
 * while only trusted documents do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_AUDIT } from '../../access/auditLog';
import { Doors } from '../../access/doors';
import { documentId, type TrustedDocumentsMode } from '../../access/trustedDocuments';
import { EXAMPLE_QUERIES, INGEST_STATUS } from '../../gateway/exampleQueries';
import { LIVE_PROJECT_CHANGES } from '../../live/pageOperations';
import { loadReports } from '../../reporting/catalogue';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { startAccessHub, trustedDocumentsAccess, type AccessHub } from '../support/accessHub';
import { startLiveHub, type LiveHub } from '../support/liveHub';
import { openRawGraphqlWs } from '../support/rawGraphqlWs';
import { openRawSse } from '../support/rawSse';
import { eventually } from '../support/eventually';

const LISTED = INGEST_STATUS.query;
const LISTED_ID = documentId(LISTED);
const UNLISTED = 'query Unlisted { ingestStatus { received } }';
const UNKNOWN_ID = documentId('query NowhereListed { ingestStatus { pending } }');


interface Answer { status: number; code: string | undefined; message: string | undefined; data: unknown }

async function ask(url: string, request: { get?: Record<string, string>; post?: Record<string, unknown> }): Promise<Answer> {
  const response = request.get
    ? await fetch(`${url}?${new URLSearchParams(request.get)}`, { headers: { accept: 'application/json' } })
    : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(request.post) });
  const body = await response.json() as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message, data: body.data };
}

const hashOnly = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

/** What each request gets in each mode: `data` (200 with the ingest status) or the error code with its HTTP status. */
const EXPECTED: Record<string, Record<TrustedDocumentsMode, 'data' | [number, string]>> = {
  'a listed documentId over GET': { off: [400, 'PERSISTED_QUERY_NOT_SUPPORTED'], allow: 'data', require: 'data' },
  'a listed documentId over POST': { off: [400, 'PERSISTED_QUERY_NOT_SUPPORTED'], allow: 'data', require: 'data' },
  // Off: Apollo Server's automatic persisted queries, whose cache has not seen the hash.
  'a listed persistedQuery hash': { off: [200, 'PERSISTED_QUERY_NOT_FOUND'], allow: 'data', require: 'data' },
  'a text in no manifest': { off: 'data', allow: 'data', require: [400, 'PERSISTED_QUERY_NOT_IN_LIST'] },
  'a listed text, reformatted': { off: 'data', allow: 'data', require: 'data' },
  'an unknown documentId': { off: [400, 'PERSISTED_QUERY_NOT_SUPPORTED'], allow: [400, 'PERSISTED_QUERY_NOT_FOUND'], require: [400, 'PERSISTED_QUERY_NOT_FOUND'] },
  'an unknown persistedQuery hash': { off: [200, 'PERSISTED_QUERY_NOT_FOUND'], allow: [400, 'PERSISTED_QUERY_NOT_FOUND'], require: [400, 'PERSISTED_QUERY_NOT_FOUND'] },
};

const REQUESTS: Record<keyof typeof EXPECTED, { get?: Record<string, string>; post?: Record<string, unknown> }> = {
  'a listed documentId over GET': { get: { documentId: LISTED_ID } },
  'a listed documentId over POST': { post: { documentId: LISTED_ID } },
  'a listed persistedQuery hash': { post: hashOnly(LISTED_ID) },
  'a text in no manifest': { post: { query: UNLISTED } },
  'a listed text, reformatted': { post: { query: LISTED.replace(/\n/g, '\n\n  ').replace(/^#.*$/m, '# another comment') } },
  'an unknown documentId': { post: { documentId: UNKNOWN_ID } },
  'an unknown persistedQuery hash': { get: { extensions: JSON.stringify(hashOnly(UNKNOWN_ID).extensions) } },
};

for (const mode of ['off', 'allow', 'require'] as const) {
  describe(`TRUSTED_DOCUMENTS=${mode} on the gateway's HTTP path`, () => {
    let hub: AccessHub;
    before(async () => {
      hub = await startAccessHub(trustedDocumentsAccess(mode));
    });
    after(async () => {
      await hub?.close();
    });

    for (const [what, expected] of Object.entries(EXPECTED)) {
      const answer = expected[mode];
      it(`answers ${what} with ${answer === 'data' ? 'the data' : `${answer[0]} ${answer[1]}`}`, async () => {
        const got = await ask(hub.graphqlUrl, REQUESTS[what]!);
        if (answer === 'data') {
          assert.deepEqual([got.status, got.code], [200, undefined], got.message);
          assert.equal((got.data as { ingestStatus: { received: number } }).ingestStatus.received, 0);
        } else {
          assert.deepEqual([got.status, got.code], answer, got.message);
          assert.equal(got.data, undefined);
        }
        if (answer !== 'data' && answer[0] === 400 && answer[1] === 'PERSISTED_QUERY_NOT_FOUND') assert.match(got.message!, new RegExp(UNKNOWN_ID));
      });
    }

    if (mode === 'off') {
      it('keeps automatic persisted queries: a hash sent once with its text runs alone after', async () => {
        const registered = await ask(hub.graphqlUrl, { post: { query: UNLISTED, ...hashOnly(documentId(UNLISTED)) } });
        assert.equal(registered.status, 200, registered.message);
        const byHash = await ask(hub.graphqlUrl, { post: hashOnly(documentId(UNLISTED)) });
        assert.deepEqual([byHash.status, byHash.code], [200, undefined], byHash.message);
      });
    } else {
      it('lets no client add to the documents: a hash sent with its text is not known after', async () => {
        await ask(hub.graphqlUrl, { post: { query: UNLISTED, ...hashOnly(documentId(UNLISTED)) } });
        const byHash = await ask(hub.graphqlUrl, { post: hashOnly(documentId(UNLISTED)) });
        assert.deepEqual([byHash.status, byHash.code], [400, 'PERSISTED_QUERY_NOT_FOUND']);
      });
    }

    if (mode === 'require') {
      it('records its refusals in the audit log, with the reason', async () => {
        await ask(hub.graphqlUrl, { post: { query: UNLISTED, operationName: 'Unlisted' } });
        await hub.flushAudit();
        const { rows } = await hub.db.pool.query(`SELECT door, status, reason FROM hub.audit_log WHERE kind = 'refused' AND reason LIKE 'PERSISTED_QUERY_NOT_IN_LIST:%"Unlisted"%'`);
        assert.ok(rows.length >= 1, 'a refusal of the unlisted document is recorded');
        assert.deepEqual([rows[0].door, rows[0].status], ['graphql', 400]);
      });

      it('keeps recording refusals after one whose id Postgres cannot store, and bounds what a huge id costs', async () => {
        // U+0000 and an unpaired surrogate cannot be stored in Postgres text or jsonb: were either written as
        // received, the batch holding it would fail at every retry and no later refusal would ever be recorded.
        const odd = await ask(hub.graphqlUrl, { post: { documentId: 'odd\u0000id\ud800' } });
        assert.deepEqual([odd.status, odd.code], [400, 'PERSISTED_QUERY_NOT_FOUND']);
        const huge = await ask(hub.graphqlUrl, { post: { documentId: 'h'.repeat(500_000) } });
        assert.deepEqual([huge.status, huge.code], [400, 'PERSISTED_QUERY_NOT_FOUND']);
        assert.ok(huge.message!.length < 200, `the answer names the id without echoing all of it: ${huge.message!.length} characters`);
        await hub.flushAudit();
        await ask(hub.graphqlUrl, { post: { query: UNLISTED, operationName: 'AfterTheOddOne' } });
        await hub.flushAudit();
        const { rows } = await hub.db.pool.query(
          `SELECT reason FROM hub.audit_log WHERE kind = 'refused' AND (reason LIKE '%AfterTheOddOne%' OR reason LIKE '%odd%' OR reason LIKE '%hhhh%') ORDER BY audit_id`);
        assert.equal(rows.length, 3, `the odd id's, the huge id's and the later refusal are recorded: ${JSON.stringify(rows).slice(0, 300)}`);
        assert.ok(rows.every((row) => row.reason.length <= 2100), 'no reason weighs more than its bound');
      });

      it('refuses a subscription in no manifest over graphql-ws and graphql-sse', async () => {
        const text = 'subscription Unlisted { projectFinancialsChanged { eventId } }';
        const socket = await openRawGraphqlWs(hub.wsUrl);
        try {
          await socket.init();
          socket.send({ id: '1', type: 'subscribe', payload: { query: text } });
          const error = await socket.waitFor('the refusal', (m) => m.id === '1');
          assert.equal(error.type, 'error');
          assert.equal(error.payload[0].extensions.code, 'PERSISTED_QUERY_NOT_IN_LIST');
        } finally {
          await socket.terminate();
        }
        const sse = await fetch(hub.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query: text }) });
        assert.equal(sse.status, 400);
        assert.equal((await sse.json() as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code, 'PERSISTED_QUERY_NOT_IN_LIST');
      });

      it("runs the explorer's example tabs as GraphiQL sends them: their text", async () => {
        for (const example of EXAMPLE_QUERIES) {
          const got = await ask(hub.graphqlUrl, { post: { query: example.query } });
          assert.equal(got.status, 200, `${example.title}: ${got.message}`);
          assert.equal(got.code, undefined, `${example.title}: ${got.message}`);
        }
      });

      it('runs every saved report, documents of the repository run in process', async () => {
        const base = hub.graphqlUrl.replace(/\/graphql$/, '/reports');
        for (const report of loadReports().values()) {
          const required = report.parameters.filter((p) => p.required);
          const response = await fetch(`${base}/${report.name}.json?${new URLSearchParams(required.map((p) => [p.name, p.type.startsWith('Int') ? '30' : 'x']))}`);
          const text = await response.text();
          assert.equal(response.status, 200, `${report.name}: ${text.slice(0, 300)}`);
          assert.doesNotMatch(text, /PERSISTED_QUERY/, report.name);
        }
      });
    }
  });
}

describe('subscriptions by id with TRUSTED_DOCUMENTS=require', () => {
  const firm = simulateFirm({ seed: 'trusted-documents', scale: 0.1 });
  let hub: LiveHub;
  before(async () => {
    hub = await startLiveHub({ doors: await Doors.create(trustedDocumentsAccess('require'), NO_AUDIT) });
  });
  after(async () => {
    await hub?.close();
  });

  it('delivers the payloads of a listed subscription named by documentId (graphql-ws) and by persistedQuery hash (graphql-sse)', async () => {
    const id = documentId(LIVE_PROJECT_CHANGES.body);
    const socket = await openRawGraphqlWs(hub.wsUrl);
    const sse = await openRawSse(hub.gateway.url, hashOnly(id));
    try {
      await socket.init();
      // graphql-ws's protocol wants a query string: an empty one beside the id.
      socket.send({ id: 'by-id', type: 'subscribe', payload: { query: '', documentId: id } });
      assert.equal(sse.status, 200);
      // A subscription not refused says nothing until a change comes: both are open once the fan-out holds them.
      await eventually('both subscriptions are open', () => hub.live.subscriberQueues().length === 2,
        { describe: () => JSON.stringify(socket.messages) });
      await postEvents(firm.events.slice(0, 300), { url: hub.ingestUrl, batchSize: 100, progress: false });
      await hub.settled();
      const next = await socket.waitFor('a project change over graphql-ws', (m) => m.id === 'by-id' && m.type === 'next');
      assert.equal(typeof next.payload.data.projectFinancialsChanged.project.id, 'string');
      await eventually('a project change over graphql-sse', () => sse.events().some((e) => e.event === 'next'),
        { describe: () => JSON.stringify(sse.events()).slice(0, 300) });
      const pushed = sse.events().find((e) => e.event === 'next')!;
      assert.equal(typeof pushed.data.data.projectFinancialsChanged.project.id, 'string');
    } finally {
      sse.close();
      await socket.terminate();
    }
  });

  it('answers an unknown id over graphql-ws with PERSISTED_QUERY_NOT_FOUND for that operation, and keeps the connection', async () => {
    const socket = await openRawGraphqlWs(hub.wsUrl);
    try {
      await socket.init();
      socket.send({ id: 'unknown', type: 'subscribe', payload: { query: '', documentId: UNKNOWN_ID } });
      const error = await socket.waitFor('the refusal', (m) => m.id === 'unknown');
      assert.equal(error.type, 'error');
      assert.equal(error.payload[0].extensions.code, 'PERSISTED_QUERY_NOT_FOUND');
      assert.match(error.payload[0].message, new RegExp(UNKNOWN_ID));
      socket.send({ id: 'listed', type: 'subscribe', payload: { query: LISTED } });
      const answer = await socket.waitFor('the listed query', (m) => m.id === 'listed' && m.type === 'next');
      assert.equal(typeof answer.payload.data.ingestStatus.received, 'number');
    } finally {
      await socket.terminate();
    }
  });
});
