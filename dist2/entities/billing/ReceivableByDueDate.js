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
exports.ReceivableByDueDate = void 0;
const typeorm_1 = require("typeorm");
/**
 * billing.receivable_by_due_date: Σ amountDue of posted, not voided invoices
 * per currency, legal entity (the invoice's project's) and due date, for the
 * receivables aging and DSO. `invoices` counts the invoices behind the row
 * (paid ones included): it is deleted at 0.
 */
let ReceivableByDueDate = class ReceivableByDueDate {
};
exports.ReceivableByDueDate = ReceivableByDueDate;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], ReceivableByDueDate.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'legal_entity_id', collation: 'C' }),
    __metadata("design:type", String)
], ReceivableByDueDate.prototype, "legalEntityId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'date', name: 'due_date' }),
    __metadata("design:type", String)
], ReceivableByDueDate.prototype, "dueDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount_due', default: 0 }),
    __metadata("design:type", String)
], ReceivableByDueDate.prototype, "amountDue", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', name: 'invoices', default: 0 }),
    __metadata("design:type", Number)
], ReceivableByDueDate.prototype, "invoices", void 0);
exports.ReceivableByDueDate = ReceivableByDueDate = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'receivable_by_due_date' })
], ReceivableByDueDate);
//# sourceMappingURL=ReceivableByDueDate.js.map