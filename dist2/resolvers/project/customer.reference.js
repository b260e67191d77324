"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveCustomerReference = resolveCustomerReference;
/**
 * `Customer` by key: the key is all this subgraph keeps of a customer; its
 * `projects` are loaded by their own field. (An unknown id has no projects.)
 */
function resolveCustomerReference() {
    return (reference) => ({ id: reference.id });
}
//# sourceMappingURL=customer.reference.js.map