"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveCustomerReference = resolveCustomerReference;
/**
 * `Customer` by key: the key is all billing keeps of a customer; `invoices`
 * and `outstandingBalance` are loaded by their own fields.
 */
function resolveCustomerReference() {
    return (reference) => ({ id: reference.id });
}
//# sourceMappingURL=customer.reference.js.map