"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveInvoiceReference = resolveInvoiceReference;
/** `Invoice` by key, for the gateway: one `WHERE id = ANY($1)` per `_entities` batch. */
function resolveInvoiceReference(loadersFor) {
    return (reference, context) => loadersFor(context).invoice.load(reference.id);
}
//# sourceMappingURL=invoice.reference.js.map