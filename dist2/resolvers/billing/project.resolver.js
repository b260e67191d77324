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
exports.ProjectBillingResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const money_1 = require("../shared/money");
const pagination_1 = require("../shared/pagination");
const invoiceConnection_1 = require("./invoiceConnection");
const invoices_1 = require("./invoices");
const project_1 = require("./project");
/** Adds the billing figures and `invoices` to the project subgraph's `Project`. */
let ProjectBillingResolver = class ProjectBillingResolver {
    constructor(loadersFor) {
        this.loadersFor = loadersFor;
    }
    async figures(project, context) {
        const figures = await this.loadersFor(context).projectBilling.load(project.id);
        if (!figures)
            throw new Error(`project ${project.id} is not in the read model`);
        return figures;
    }
    async billedAmount(project, context) {
        return (await this.figures(project, context)).billedAmount;
    }
    async unbilledApprovedAmount(project, context) {
        return (await this.figures(project, context)).unbilledApprovedAmount;
    }
    async unbilledApprovedHours(project, context) {
        return (await this.figures(project, context)).unbilledApprovedHours;
    }
    async invoices(project, { first, after }, context) {
        const request = (0, pagination_1.pageRequest)(first, after, invoices_1.invoiceCursor);
        const loaders = this.loadersFor(context);
        const rows = await loaders.invoicePages.project.get(request).load(project.id);
        return (0, pagination_1.toConnection)(invoiceConnection_1.InvoiceConnection, rows, request, { node: (i) => i, keys: invoices_1.invoiceKeys, cursor: invoices_1.invoiceCursor }, () => loaders.invoiceCount.project.load(project.id));
    }
};
exports.ProjectBillingResolver = ProjectBillingResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money, { description: 'Σ net totals of the project\'s posted, not voided invoices.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectBillingResolver.prototype, "billedAmount", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money, { description: 'Work in progress: approved billable time, expenses and milestones not on a posted, not voided invoice.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectBillingResolver.prototype, "unbilledApprovedAmount", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => decimal_scalar_1.DecimalScalar, { description: 'Hours of approved billable time not on a posted, not voided invoice.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectBillingResolver.prototype, "unbilledApprovedHours", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => invoiceConnection_1.InvoiceConnection, { description: 'The project\'s invoices in time order. first: default 50, at most 500.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, connectionArgs_1.ConnectionArgs, Object]),
    __metadata("design:returntype", Promise)
], ProjectBillingResolver.prototype, "invoices", null);
exports.ProjectBillingResolver = ProjectBillingResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => project_1.Project),
    __metadata("design:paramtypes", [Function])
], ProjectBillingResolver);
//# sourceMappingURL=project.resolver.js.map