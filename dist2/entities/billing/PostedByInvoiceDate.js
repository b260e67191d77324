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
exports.PostedByInvoiceDate = void 0;
const typeorm_1 = require("typeorm");
/**
 * billing.posted_by_invoice_date: Σ grossTotal of posted, not voided invoices
 * per currency, legal entity (the invoice's project's) and invoice date: what
 * DSO divides by. `invoices` counts the invoices behind the row: it is deleted at 0.
 */
let PostedByInvoiceDate = class PostedByInvoiceDate {
};
exports.PostedByInvoiceDate = PostedByInvoiceDate;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], PostedByInvoiceDate.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'legal_entity_id', collation: 'C' }),
    __metadata("design:type", String)
], PostedByInvoiceDate.prototype, "legalEntityId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'date', name: 'invoice_date' }),
    __metadata("design:type", String)
], PostedByInvoiceDate.prototype, "invoiceDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'gross_total', default: 0 }),
    __metadata("design:type", String)
], PostedByInvoiceDate.prototype, "grossTotal", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', name: 'invoices', default: 0 }),
    __metadata("design:type", Number)
], PostedByInvoiceDate.prototype, "invoices", void 0);
exports.PostedByInvoiceDate = PostedByInvoiceDate = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'posted_by_invoice_date' })
], PostedByInvoiceDate);
//# sourceMappingURL=PostedByInvoiceDate.js.map