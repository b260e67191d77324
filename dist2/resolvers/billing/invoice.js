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
const type_graphql_1 = require("type-graphql");
const date_scalar_1 = require("../shared/date.scalar");
const dateTime_scalar_1 = require("../shared/dateTime.scalar");
const enums_1 = require("../shared/enums");
const money_1 = require("../shared/money");
/** An invoice, owned by the billing subgraph. Every amount is in the invoice's currency. */
let Invoice = class Invoice {
};
exports.Invoice = Invoice;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Invoice.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The ERP invoice number, once posted.' }),
    __metadata("design:type", Object)
], Invoice.prototype, "number", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.InvoiceStatus),
    __metadata("design:type", String)
], Invoice.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.TaxStatus),
    __metadata("design:type", String)
], Invoice.prototype, "taxStatus", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.PaymentState),
    __metadata("design:type", String)
], Invoice.prototype, "paymentState", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'ISO 4217.' }),
    __metadata("design:type", String)
], Invoice.prototype, "currency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ line amounts, before tax.' }),
    __metadata("design:type", money_1.Money)
], Invoice.prototype, "netTotal", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { nullable: true, description: 'Null unless the tax calculation succeeded.' }),
    __metadata("design:type", Object)
], Invoice.prototype, "taxTotal", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'The ERP\'s posted gross total once posted, else net + tax.' }),
    __metadata("design:type", money_1.Money)
], Invoice.prototype, "grossTotal", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ payment allocations to the invoice.' }),
    __metadata("design:type", money_1.Money)
], Invoice.prototype, "amountPaid", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { nullable: true, description: 'grossTotal − amountPaid while posted; 0.00 once a posted invoice is voided; null until posted.' }),
    __metadata("design:type", Object)
], Invoice.prototype, "amountDue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => dateTime_scalar_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "draftedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => dateTime_scalar_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "postedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => dateTime_scalar_1.DateTimeScalar, { nullable: true, description: 'The latest time it was sent.' }),
    __metadata("design:type", Object)
], Invoice.prototype, "sentAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => dateTime_scalar_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "voidedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { nullable: true, description: 'The posted invoice date.' }),
    __metadata("design:type", Object)
], Invoice.prototype, "invoiceDate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { nullable: true }),
    __metadata("design:type", Object)
], Invoice.prototype, "dueDate", void 0);
exports.Invoice = Invoice = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id")'),
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'An invoice; every amount is in the invoice currency (its project\'s).' })
], Invoice);
//# sourceMappingURL=invoice.js.map