/**
 * The schema subscriptions execute against: the gateway's API schema (so a
 * payload may select any field of any subgraph), with the Subscription root of
 * docs/api.md#graphql ({@link SUBSCRIPTION_SUBGRAPH}) driven by the change feed.
 *
 * Subscribing adds the subscription to its group in the fan-out
 * (`live/fanout.ts`), which executes each matching change once per group. A
 * change's `invoice` / `project` is resolved through the gateway's normal
 * federated query path after the change is committed, with the subscription's
 * own selection, for the principal of the subscribers' group; identical
 * selections for the same change are resolved once and shared by every group
 * of the same visibility that asked for them.
 */
import {
  buildASTSchema, parse, printSchema, type GraphQLFieldResolver,
  type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema,
} from 'graphql';
import type { ChangeFeed, LiveChange } from './changeFeed';
import { Fanout, type Filter, type OnPushed, type Subscription, type SubscriptionContext } from './fanout';
import { entityQuery } from './federatedSelection';
import { PayloadResolver, type FederatedExecutor, type PayloadReader } from './payloadResolver';

export type { FederatedExecutor } from './payloadResolver';

export interface SubscriptionSchemaOptions {
  /** Changes a slow subscriber may have queued before same-entity changes are coalesced. */
  queueCapacity?: number;
  /** Bytes of payloads a slow subscriber may have queued before it is dropped (default: no bound). */
  subscriberBufferBytes?: number;
  /** How many resolved payload parts to keep for sharing between groups. */
  sharedResults?: number;
  /** The gateway's token limit (GRAPHQL_MAX_TOKENS): no payload document is larger (default: no bound). */
  maxTokens?: number;
  /** Hears of each payload handed to subscribers (metrics). */
  onPushed?: OnPushed;
}

export interface SubscriptionSchema {
  readonly schema: GraphQLSchema;
  /** Every open subscription (metrics: queued and coalesced changes). */
  subscriptions(): Iterable<Subscription>;
}

/**
 * The Subscription root and its payload types, as a subgraph's SDL that the
 * gateway composes into the supergraph beside the domain subgraphs: so the
 * schema served over HTTP (introspection, GraphiQL, code generators) shows the
 * subscriptions with their types. Its `Invoice` and `Project`
 * are references only (`resolvable: false`): the gateway never plans a fetch
 * to this subgraph, since no query reaches these types; subscriptions are
 * executed here, over WebSocket and Server-Sent Events.
 */
export const SUBSCRIPTION_SUBGRAPH = {
  name: 'live',
  sdl: `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  scalar DateTime
  type Invoice @key(fields: "id", resolvable: false) { id: ID! }
  type Project @key(fields: "id", resolvable: false) { id: ID! }
  "An applied event that changed an invoice; \`invoice\` as the read model holds it after the change was committed."
  type InvoiceChange { invoice: Invoice!  eventType: String!  eventId: ID!  at: DateTime! }
  "An applied event that changed a figure of a project; \`project\` as the read model holds it after the change was committed."
  type ProjectChange { project: Project!  eventType: String!  eventId: ID!  at: DateTime! }
  "Served over WebSocket (graphql-transport-ws) and Server-Sent Events (graphql-sse) on the GraphQL path, not over plain HTTP POST/GET."
  type Subscription {
    invoiceStatusChanged(customerId: ID, projectId: ID): InvoiceChange!
    projectFinancialsChanged(projectId: ID, customerId: ID): ProjectChange!
  }`,
} as const;

/**
 * Reads a field by its response key: payload parts come back from the gateway
 * already shaped by the client's aliases.
 */
export const responseKeyResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) =>
  source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.path.key as string] : undefined;

export function createSubscriptionSchema(
  apiSchema: GraphQLSchema, feed: ChangeFeed, execute: FederatedExecutor, options: SubscriptionSchemaOptions = {},
): SubscriptionSchema {
  // A copy of its own: resolvers are attached to its fields, never to the gateway's schema objects.
  const schema = buildASTSchema(parse(printSchema(apiSchema)));
  if (!schema.getSubscriptionType()) {
    throw new Error(`the gateway's schema has no Subscription root: compose it with SUBSCRIPTION_SUBGRAPH (live/subscriptionSchema.ts)`);
  }
  const payloads = new PayloadResolver(execute, options.sharedResults, options.maxTokens);
  const fanout = new Fanout(feed, options.queueCapacity ?? 100, options.onPushed, options.subscriberBufferBytes);

  /** The entity of a change as the executed selection asks for it, read for the fan-out group executing it (its context). */
  const resolveEntity = (rootField: 'invoice' | 'project'): GraphQLFieldResolver<LiveChange, unknown> => (change, _args, reader, info) =>
    payloads.resolve(change, rootField, entityQuery(info, rootField), reader as PayloadReader);

  const changeFields = (rootField: 'invoice' | 'project') => ({
    [rootField]: resolveEntity(rootField),
    eventType: (change: LiveChange) => change.eventType,
    eventId: (change: LiveChange) => change.eventId,
    at: (change: LiveChange) => change.at,
  });

  const subscribeTo = (kind: LiveChange['kind']) => (_root: unknown, filter: Filter, context: SubscriptionContext, info: GraphQLResolveInfo) =>
    fanout.join(kind, filter, context, info);

  attach(schema.getType('InvoiceChange') as GraphQLObjectType, changeFields('invoice'));
  attach(schema.getType('ProjectChange') as GraphQLObjectType, changeFields('project'));
  const subscription = schema.getSubscriptionType()!;
  const fields = subscription.getFields();
  fields.invoiceStatusChanged!.subscribe = subscribeTo('invoice');
  fields.invoiceStatusChanged!.resolve = (change: LiveChange) => change;
  fields.projectFinancialsChanged!.subscribe = subscribeTo('project');
  fields.projectFinancialsChanged!.resolve = (change: LiveChange) => change;
  return { schema, subscriptions: () => fanout.subscriptions() };
}

function attach(type: GraphQLObjectType, resolvers: Record<string, GraphQLFieldResolver<LiveChange, unknown>>): void {
  const fields = type.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) {
    if (!fields[name]) throw new Error(`${type.name}.${name} is missing from the API schema`);
    fields[name].resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}
