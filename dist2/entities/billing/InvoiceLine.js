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
exports.InvoiceLine = void 0;
const typeorm_1 = require("typeorm");
/** billing.invoice_line: one line of a drafted invoice and the facts it bills. */
let InvoiceLine = class InvoiceLine {
};
exports.InvoiceLine = InvoiceLine;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'invoice_id', collation: 'C' }),
    __metadata("design:type", String)
], InvoiceLine.prototype, "invoiceId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'line_id', collation: 'C' }),
    __metadata("design:type", String)
], InvoiceLine.prototype, "lineId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'kind' }),
    __metadata("design:type", String)
], InvoiceLine.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'source_ids', array: true }),
    __metadata("design:type", Array)
], InvoiceLine.prototype, "sourceIds", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount' }),
    __metadata("design:type", String)
], InvoiceLine.prototype, "amount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'description', nullable: true }),
    __metadata("design:type", Object)
], InvoiceLine.prototype, "description", void 0);
exports.InvoiceLine = InvoiceLine = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'invoice_line' }),
    (0, typeorm_1.Check)('invoice_line_kind_check', `kind IN ('time', 'expense', 'milestone', 'fee')`)
], InvoiceLine);
//# sourceMappingURL=InvoiceLine.js.map