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
exports.ProjectRevenueResolver = void 0;
const type_graphql_1 = require("type-graphql");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const money_1 = require("../shared/money");
const project_1 = require("./project");
/** Adds recognized revenue, margin and backlog to the project subgraph's `Project`. */
let ProjectRevenueResolver = class ProjectRevenueResolver {
    constructor(loadersFor) {
        this.loadersFor = loadersFor;
    }
    async figures(project, context) {
        const figures = await this.loadersFor(context).projectRevenue.load(project.id);
        if (!figures)
            throw new Error(`project ${project.id} is not in the read model`);
        return figures;
    }
    async recognizedRevenue(project, context) {
        return (await this.figures(project, context)).recognizedRevenue;
    }
    async margin(project, context) {
        return (await this.figures(project, context)).margin;
    }
    async marginPercent(project, context) {
        return (await this.figures(project, context)).marginPercent;
    }
    async revenueBacklog(project, context) {
        return (await this.figures(project, context)).revenueBacklog;
    }
};
exports.ProjectRevenueResolver = ProjectRevenueResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money, { description: 'Σ recognized revenue events not reversed.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectRevenueResolver.prototype, "recognizedRevenue", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money, { description: 'recognizedRevenue − laborCost − expenseCost.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectRevenueResolver.prototype, "margin", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => decimal_scalar_1.DecimalScalar, { nullable: true, description: 'margin ÷ recognizedRevenue × 100, 2 decimals; null when recognizedRevenue is 0.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectRevenueResolver.prototype, "marginPercent", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money, { nullable: true, description: 'Work approved but not yet recognized (T&M, milestone); null for fixed fee and retainer.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object]),
    __metadata("design:returntype", Promise)
], ProjectRevenueResolver.prototype, "revenueBacklog", null);
exports.ProjectRevenueResolver = ProjectRevenueResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => project_1.Project),
    __metadata("design:paramtypes", [Function])
], ProjectRevenueResolver);
//# sourceMappingURL=project.resolver.js.map