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
exports.PaymentAllocation = void 0;
const typeorm_1 = require("typeorm");
/** billing.payment_allocation: the part of a payment applied to one invoice. */
let PaymentAllocation = class PaymentAllocation {
};
exports.PaymentAllocation = PaymentAllocation;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'payment_id', collation: 'C' }),
    __metadata("design:type", String)
], PaymentAllocation.prototype, "paymentId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'invoice_id', collation: 'C' }),
    __metadata("design:type", String)
], PaymentAllocation.prototype, "invoiceId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount' }),
    __metadata("design:type", String)
], PaymentAllocation.prototype, "amount", void 0);
exports.PaymentAllocation = PaymentAllocation = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'payment_allocation' }),
    (0, typeorm_1.Index)('payment_allocation_invoice_id', ['invoiceId'])
], PaymentAllocation);
//# sourceMappingURL=PaymentAllocation.js.map