"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PayloadResolver = exports.NO_ENTITY_ID = exports.MAX_BATCH = void 0;
/**
 * Resolves the `invoice` / `project` of changes through the gateway, shared
 * and batched:
 * - shared: one result per (change, selection, variable values), whatever the
 *   number of subscribers asking for it;
 * - batched: the entities asked for with one selection in one synchronous run
 *   (the fan-out executes every change of a feed read in one) go in one
 *   federated query (`e0: invoice(id: …) { … } e1: …`), so the gateway
 *   plans once and each subgraph's DataLoader fetches them in one statement.
 *   Batch sizes are powers of two (the last id repeated) so the gateway's
 *   query plan cache sees a handful of documents, not one per size.
 * - planned ahead: the first time a selection is resolved, the documents of
 *   its other batch sizes are run once in the background (with an id no
 *   entity has), so a later burst of changes finds its plan cached. The
 *   fan-out resolves a new operation's selection once when it is subscribed
 *   (live/fanout.ts `planAhead`), so this happens before its first change. Planning
 *   a new document costs 40–170 ms (1 to 64 entities, measured through the
 *   gateway) against 4–14 ms for a planned one: without this, the first
 *   burst of each size stalls every payload behind it (the freshness tail).
 */
const graphql_1 = require("graphql");
const federatedSelection_1 = require("./federatedSelection");
exports.MAX_BATCH = 64;
/** Selections whose batch documents were planned ahead (bounded: the oldest are forgotten). */
const MAX_PLANNED_SELECTIONS = 1000;
/** An id no invoice or project has: the planning runs read nothing. */
exports.NO_ENTITY_ID = '';
class PayloadResolver {
    constructor(execute, sharedLimit = 10_000) {
        this.execute = execute;
        this.sharedLimit = sharedLimit;
        this.shared = new Map();
        this.groups = new Map();
        this.scheduled = false;
        this.plannedAhead = new Set();
        /** Federated queries sent (for tests and metrics). */
        this.queries = 0;
    }
    /** The entity of `change` as `query` selects it, after the change was committed. */
    resolve(change, rootField, query) {
        const key = `${change.changeId}\n${query.key}`;
        let result = this.shared.get(key);
        if (result)
            return result;
        result = new Promise((resolve, reject) => this.enqueue(query, rootField, change.entityId, { resolve, reject }))
            .catch((error) => {
            this.shared.delete(key);
            throw error instanceof graphql_1.GraphQLError ? error
                : new graphql_1.GraphQLError(`${rootField} ${change.entityId} of change ${change.changeId} could not be read: ${String(error)}`);
        });
        this.shared.set(key, result);
        // Oldest first: by the time thousands of later results exist, every subscriber has the early ones.
        if (this.shared.size > this.sharedLimit)
            this.shared.delete(this.shared.keys().next().value);
        return result;
    }
    enqueue(query, rootField, entityId, waiting) {
        let group = this.groups.get(query.key);
        if (!group)
            this.groups.set(query.key, (group = { query, rootField, byEntity: new Map() }));
        const list = group.byEntity.get(entityId);
        if (list)
            list.push(waiting);
        else
            group.byEntity.set(entityId, [waiting]);
        if (!this.scheduled) {
            this.scheduled = true;
            // A microtask, not setImmediate: the batch is complete once the current run ends, and on a busy
            // event loop a macrotask turn would add the wait behind every other pending callback to each payload.
            queueMicrotask(() => this.flush());
        }
    }
    flush() {
        this.scheduled = false;
        const groups = [...this.groups.values()];
        this.groups.clear();
        for (const group of groups) {
            const entities = [...group.byEntity.entries()];
            for (let start = 0; start < entities.length; start += exports.MAX_BATCH)
                void this.send(group, entities.slice(start, start + exports.MAX_BATCH));
        }
    }
    /** Runs the documents of the selection's other batch sizes once, one after another, so the gateway plans them now. */
    planAhead(group, sizeInUse) {
        if (this.plannedAhead.has(group.query.key))
            return;
        if (this.plannedAhead.size >= MAX_PLANNED_SELECTIONS)
            this.plannedAhead.delete(this.plannedAhead.values().next().value);
        this.plannedAhead.add(group.query.key);
        void (async () => {
            for (let size = 1; size <= exports.MAX_BATCH; size *= 2) {
                if (size === sizeInUse)
                    continue;
                const variables = { ...group.query.variables };
                for (let i = 0; i < size; i++)
                    variables[(0, federatedSelection_1.entityIdVariable)(i)] = exports.NO_ENTITY_ID;
                // Only the plan matters; whatever the answer (null entities), it is dropped.
                await this.execute(group.query.textFor(size), variables).catch(() => undefined);
            }
        })();
    }
    async send(group, entities) {
        let size = 1;
        while (size < entities.length)
            size *= 2;
        const variables = { ...group.query.variables };
        for (let i = 0; i < size; i++)
            variables[(0, federatedSelection_1.entityIdVariable)(i)] = entities[Math.min(i, entities.length - 1)][0];
        this.queries++;
        let answer;
        try {
            answer = await this.execute(group.query.textFor(size), variables);
        }
        catch (error) {
            for (const [, waiting] of entities)
                for (const w of waiting)
                    w.reject(error);
            return;
        }
        // After the answer: the payloads waiting for it go first.
        this.planAhead(group, size);
        const data = (answer.data ?? {});
        entities.forEach(([entityId, waiting], index) => {
            const responseKey = (0, federatedSelection_1.entityResponseKey)(index);
            const errors = (answer.errors ?? []).filter((e) => e.path?.[0] === responseKey || e.path === undefined);
            const entity = data[responseKey];
            const outcome = errors.length > 0
                ? new graphql_1.GraphQLError(errors.map((e) => e.message).join('; '), { extensions: errors[0].extensions })
                : entity == null ? new graphql_1.GraphQLError(`${group.rootField} ${entityId} could not be read`) : undefined;
            for (const w of waiting) {
                if (outcome)
                    w.reject(outcome);
                else
                    w.resolve(entity);
            }
        });
    }
}
exports.PayloadResolver = PayloadResolver;
//# sourceMappingURL=payloadResolver.js.map