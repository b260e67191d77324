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
exports.InvoiceResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const enums_1 = require("../shared/enums");
const pagination_1 = require("../shared/pagination");
const customer_1 = require("./customer");
const invoice_1 = require("./invoice");
const invoiceConnection_1 = require("./invoiceConnection");
const invoiceException_1 = require("./invoiceException");
const invoices_1 = require("./invoices");
const project_1 = require("./project");
let InvoicesArgs = class InvoicesArgs extends connectionArgs_1.ConnectionArgs {
};
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.InvoiceStatus, { nullable: true }),
    __metadata("design:type", Object)
], InvoicesArgs.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.PaymentState, { nullable: true }),
    __metadata("design:type", Object)
], InvoicesArgs.prototype, "paymentState", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], InvoicesArgs.prototype, "projectId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Invoices counting under this customer (its own and those of accounts merged into it).' }),
    __metadata("design:type", Object)
], InvoicesArgs.prototype, "customerId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Boolean, { nullable: true, description: 'true: only invoices with an open exception; false: only those without.' }),
    __metadata("design:type", Object)
], InvoicesArgs.prototype, "hasOpenException", void 0);
InvoicesArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], InvoicesArgs);
let InvoiceResolver = class InvoiceResolver {
    constructor(deps) {
        this.deps = deps;
    }
    invoice(id, context) {
        return this.deps.loadersFor(context).invoice.load(id);
    }
    async invoices(args) {
        const request = (0, pagination_1.pageRequest)(args.first, args.after, invoices_1.invoiceCursor);
        const filter = {
            status: args.status, paymentState: args.paymentState, projectId: args.projectId,
            customerId: args.customerId, hasOpenException: args.hasOpenException,
        };
        const rows = await (0, invoices_1.invoicesPage)(this.deps.db, filter, request);
        return (0, pagination_1.toConnection)(invoiceConnection_1.InvoiceConnection, rows, request, { node: (i) => i, keys: invoices_1.invoiceKeys, cursor: invoices_1.invoiceCursor }, () => (0, invoices_1.countInvoices)(this.deps.db, filter));
    }
    customer(invoice) {
        return { id: invoice.customerId };
    }
    project(invoice) {
        return { id: invoice.projectId };
    }
    openExceptions(invoice, context) {
        return this.deps.loadersFor(context).openExceptions.load(invoice.id);
    }
};
exports.InvoiceResolver = InvoiceResolver;
__decorate([
    (0, type_graphql_1.Query)(() => invoice_1.Invoice, { nullable: true }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], InvoiceResolver.prototype, "invoice", null);
__decorate([
    (0, type_graphql_1.Query)(() => invoiceConnection_1.InvoiceConnection, { description: 'Invoices in time order (drafted, then id), filtered. first: default 50, at most 500.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [InvoicesArgs]),
    __metadata("design:returntype", Promise)
], InvoiceResolver.prototype, "invoices", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_1.Customer, { description: 'The customer the invoice counts under: the survivor when its account was merged.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [invoice_1.Invoice]),
    __metadata("design:returntype", customer_1.Customer)
], InvoiceResolver.prototype, "customer", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => project_1.Project, { nullable: true }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [invoice_1.Invoice]),
    __metadata("design:returntype", project_1.Project)
], InvoiceResolver.prototype, "project", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [invoiceException_1.InvoiceException], { description: 'Exceptions raised and not resolved, in the order raised.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [invoice_1.Invoice, Object]),
    __metadata("design:returntype", Promise)
], InvoiceResolver.prototype, "openExceptions", null);
exports.InvoiceResolver = InvoiceResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => invoice_1.Invoice),
    __metadata("design:paramtypes", [Object])
], InvoiceResolver);
//# sourceMappingURL=invoice.resolver.js.map