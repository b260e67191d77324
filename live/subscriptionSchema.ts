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
  buildASTSchema, extendSchema, GraphQLError, parse, printSchema, type FormattedExecutionResult, type GraphQLFieldResolver,
  type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import type { ChangeFeed, LiveChange } from './changeFeed';
import { ChangeQueue } from './changeQueue';
import { ENTITY_ID_VARIABLE, ENTITY_RESPONSE_KEY, entityQuery } from './federatedSelection';

/** Runs a query through the federated gateway. */
export type FederatedExecutor = (query: string, variables: Record<string, unknown>, operationName?: string) => Promise<FormattedExecutionResult>;

export interface SubscriptionSchemaOptions {
  /** Changes a slow subscriber may have queued before same-entity changes are coalesced. */
  queueCapacity?: number;
  /** How many resolved payload parts to keep for sharing between subscribers. */
  sharedResults?: number;
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
  const sharedLimit = options.sharedResults ?? 10_000;
  const shared = new Map<string, Promise<unknown>>();

  const resolveEntity = (rootField: 'invoice' | 'project'): GraphQLFieldResolver<LiveChange, unknown> => async (change, _args, _ctx, info) => {
    const query = entityQuery(info, rootField);
    const key = `${change.changeId}\n${query.key}`;
    let result = shared.get(key);
    if (!result) {
      result = execute(query.text, { ...query.variables, [ENTITY_ID_VARIABLE]: change.entityId }).then((answer) => {
        if (answer.errors?.length) {
          throw new GraphQLError(answer.errors.map((e) => e.message).join('; '), { extensions: answer.errors[0]?.extensions });
        }
        const entity = (answer.data as Record<string, unknown> | null | undefined)?.[ENTITY_RESPONSE_KEY];
        if (entity == null) throw new GraphQLError(`${rootField} ${change.entityId} of change ${change.changeId} could not be read`);
        return entity;
      });
      shared.set(key, result);
      result.catch(() => shared.delete(key));
      // Oldest first: by the time thousands of later parts exist, every subscriber has the early ones.
      if (shared.size > sharedLimit) shared.delete(shared.keys().next().value!);
    }
    return result;
  };

  const changeFields = (rootField: 'invoice' | 'project') => ({
    [rootField]: resolveEntity(rootField),
    eventType: (change: LiveChange) => change.eventType,
    eventId: (change: LiveChange) => change.eventId,
    at: (change: LiveChange) => change.at,
  });

  const subscribeTo = (kind: LiveChange['kind']) => (_root: unknown, filter: Filter) => {
    const queue: ChangeQueue = new ChangeQueue(capacity, () => unsubscribe());
    const unsubscribe = feed.subscribe((change) => {
      if (matches(change, kind, filter)) queue.push(change);
    });
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
