"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rowsView = rowsView;
/**
 * A ReadView over a fixed set of rows: the "given" of a listener unit test.
 * The pure listeners read only through ReadView, so this is their whole input.
 */
const keys_1 = require("../../listeners/keys");
function rowsView(given) {
    const rows = new Map();
    for (const [table, list] of Object.entries(given)) {
        for (const row of list)
            rows.set((0, keys_1.rowKey)(table, row), row);
    }
    return {
        get: (table, ...ids) => rows.get((0, keys_1.keyOf)(table, ...ids)),
        invoiceLines: (invoiceId) => (given.invoice_line ?? []).filter((l) => l.invoiceId === invoiceId),
        accountsWithRoot: (rootId) => (given.account ?? []).filter((a) => a.rootId === rootId),
        prefetch: () => undefined,
    };
}
//# sourceMappingURL=rowsView.js.map