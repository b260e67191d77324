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
exports.Account = void 0;
const typeorm_1 = require("typeorm");
/** customer.account: a customer; `root_id` is the survivor after merges (itself when not merged). */
let Account = class Account {
};
exports.Account = Account;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], Account.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'name' }),
    __metadata("design:type", String)
], Account.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'legal_entity_id' }),
    __metadata("design:type", String)
], Account.prototype, "legalEntityId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'billing_currency' }),
    __metadata("design:type", String)
], Account.prototype, "billingCurrency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 2, name: 'country', nullable: true }),
    __metadata("design:type", Object)
], Account.prototype, "country", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'status' }),
    __metadata("design:type", String)
], Account.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', name: 'external_ids', default: () => `'{}'` }),
    __metadata("design:type", Object)
], Account.prototype, "externalIds", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'merged_into', nullable: true }),
    __metadata("design:type", Object)
], Account.prototype, "mergedInto", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'root_id', collation: 'C' }),
    __metadata("design:type", String)
], Account.prototype, "rootId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'updated_at' }),
    __metadata("design:type", Date)
], Account.prototype, "updatedAt", void 0);
exports.Account = Account = __decorate([
    (0, typeorm_1.Entity)({ schema: 'customer', name: 'account' }),
    (0, typeorm_1.Check)('account_status_check', `status IN ('active', 'inactive')`),
    (0, typeorm_1.Index)('account_root_id', ['rootId'])
], Account);
//# sourceMappingURL=Account.js.map