"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evolveCustomer = evolveCustomer;
const decision_1 = require("./decision");
const keys_1 = require("./keys");
function evolveCustomer(view, event) {
    switch (event.type) {
        case 'ps.customer.account.upserted': {
            const d = event.data;
            const existing = view.get('account', d.accountId);
            // Creates or replaces the descriptive fields; a merge is not undone by a later upsert.
            return (0, decision_1.apply)((0, decision_1.write)('account', {
                id: d.accountId,
                name: d.name,
                legalEntityId: d.legalEntityId,
                billingCurrency: d.billingCurrency,
                country: d.country ?? null,
                status: d.status ?? 'active',
                externalIds: d.externalIds ?? {},
                mergedInto: existing?.mergedInto ?? null,
                rootId: existing?.rootId ?? d.accountId,
                updatedAt: event.time,
            }));
        }
        case 'ps.customer.account.merged': {
            const { survivorAccountId, mergedAccountId } = event.data;
            view.prefetch([(0, keys_1.keyOf)('account', survivorAccountId), (0, keys_1.keyOf)('account', mergedAccountId)]);
            const survivor = view.get('account', survivorAccountId);
            if (!survivor)
                return (0, decision_1.park)((0, keys_1.keyOf)('account', survivorAccountId), `survivor account ${survivorAccountId} has not arrived`);
            const merged = view.get('account', mergedAccountId);
            if (!merged)
                return (0, decision_1.park)((0, keys_1.keyOf)('account', mergedAccountId), `merged account ${mergedAccountId} has not arrived`);
            if (survivorAccountId === mergedAccountId)
                return (0, decision_1.illegal)(`account ${mergedAccountId} cannot be merged into itself`);
            if (merged.mergedInto !== null) {
                return (0, decision_1.illegal)(`account ${mergedAccountId} is already merged into ${merged.mergedInto}`);
            }
            if (survivor.rootId === mergedAccountId) {
                return (0, decision_1.illegal)(`account ${survivorAccountId} is itself merged into ${mergedAccountId}; merging back would make a cycle`);
            }
            // Everything that counted under the merged account now counts under the survivor's root.
            const writes = view.accountsWithRoot(mergedAccountId).map((account) => (0, decision_1.write)('account', {
                ...account,
                rootId: survivor.rootId,
                mergedInto: account.id === mergedAccountId ? survivorAccountId : account.mergedInto,
                updatedAt: account.id === mergedAccountId ? event.time : account.updatedAt,
            }));
            return (0, decision_1.apply)(...writes);
        }
        default: {
            const unhandled = event;
            throw new Error(`customer listener got ${unhandled.type}`);
        }
    }
}
//# sourceMappingURL=customer.js.map