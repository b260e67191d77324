/**
 * From the change feed to every subscriber, at the cost of one GraphQL
 * execution per change and distinct subscription, not per subscriber.
 *
 * Subscriptions with the same operation (the same parsed document: the
 * transports share documents by query text) and the same variable values
 * select the same payload with the same filter: they form a group. Each
 * change the feed reads is matched against each group's filter (by the hub,
 * never the client), executed once for the group with the change as root
 * value — `invoice` / `project` through the gateway's federated path,
 * batched and shared between groups by `PayloadResolver` — serialized once
 * (`SharedPayload`), and handed to every member in commit order. A member
 * takes it in constant time: its transport writes or queues it.
 */
import type { Principal } from '../access/principal';
import {
  execute, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLResolveInfo, type OperationDefinitionNode,
} from 'graphql';
import type { ChangeFeed, LiveChange } from './changeFeed';
import { activeTracer, linksTo } from '../observability/tracing';
import { NO_ENTITY_ID } from './payloadResolver';
import { QueuedSubscriber } from './queuedSubscriber';
import { SharedPayload } from './sharedPayload';
import type { Subscriber } from './subscriber';

/** The filters a subscription field takes (docs/api.md#graphql). */
export interface Filter { customerId?: string | null; projectId?: string | null }

/** Makes a transport's subscriber for a subscription. */
export type OpenSubscriber = (capacity: number, onClose: () => void) => Subscriber;

/** The context a subscription is subscribed with: set by the transport. */
export interface SubscriptionContext {
  /** The operation as it was prepared: executed once per matching change for the whole group. */
  readonly request: ExecutionArgs;
  /** Who subscribed (access/principal.ts): the token of the connection or request, OPEN_PRINCIPAL with AUTH=off. */
  readonly principal?: Principal;
  /** The subscriber's Authorization credential, forwarded to subgraph processes that verify it themselves. */
  readonly credential?: string;
  /** How the transport takes payloads; without it, a queue its transport pulls from (graphql-sse). */
  readonly open?: OpenSubscriber;
}

/** Hears of each payload handed to a group's subscribers (metrics: push latency). */
export type OnPushed = (change: LiveChange, subscribers: number) => void;

/** One open subscription, as metrics see it. */
export interface Subscription {
  readonly kind: LiveChange['kind'];
  readonly operationName: string | undefined;
  readonly subscriber: Subscriber;
}

export function matches(change: LiveChange, kind: LiveChange['kind'], filter: Filter): boolean {
  if (change.kind !== kind) return false;
  if (filter.projectId && filter.projectId !== change.projectId) return false;
  if (filter.customerId && filter.customerId !== change.customerId && filter.customerId !== change.accountId) return false;
  return true;
}

class SubscriptionGroup {
  /** Each member, with the number of changes offered before it joined: it receives only later ones. */
  readonly members = new Map<Subscriber, number>();
  private offered = 0;
  private delivered: Promise<void> = Promise.resolve();

  constructor(
    readonly kind: LiveChange['kind'], private readonly filter: Filter, readonly operationName: string | undefined,
    private readonly request: ExecutionArgs, private readonly onPushed: OnPushed | undefined,
  ) {}

  join(subscriber: Subscriber): void {
    this.members.set(subscriber, this.offered);
  }

  /**
   * Executes the operation once, right after the subscription is made, for a
   * change of an entity no invoice or project has (it reads nothing, and the
   * answer is dropped): the payload resolver sees the selection now and plans
   * its batch documents ahead (live/payloadResolver.ts) while no payload
   * waits, instead of when the first change of this kind arrives — which, for
   * invoices, can be long after the subscription, in the middle of a stream
   * of other payloads that the planning (up to ~170 ms a document, on the
   * main thread) would hold up.
   */
  planAhead(): void {
    setImmediate(() => {
      try {
        void Promise.resolve(execute({ ...this.request, rootValue: planningChange(this.kind) })).catch(() => undefined);
      } catch {
        // Planning only: a failure here is met again, and reported, with the first real change.
      }
    });
  }

  offer(change: LiveChange): void {
    if (!matches(change, this.kind, this.filter)) return;
    const sequence = this.offered++;
    // Traced: one span per payload pushed to the group, linked to the trace of the event that caused the change.
    const tracer = activeTracer();
    const span = tracer?.startSpan('subscription push', {
      links: linksTo([change.traceparent]),
      attributes: { 'servicegraph.change.kind': change.kind, 'servicegraph.change.entity': change.entityId, 'servicegraph.event.id': change.eventId, 'graphql.operation.name': this.operationName ?? '' },
    });
    let result: ExecutionResult | Promise<ExecutionResult>;
    try {
      result = execute({ ...this.request, rootValue: change });
    } catch (error) {
      result = { errors: [asGraphQLError(error)] };
    }
    // Executions finish in any order; members take them in commit order.
    this.delivered = this.delivered
      .then(() => result)
      .catch((error: unknown): ExecutionResult => ({ errors: [asGraphQLError(error)] }))
      .then((executed) => {
        const payload = new SharedPayload(change, executed);
        let delivered = 0;
        for (const [subscriber, joinedAt] of this.members) {
          if (joinedAt > sequence) continue;
          subscriber.deliver(payload);
          delivered++;
        }
        this.onPushed?.(change, delivered);
        if (span) {
          span.setAttribute('servicegraph.subscribers', delivered);
          if (executed.errors?.length) span.setStatus({ code: 2, message: executed.errors[0]!.message });
          span.end();
        }
      });
  }
}

function planningChange(kind: LiveChange['kind']): LiveChange {
  return {
    changeId: 'planning', kind, entityId: NO_ENTITY_ID, projectId: null, accountId: null, customerId: null,
    eventType: '', eventId: '', at: new Date(0).toISOString(),
  };
}

function asGraphQLError(error: unknown): GraphQLError {
  return error instanceof GraphQLError ? error : new GraphQLError(`the payload could not be made: ${error instanceof Error ? error.message : String(error)}`);
}

export class Fanout {
  private readonly groups = new Set<SubscriptionGroup>();
  private readonly byOperation = new WeakMap<OperationDefinitionNode, Map<string, SubscriptionGroup>>();

  constructor(feed: ChangeFeed, private readonly capacity: number, private readonly onPushed?: OnPushed) {
    feed.subscribe((change) => {
      for (const group of this.groups) group.offer(change);
    });
  }

  /**
   * Adds a subscription to its group (made on first use); called by the
   * subscription field's `subscribe` with its coerced arguments.
   */
  join(kind: LiveChange['kind'], filter: Filter, context: SubscriptionContext, info: GraphQLResolveInfo): Subscriber {
    let byVariables = this.byOperation.get(info.operation);
    const newOperation = !byVariables;
    if (!byVariables) this.byOperation.set(info.operation, (byVariables = new Map()));
    const key = JSON.stringify(info.variableValues);
    let group = byVariables.get(key);
    if (!group) {
      // Without the first member's context: the group outlives any member, and must not keep its socket.
      group = new SubscriptionGroup(kind, { ...filter }, info.operation.name?.value, { ...context.request, contextValue: undefined }, this.onPushed);
      byVariables.set(key, group);
      this.groups.add(group);
      // Once per operation, not per group: groups of one operation differ in their filters, which the payload
      // documents do not contain (a selection using variables of its own is planned with its first change).
      if (newOperation) group.planAhead();
    }
    const joined = group;
    const open = context.open ?? ((capacity, onClose) => new QueuedSubscriber(capacity, onClose));
    const subscriber = open(this.capacity, () => {
      joined.members.delete(subscriber);
      if (joined.members.size === 0) {
        this.groups.delete(joined);
        byVariables.delete(key);
      }
    });
    joined.join(subscriber);
    return subscriber;
  }

  /** Every open subscription (both transports). */
  *subscriptions(): Generator<Subscription> {
    for (const group of this.groups) {
      for (const subscriber of group.members.keys()) yield { kind: group.kind, operationName: group.operationName, subscriber };
    }
  }
}
