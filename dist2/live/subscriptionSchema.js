"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.responseKeyResolver = void 0;
exports.createSubscriptionSchema = createSubscriptionSchema;
/**
 * The schema subscriptions execute against: the gateway's API schema (so a
 * payload may select any field of any subgraph), with the Subscription root of
 * docs/api.md#graphql driven by the change feed.
 *
 * Subscribing adds the subscription to its group in the fan-out
 * (`live/fanout.ts`), which executes each matching change once per group. A
 * change's `invoice` / `project` is resolved through the gateway's normal
 * federated query path after the change is committed, with the subscription's
 * own selection; identical selections for the same change are resolved once
 * and shared by every group that asked for them.
 */
const graphql_1 = require("graphql");
const fanout_1 = require("./fanout");
const federatedSelection_1 = require("./federatedSelection");
const payloadResolver_1 = require("./payloadResolver");
const SUBSCRIPTION_SDL = `
  extend schema { subscription: Subscription }
  type InvoiceChange { invoice: Invoice!  eventType: String!  eventId: ID!  at: DateTime! }
  type ProjectChange { project: Project!  eventType: String!  eventId: ID!  at: DateTime! }
  type Subscription {
    invoiceStatusChanged(customerId: ID, projectId: ID): InvoiceChange!
    projectFinancialsChanged(projectId: ID, customerId: ID): ProjectChange!
  }`;
/**
 * Reads a field by its response key: payload parts come back from the gateway
 * already shaped by the client's aliases.
 */
const responseKeyResolver = (source, _args, _context, info) => source !== null && typeof source === 'object' ? source[info.path.key] : undefined;
exports.responseKeyResolver = responseKeyResolver;
function createSubscriptionSchema(apiSchema, feed, execute, options = {}) {
    // A copy of its own: resolvers are attached to its fields, never to the gateway's schema objects.
    const copy = (0, graphql_1.buildASTSchema)((0, graphql_1.parse)((0, graphql_1.printSchema)(apiSchema)));
    const schema = copy.getSubscriptionType() ? copy : (0, graphql_1.extendSchema)(copy, (0, graphql_1.parse)(SUBSCRIPTION_SDL));
    const payloads = new payloadResolver_1.PayloadResolver(execute, options.sharedResults);
    const fanout = new fanout_1.Fanout(feed, options.queueCapacity ?? 100, options.subscriberBufferBytes);
    /** The entity of a change as the executed selection asks for it. */
    const resolveEntity = (rootField) => (change, _args, _context, info) => payloads.resolve(change, rootField, (0, federatedSelection_1.entityQuery)(info, rootField));
    const changeFields = (rootField) => ({
        [rootField]: resolveEntity(rootField),
        eventType: (change) => change.eventType,
        eventId: (change) => change.eventId,
        at: (change) => change.at,
    });
    const subscribeTo = (kind) => (_root, filter, context, info) => fanout.join(kind, filter, context, info);
    attach(schema.getType('InvoiceChange'), changeFields('invoice'));
    attach(schema.getType('ProjectChange'), changeFields('project'));
    const subscription = schema.getSubscriptionType();
    const fields = subscription.getFields();
    fields.invoiceStatusChanged.subscribe = subscribeTo('invoice');
    fields.invoiceStatusChanged.resolve = (change) => change;
    fields.projectFinancialsChanged.subscribe = subscribeTo('project');
    fields.projectFinancialsChanged.resolve = (change) => change;
    return { schema, subscriptions: () => fanout.subscriptions() };
}
function attach(type, resolvers) {
    const fields = type.getFields();
    for (const [name, resolve] of Object.entries(resolvers)) {
        if (!fields[name])
            throw new Error(`${type.name}.${name} is missing from the API schema`);
        fields[name].resolve = resolve;
    }
}
//# sourceMappingURL=subscriptionSchema.js.map