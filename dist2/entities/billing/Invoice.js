"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Invoice = void 0;
const typeorm_1 = require("typeorm");
/**
 * billing.invoice. gross_total, amount_due and payment_state are STORED
 * generated columns (read-only here): the ERP's posted gross total when
 * posted, else net + tax; amount due only for posted invoices.
 */
let Invoice = class Invoice {
};
exports.Invoice = Invoice;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], Invoice.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'account_id', collation: 'C' }),
    __metadata("design:type", String)
], Invoice.prototype, "accountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'project_id', collation: 'C' }),
    __metadata("design:type", String)
], Invoice.prototype, "projectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], Invoice.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'status' }),
    __metadata("design:type", String)
], Invoice.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'tax_status' }),
    __metadata("design:type", String)
], Invoice.prototype, "taxStatus", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'net_total' }),
    __metadata("design:type", String)
], Invoice.prototype, "netTotal", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'tax_total', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "taxTotal", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'posted_gross_total', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "postedGrossTotal", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount_paid', default: 0 }),
    __metadata("design:type", String)
], Invoice.prototype, "amountPaid", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'invoice_number', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "invoiceNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'invoice_date', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "invoiceDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'due_date', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "dueDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'drafted_at' }),
    __metadata("design:type", Date)
], Invoice.prototype, "draftedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'posted_at', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "postedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'sent_at', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "sentAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'voided_at', nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "voidedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'numeric', name: 'gross_total', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `coalesce(posted_gross_total, net_total + coalesce(tax_total, 0))`,
    }),
    __metadata("design:type", String)
], Invoice.prototype, "grossTotal", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'numeric', name: 'amount_due', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `CASE WHEN status = 'posted' THEN coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) - amount_paid WHEN status = 'voided' AND posted_gross_total IS NOT NULL THEN 0 END`,
    }),
    __metadata("design:type", Object)
], Invoice.prototype, "amountDue", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'text', name: 'payment_state', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `CASE WHEN amount_paid <= 0 THEN 'not_paid' WHEN amount_paid >= coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) THEN 'paid' ELSE 'partial' END`,
    }),
    __metadata("design:type", String)
], Invoice.prototype, "paymentState", void 0);
exports.Invoice = Invoice = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'invoice' }),
    (0, typeorm_1.Check)('invoice_status_check', `status IN ('draft', 'posted', 'voided')`),
    (0, typeorm_1.Check)('invoice_tax_status_check', `tax_status IN ('pending', 'succeeded', 'failed')`),
    (0, typeorm_1.Index)('invoice_account_id', ['accountId', 'draftedAt', 'id']),
    (0, typeorm_1.Index)('invoice_project_id', ['projectId', 'draftedAt', 'id']),
    (0, typeorm_1.Index)('invoice_drafted_at', ['draftedAt', 'id'])
], Invoice);
//# sourceMappingURL=Invoice.js.map