/**
 * The schema served over HTTP is the whole API, subscriptions included: what
 * introspection over `/graphql` shows (GraphiQL, code generators) is what a
 * WebSocket or Server-Sent Events client may subscribe to. Queries keep going
 * through the federated gateway; a subscription sent as a plain HTTP request
 * is refused with a 400 that says where to send it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildClientSchema, getIntrospectionQuery, printType, type IntrospectionQuery } from 'graphql';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
import { liveClient } from '../support/liveClients';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const firm = simulateFirm({ seed: 'http-schema', scale: 0.1 });
const SUBSCRIPTION = 'subscription { invoiceStatusChanged { eventId invoice { id status customer { name } } } }';

describe('the schema served over HTTP', () => {
  let hub: LiveHub;
  before(async () => {
    hub = await startLiveHub();
  });
  after(() => hub?.close());

  const post = (body: object, headers: Record<string, string> = {}) => fetch(hub.gateway.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });

  it('shows the Subscription root and its payload types to introspection', async () => {
    const response = await post({ query: getIntrospectionQuery() });
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    const schema = buildClientSchema(data);
    assert.equal(schema.getSubscriptionType()?.name, 'Subscription');
    assert.equal(printType(schema.getType('Subscription')!).replace(/"""[^]*?"""\s*|"[^"\n]*"\s*/g, ''), [
      'type Subscription {',
      '  invoiceStatusChanged(customerId: ID, projectId: ID): InvoiceChange!',
      '  projectFinancialsChanged(projectId: ID, customerId: ID): ProjectChange!',
      '}',
    ].join('\n'));
    const fieldsOf = (name: string) => Object.values((schema.getType(name) as { getFields(): Record<string, { name: string; type: unknown }> }).getFields())
      .map((f) => `${f.name}: ${String(f.type)}`);
    assert.deepEqual(fieldsOf('InvoiceChange'), ['invoice: Invoice!', 'eventType: String!', 'eventId: ID!', 'at: DateTime!']);
    assert.deepEqual(fieldsOf('ProjectChange'), ['project: Project!', 'eventType: String!', 'eventId: ID!', 'at: DateTime!']);
    // The payloads' entities are the whole Invoice and Project of the domain subgraphs, not the references composed for them.
    assert.ok(fieldsOf('Invoice').includes('grossTotal: Money!') || fieldsOf('Invoice').includes('grossTotal: Money'), fieldsOf('Invoice').join(', '));
    assert.ok(fieldsOf('Project').some((f) => f.startsWith('margin:')), fieldsOf('Project').join(', '));
  });

  it('refuses a subscription sent as a plain HTTP POST with a 400 naming the transports to use (GET: 405, queries only)', async () => {
    const response = await post({ query: SUBSCRIPTION });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    assert.equal(body.errors.length, 1);
    assert.equal(body.errors[0]!.extensions.code, 'SUBSCRIPTION_NEEDS_STREAM');
    assert.match(body.errors[0]!.message, /WebSocket \(graphql-transport-ws protocol\) or Server-Sent Events/);
    const get = await fetch(`${hub.gateway.url}?query=${encodeURIComponent(SUBSCRIPTION)}`);
    assert.equal(get.status, 405);
  });

  it('keeps answering queries through the federated gateway, and the same subscription over WebSocket', async () => {
    const client = liveClient('websocket', hub.gateway.url);
    try {
      const subscription = client.subscribe(SUBSCRIPTION);
      // The subscription is live once the fan-out holds it; then events are sent.
      await eventually('the subscription is open', () => hub.live.subscriberQueues().length === 1);
      await postEvents(firm.events, { url: hub.ingestUrl, progress: false });
      await hub.settled();
      await eventually('a change is pushed', () => subscription.received.length > 0);
      const first = subscription.received[0]!;
      assert.equal(first.errors, undefined);
      const invoiceId = first.data!.invoiceStatusChanged.invoice.id as string;
      const response = await post({ query: 'query One($id: ID!) { invoice(id: $id) { id customer { name } } }', variables: { id: invoiceId } });
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: { invoice: { id: string; customer: { name: string } } } };
      assert.equal(data.invoice.id, invoiceId);
      assert.equal(typeof data.invoice.customer.name, 'string');
      subscription.stop();
    } finally {
      await client.close();
    }
  });

  it('configures the explorer with the subscription endpoint on the same path', async () => {
    const html = await (await fetch(hub.gateway.url, { headers: { accept: 'text/html' } })).text();
    const config = JSON.parse(/<script id="servicegraph-explorer" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
    assert.deepEqual({ endpoint: config.endpoint, subscriptions: config.subscriptions }, { endpoint: '/graphql', subscriptions: '/graphql' });
  });
});
