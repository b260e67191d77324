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
exports.AccountBalance = void 0;
const typeorm_1 = require("typeorm");
/**
 * billing.account_balance: outstanding receivables per (raw account, currency);
 * a customer's balance sums the rows of every account whose root is that customer.
 */
let AccountBalance = class AccountBalance {
};
exports.AccountBalance = AccountBalance;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'account_id', collation: 'C' }),
    __metadata("design:type", String)
], AccountBalance.prototype, "accountId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], AccountBalance.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'outstanding', default: 0 }),
    __metadata("design:type", String)
], AccountBalance.prototype, "outstanding", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', name: 'posted_invoices', default: 0 }),
    __metadata("design:type", Number)
], AccountBalance.prototype, "postedInvoices", void 0);
exports.AccountBalance = AccountBalance = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'account_balance' })
], AccountBalance);
//# sourceMappingURL=AccountBalance.js.map