"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveCustomerReference = resolveCustomerReference;
/** `Customer` by key, for the gateway: one `WHERE id = ANY($1)` per `_entities` batch. */
function resolveCustomerReference(loadersFor) {
    return (reference, context) => loadersFor(context).customer.load(reference.id);
}
//# sourceMappingURL=customer.reference.js.map