"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BilledByInvoiceSet1764000000002 = void 0;
/**
 * A time entry, expense or milestone is billed while ANY posted, not voided
 * invoice names it. One `billed_by_invoice_id` could not say that: when a
 * voided invoice's posting arrived after a later invoice had re-billed the
 * same facts (events of different invoices in another order), the void
 * cleared the later invoice's claim. The set of invoices makes posting and
 * voiding commute.
 */
const FACT_TABLES = ['project.time_entry', 'project.expense', 'project.milestone'];
class BilledByInvoiceSet1764000000002 {
    constructor() {
        this.name = 'BilledByInvoiceSet1764000000002';
    }
    async up(q) {
        for (const table of FACT_TABLES) {
            await q.query(`ALTER TABLE ${table} ADD COLUMN billed_by_invoice_ids text[] NOT NULL DEFAULT '{}'`);
            await q.query(`UPDATE ${table} SET billed_by_invoice_ids = ARRAY[billed_by_invoice_id] WHERE billed_by_invoice_id IS NOT NULL`);
            await q.query(`ALTER TABLE ${table} DROP COLUMN billed_by_invoice_id`);
        }
    }
    async down(q) {
        for (const table of FACT_TABLES) {
            await q.query(`ALTER TABLE ${table} ADD COLUMN billed_by_invoice_id text`);
            await q.query(`UPDATE ${table} SET billed_by_invoice_id = billed_by_invoice_ids[1]`);
            await q.query(`ALTER TABLE ${table} DROP COLUMN billed_by_invoice_ids`);
        }
    }
}
exports.BilledByInvoiceSet1764000000002 = BilledByInvoiceSet1764000000002;
//# sourceMappingURL=1764000000002-BilledByInvoiceSet.js.map