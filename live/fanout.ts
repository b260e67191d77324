/**
 * From the change feed to every subscriber, at the cost of one GraphQL
 * execution per change and distinct subscription, not per subscriber.
 *
 * Subscriptions with the same operation (the same parsed document: the
 * transports share documents by query text), the same variable values and
 * the same visibility (legal entities and scopes of their principals:
 * `principalPartition`) select the same payload with the same filter and may
 * read the same rows: they form a group. A change of an invoice or project in a
 * legal entity the group does not see is never executed nor pushed for it;
 * the others are read for the group's principal, so nothing one principal
 * reads reaches a subscriber who may not read it. Each
 * change the feed reads is matched against each group's filter (by the hub,
 * never the client), executed once for the group with the change as root
 * value — `invoice` / `project` through the gateway's federated path,
 * batched and shared between groups by `PayloadResolver` — serialized once
 * (`SharedPayload`), and handed to every member in commit order. A member
 * takes it in constant time: its transport writes or queues it.
 */
import { OPEN_PRINCIPAL, principalPartition, seesLegalEntity, type Principal } from '../access/principal';
import {
  execute, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLResolveInfo, type OperationDefinitionNode,
} from 'graphql';
import type { ChangeFeed, LiveChange } from './changeFeed';
import { activeTracer, linksTo } from '../observability/tracing';
import { NO_ENTITY_ID, type PayloadReader } from './payloadResolver';
import { QueuedSubscriber } from './queuedSubscriber';
import { SharedPayload } from './sharedPayload';
import type { Subscriber } from './subscriber';

/** The filters a subscription field takes (docs/api.md#graphql). */
export interface Filter { customerId?: string | null; projectId?: string | null }

/** Makes a transport's subscriber for a subscription. */
export type OpenSubscriber = (capacity: number, onClose: () => void, maxBytes: number) => Subscriber;

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

/** Whether a change is of a row the principal sees: one of an unknown legal entity only for a principal who sees every one. */
function sees(principal: Principal, change: LiveChange): boolean {
  return principal.legalEntities === null || (change.legalEntityId !== null && seesLegalEntity(principal, change.legalEntityId));
}

class SubscriptionGroup {
  /** Each member, with the number of changes offered before it joined (it receives only later ones) and its credential. */
  readonly members = new Map<Subscriber, { joinedAt: number; credential: string | undefined }>();
  private offered = 0;
  private delivered: Promise<void> = Promise.resolve();
  /**
   * Whom the group's payloads are read for: the principal its members share
   * the visibility of, and the credential of a current member (for subgraph
   * processes, which verify it themselves; a member leaves when its token expires).
   */
  private readonly reader: PayloadReader;

  constructor(
    readonly kind: LiveChange['kind'], private readonly filter: Filter, readonly operationName: string | undefined,
    private readonly request: ExecutionArgs, private readonly onPushed: OnPushed | undefined, readonly principal: Principal,
  ) {
    const members = this.members;
    this.reader = {
      principal,
      get credential() {
        return members.values().next().value?.credential;
      },
    };
  }

  join(subscriber: Subscriber, credential: string | undefined): void {
    this.members.set(subscriber, { joinedAt: this.offered, credential });
  }

  /**
   * Executes the operation once, right after the subscription is made, for a
   * change of an entity no invoice or project has (it reads nothing, and the
   * answer is dropped): the payload resolver sees the selection now and plans
   * its batch documents ahead (live/payloadResolver.ts) while no payload
   * waits, instead of when the first change of this kind arrives — which, for
   * invoices, can be long after the subscription, in the middle of a stream
   * of other payloads that the planning (several times the cost of running a
   * planned document, on the main thread) would hold up.
   */
  planAhead(): void {
    setImmediate(() => {
      try {
        void Promise.resolve(execute({ ...this.request, contextValue: this.reader, rootValue: planningChange(this.kind) })).catch(() => undefined);
      } catch {
        // Planning only: a failure here is met again, and reported, with the first real change.
      }
    });
  }

  offer(change: LiveChange): void {
    if (!matches(change, this.kind, this.filter) || !sees(this.principal, change)) return;
    const sequence = this.offered++;
    // Traced: one span per payload pushed to the group, linked to the trace of the event that caused the change.
    const tracer = activeTracer();
    const span = tracer?.startSpan('subscription push', {
      links: linksTo([change.traceparent]),
      attributes: { 'servicegraph.change.kind': change.kind, 'servicegraph.change.entity': change.entityId, 'servicegraph.event.id': change.eventId, 'graphql.operation.name': this.operationName ?? '' },
    });
    let result: ExecutionResult | Promise<ExecutionResult>;
    try {
      result = execute({ ...this.request, contextValue: this.reader, rootValue: change });
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
        for (const [subscriber, { joinedAt }] of this.members) {
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
    changeId: 'planning', kind, entityId: NO_ENTITY_ID, projectId: null, accountId: null, customerId: null, legalEntityId: null,
    eventType: '', eventId: '', at: new Date(0).toISOString(),
  };
}

function asGraphQLError(error: unknown): GraphQLError {
  return error instanceof GraphQLError ? error : new GraphQLError(`the payload could not be made: ${error instanceof Error ? error.message : String(error)}`);
}

export class Fanout {
  private readonly groups = new Set<SubscriptionGroup>();
  private readonly byOperation = new WeakMap<OperationDefinitionNode, Map<string, SubscriptionGroup>>();

  /** `maxBytes`: what one subscriber may have queued before it is dropped as too slow. */
  constructor(feed: ChangeFeed, private readonly capacity: number, private readonly onPushed?: OnPushed, private readonly maxBytes = Infinity) {
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
    const principal = context.principal ?? OPEN_PRINCIPAL;
    const key = `${principalPartition(principal)}\n${JSON.stringify(info.variableValues)}`;
    let group = byVariables.get(key);
    if (!group) {
      // Without the first member's context: the group outlives any member, and must not keep its socket.
      group = new SubscriptionGroup(kind, { ...filter }, info.operation.name?.value, { ...context.request, contextValue: undefined }, this.onPushed, principal);
      byVariables.set(key, group);
      this.groups.add(group);
      // Once per operation, not per group: groups of one operation differ in their filters, which the payload
      // documents do not contain (a selection using variables of its own is planned with its first change).
      if (newOperation) group.planAhead();
    }
    const joined = group;
    const open = context.open ?? ((capacity, onClose, maxBytes) => new QueuedSubscriber(capacity, onClose, maxBytes));
    const subscriber = open(this.capacity, () => {
      joined.members.delete(subscriber);
      if (joined.members.size === 0) {
        this.groups.delete(joined);
        byVariables.delete(key);
      }
    }, this.maxBytes);
    joined.join(subscriber, context.credential);
    return subscriber;
  }

  /** Every open subscription (both transports). */
  *subscriptions(): Generator<Subscription> {
    for (const group of this.groups) {
      for (const subscriber of group.members.keys()) yield { kind: group.kind, operationName: group.operationName, subscriber };
    }
  }
}
