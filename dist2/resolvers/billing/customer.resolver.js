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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomerBillingResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const money_1 = require("../shared/money");
const pagination_1 = require("../shared/pagination");
const customer_1 = require("./customer");
const invoiceConnection_1 = require("./invoiceConnection");
const invoices_1 = require("./invoices");
/** Adds `invoices` and `outstandingBalance` to the customer subgraph's `Customer`. */
let CustomerBillingResolver = class CustomerBillingResolver {
    constructor(loadersFor) {
        this.loadersFor = loadersFor;
    }
    async invoices(customer, { first, after }, context) {
        const request = (0, pagination_1.pageRequest)(first, after, invoices_1.invoiceCursor);
        const loaders = this.loadersFor(context);
        const rows = await loaders.invoicePages.customer.get(request).load(customer.id);
        return (0, pagination_1.toConnection)(invoiceConnection_1.InvoiceConnection, rows, request, { node: (i) => i, keys: invoices_1.invoiceKeys, cursor: invoices_1.invoiceCursor }, () => loaders.invoiceCount.customer.load(customer.id));
    }
    async outstandingBalance(customer, context) {
        const balances = await this.loadersFor(context).outstandingBalance.load(customer.id);
        return balances.map(({ amount, currency }) => ({ amount, currency }));
    }
};
exports.CustomerBillingResolver = CustomerBillingResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => invoiceConnection_1.InvoiceConnection, {
        description: 'Invoices of the customer and of every account merged into it, in time order; none for a merged account. first: default 50, at most 500.',
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [customer_1.Customer, connectionArgs_1.ConnectionArgs, Object]),
    __metadata("design:returntype", Promise)
], CustomerBillingResolver.prototype, "invoices", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [money_1.Money], {
        description: 'Σ amountDue of posted, not voided invoices, accounts merged into it included: one Money per currency, sorted; [] for a merged account.',
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [customer_1.Customer, Object]),
    __metadata("design:returntype", Promise)
], CustomerBillingResolver.prototype, "outstandingBalance", null);
exports.CustomerBillingResolver = CustomerBillingResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => customer_1.Customer),
    __metadata("design:paramtypes", [Function])
], CustomerBillingResolver);
//# sourceMappingURL=customer.resolver.js.map