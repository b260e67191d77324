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
import {
  buildASTSchema, extendSchema, parse, printSchema, type GraphQLFieldResolver,
  type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema,
} from 'graphql';
import type { ChangeFeed, LiveChange } from './changeFeed';
import { Fanout, type Filter, type OnPushed, type Subscription, type SubscriptionContext } from './fanout';
import { entityQuery } from './federatedSelection';
import { PayloadResolver, type FederatedExecutor } from './payloadResolver';

export type { FederatedExecutor } from './payloadResolver';

export interface SubscriptionSchemaOptions {
  /** Changes a slow subscriber may have queued before same-entity changes are coalesced. */
  queueCapacity?: number;
  /** How many resolved payload parts to keep for sharing between groups. */
  sharedResults?: number;
  /** Hears of each payload handed to subscribers (metrics). */
  onPushed?: OnPushed;
}

export interface SubscriptionSchema {
  readonly schema: GraphQLSchema;
  /** Every open subscription (metrics: queued and coalesced changes). */
  subscriptions(): Iterable<Subscription>;
}

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
export const responseKeyResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) =>
  source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.path.key as string] : undefined;

export function createSubscriptionSchema(
  apiSchema: GraphQLSchema, feed: ChangeFeed, execute: FederatedExecutor, options: SubscriptionSchemaOptions = {},
): SubscriptionSchema {
  // A copy of its own: resolvers are attached to its fields, never to the gateway's schema objects.
  const copy = buildASTSchema(parse(printSchema(apiSchema)));
  const schema = copy.getSubscriptionType() ? copy : extendSchema(copy, parse(SUBSCRIPTION_SDL));
  const payloads = new PayloadResolver(execute, options.sharedResults);
  const fanout = new Fanout(feed, options.queueCapacity ?? 100, options.onPushed);

  /** The entity of a change as the executed selection asks for it. */
  const resolveEntity = (rootField: 'invoice' | 'project'): GraphQLFieldResolver<LiveChange, unknown> => (change, _args, _context, info) =>
    payloads.resolve(change, rootField, entityQuery(info, rootField));

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
