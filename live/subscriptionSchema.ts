/**
 * The schema subscriptions execute against: the gateway's API schema (so a
 * payload may select any field of any subgraph), with the Subscription root of
 * CONTRACT.md section 6 driven by the change feed.
 *
 * A change's `invoice` / `project` is resolved through the gateway's normal
 * federated query path after the change is committed, with the subscriber's
 * own selection; identical selections for the same change are resolved once
 * and shared by every subscriber that asked for them.
 */
import {
  buildASTSchema, extendSchema, parse, printSchema, type GraphQLFieldResolver,
  type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema,
} from 'graphql';
import type { ChangeFeed, LiveChange } from './changeFeed';
import { ChangeQueue } from './changeQueue';
import { entityQuery, type EntityQuery } from './federatedSelection';
import { PayloadResolver, type FederatedExecutor } from './payloadResolver';

export type { FederatedExecutor } from './payloadResolver';

/** Where a subscription remembers its payload selection (its context lives as long as it does). */
const PREFETCH = Symbol('payload selection');
type SubscriptionContext = { [PREFETCH]?: EntityQuery } | undefined;

export interface SubscriptionSchemaOptions {
  /** Changes a slow subscriber may have queued before same-entity changes are coalesced. */
  queueCapacity?: number;
  /** How many resolved payload parts to keep for sharing between subscribers. */
  sharedResults?: number;
  /**
   * Told of each subscription's queue as it opens (metrics: queued and
   * coalesced changes); what it returns is called when the queue closes.
   */
  onQueue?: (queue: ChangeQueue, subscription: { kind: LiveChange['kind']; operationName?: string }) => (() => void) | void;
}

const SUBSCRIPTION_SDL = `
  extend schema { subscription: Subscription }
  type InvoiceChange { invoice: Invoice!  eventType: String!  eventId: ID!  at: DateTime! }
  type ProjectChange { project: Project!  eventType: String!  eventId: ID!  at: DateTime! }
  type Subscription {
    invoiceStatusChanged(customerId: ID, projectId: ID): InvoiceChange!
    projectFinancialsChanged(projectId: ID, customerId: ID): ProjectChange!
  }`;

interface Filter { customerId?: string | null; projectId?: string | null }

function matches(change: LiveChange, kind: LiveChange['kind'], filter: Filter): boolean {
  if (change.kind !== kind) return false;
  if (filter.projectId && filter.projectId !== change.projectId) return false;
  if (filter.customerId && filter.customerId !== change.customerId && filter.customerId !== change.accountId) return false;
  return true;
}

/**
 * Reads a field by its response key: payload parts come back from the gateway
 * already shaped by the client's aliases.
 */
export const responseKeyResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) =>
  source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.path.key as string] : undefined;

export function createSubscriptionSchema(
  apiSchema: GraphQLSchema, feed: ChangeFeed, execute: FederatedExecutor, options: SubscriptionSchemaOptions = {},
): GraphQLSchema {
  // A copy of its own: resolvers are attached to its fields, never to the gateway's schema objects.
  const copy = buildASTSchema(parse(printSchema(apiSchema)));
  const schema = copy.getSubscriptionType() ? copy : extendSchema(copy, parse(SUBSCRIPTION_SDL));
  const capacity = options.queueCapacity ?? 100;
  const payloads = new PayloadResolver(execute, options.sharedResults);

  /**
   * The entity of a change as this subscription selects it. The selection is
   * remembered on the subscription's context, so that later changes are
   * resolved as soon as the feed reads them, before the subscriber asks.
   */
  const resolveEntity = (rootField: 'invoice' | 'project'): GraphQLFieldResolver<LiveChange, SubscriptionContext> => (change, _args, context, info) => {
    const query = entityQuery(info, rootField);
    if (context && typeof context === 'object') context[PREFETCH] = query;
    return payloads.resolve(change, rootField, query);
  };

  const changeFields = (rootField: 'invoice' | 'project') => ({
    [rootField]: resolveEntity(rootField) as GraphQLFieldResolver<LiveChange, unknown>,
    eventType: (change: LiveChange) => change.eventType,
    eventId: (change: LiveChange) => change.eventId,
    at: (change: LiveChange) => change.at,
  });

  const subscribeTo = (kind: LiveChange['kind']) => (_root: unknown, filter: Filter, context: SubscriptionContext, info: GraphQLResolveInfo) => {
    const queue: ChangeQueue = new ChangeQueue(capacity, () => {
      unsubscribe();
      untrack?.();
    });
    const unsubscribe = feed.subscribe((change) => {
      if (!matches(change, kind, filter)) return;
      queue.push(change);
      const prefetch = context?.[PREFETCH];
      if (prefetch) payloads.resolve(change, kind, prefetch).catch(() => undefined);
    });
    const untrack = options.onQueue?.(queue, { kind, operationName: info.operation.name?.value });
    return queue;
  };

  attach(schema.getType('InvoiceChange') as GraphQLObjectType, changeFields('invoice'));
  attach(schema.getType('ProjectChange') as GraphQLObjectType, changeFields('project'));
  const subscription = schema.getSubscriptionType()!;
  const fields = subscription.getFields();
  fields.invoiceStatusChanged!.subscribe = subscribeTo('invoice');
  fields.invoiceStatusChanged!.resolve = (change: LiveChange) => change;
  fields.projectFinancialsChanged!.subscribe = subscribeTo('project');
  fields.projectFinancialsChanged!.resolve = (change: LiveChange) => change;
  return schema;
}

function attach(type: GraphQLObjectType, resolvers: Record<string, GraphQLFieldResolver<LiveChange, unknown>>): void {
  const fields = type.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) {
    if (!fields[name]) throw new Error(`${type.name}.${name} is missing from the API schema`);
    fields[name].resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}
