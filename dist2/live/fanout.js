"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Fanout = void 0;
exports.matches = matches;
const graphql_1 = require("graphql");
const payloadResolver_1 = require("./payloadResolver");
const queuedSubscriber_1 = require("./queuedSubscriber");
const sharedPayload_1 = require("./sharedPayload");
function matches(change, kind, filter) {
    if (change.kind !== kind)
        return false;
    if (filter.projectId && filter.projectId !== change.projectId)
        return false;
    if (filter.customerId && filter.customerId !== change.customerId && filter.customerId !== change.accountId)
        return false;
    return true;
}
class SubscriptionGroup {
    constructor(kind, filter, operationName, request) {
        this.kind = kind;
        this.filter = filter;
        this.operationName = operationName;
        this.request = request;
        /** Each member, with the number of changes offered before it joined: it receives only later ones. */
        this.members = new Map();
        this.offered = 0;
        this.delivered = Promise.resolve();
    }
    join(subscriber) {
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
    planAhead() {
        setImmediate(() => {
            try {
                void Promise.resolve((0, graphql_1.execute)({ ...this.request, rootValue: planningChange(this.kind) })).catch(() => undefined);
            }
            catch {
                // Planning only: a failure here is met again, and reported, with the first real change.
            }
        });
    }
    offer(change) {
        if (!matches(change, this.kind, this.filter))
            return;
        const sequence = this.offered++;
        let result;
        try {
            result = (0, graphql_1.execute)({ ...this.request, rootValue: change });
        }
        catch (error) {
            result = { errors: [asGraphQLError(error)] };
        }
        // Executions finish in any order; members take them in commit order.
        this.delivered = this.delivered
            .then(() => result)
            .catch((error) => ({ errors: [asGraphQLError(error)] }))
            .then((executed) => {
            const payload = new sharedPayload_1.SharedPayload(change, executed);
            for (const [subscriber, joinedAt] of this.members)
                if (joinedAt <= sequence)
                    subscriber.deliver(payload);
        });
    }
}
function planningChange(kind) {
    return {
        changeId: 'planning', kind, entityId: payloadResolver_1.NO_ENTITY_ID, projectId: null, accountId: null, customerId: null,
        eventType: '', eventId: '', at: new Date(0).toISOString(),
    };
}
function asGraphQLError(error) {
    return error instanceof graphql_1.GraphQLError ? error : new graphql_1.GraphQLError(`the payload could not be made: ${error instanceof Error ? error.message : String(error)}`);
}
class Fanout {
    /** `maxBytes`: what one subscriber may have queued before it is dropped as too slow. */
    constructor(feed, capacity, maxBytes = Infinity) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.groups = new Set();
        this.byOperation = new WeakMap();
        feed.subscribe((change) => {
            for (const group of this.groups)
                group.offer(change);
        });
    }
    /**
     * Adds a subscription to its group (made on first use); called by the
     * subscription field's `subscribe` with its coerced arguments.
     */
    join(kind, filter, context, info) {
        let byVariables = this.byOperation.get(info.operation);
        const newOperation = !byVariables;
        if (!byVariables)
            this.byOperation.set(info.operation, (byVariables = new Map()));
        const key = JSON.stringify(info.variableValues);
        let group = byVariables.get(key);
        if (!group) {
            // Without the first member's context: the group outlives any member, and must not keep its socket.
            group = new SubscriptionGroup(kind, { ...filter }, info.operation.name?.value, { ...context.request, contextValue: undefined });
            byVariables.set(key, group);
            this.groups.add(group);
            // Once per operation, not per group: groups of one operation differ in their filters, which the payload
            // documents do not contain (a selection using variables of its own is planned with its first change).
            if (newOperation)
                group.planAhead();
        }
        const joined = group;
        const open = context.open ?? ((capacity, onClose, maxBytes) => new queuedSubscriber_1.QueuedSubscriber(capacity, onClose, maxBytes));
        const subscriber = open(this.capacity, () => {
            joined.members.delete(subscriber);
            if (joined.members.size === 0) {
                this.groups.delete(joined);
                byVariables.delete(key);
            }
        }, this.maxBytes);
        joined.join(subscriber);
        return subscriber;
    }
    /** Every open subscription (both transports). */
    *subscriptions() {
        for (const group of this.groups) {
            for (const subscriber of group.members.keys())
                yield { kind: group.kind, operationName: group.operationName, subscriber };
        }
    }
}
exports.Fanout = Fanout;
//# sourceMappingURL=fanout.js.map