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
exports.Customer = void 0;
const type_graphql_1 = require("type-graphql");
/** A customer account (CRM/ERP), owned by the customer subgraph. */
let Customer = class Customer {
};
exports.Customer = Customer;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Customer.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], Customer.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], Customer.prototype, "legalEntityId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'ISO 4217 currency the customer is billed in.' }),
    __metadata("design:type", String)
], Customer.prototype, "billingCurrency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, when the source system sent one.' }),
    __metadata("design:type", Object)
], Customer.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'active | inactive | merged.' }),
    __metadata("design:type", String)
], Customer.prototype, "status", void 0);
exports.Customer = Customer = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id")'),
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'A customer account. After a merge the merged account still answers, with status "merged" and mergedInto.' })
], Customer);
//# sourceMappingURL=customer.js.map