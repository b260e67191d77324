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
exports.PortfolioRevenueResolver = void 0;
const type_graphql_1 = require("type-graphql");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const money_1 = require("../shared/money");
const portfolioFigures_1 = require("./portfolioFigures");
/** Adds revenue's sums to the project subgraph's `PortfolioFigures` rows. */
let PortfolioRevenueResolver = class PortfolioRevenueResolver {
    constructor(loadersFor) {
        this.loadersFor = loadersFor;
    }
    async sums(row, context) {
        const sums = await this.loadersFor(context).portfolio.load(row.id);
        if (!sums)
            throw new Error(`no portfolio row ${JSON.stringify(row.id)}`);
        return sums;
    }
    async recognizedRevenue(row, context) {
        return (await this.sums(row, context)).recognizedRevenue;
    }
    async margin(row, context) {
        return (await this.sums(row, context)).margin;
    }
    async marginPercent(row, context) {
        return (await this.sums(row, context)).marginPercent;
    }
};
exports.PortfolioRevenueResolver = PortfolioRevenueResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [portfolioFigures_1.PortfolioFigures, Object]),
    __metadata("design:returntype", Promise)
], PortfolioRevenueResolver.prototype, "recognizedRevenue", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => money_1.Money),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [portfolioFigures_1.PortfolioFigures, Object]),
    __metadata("design:returntype", Promise)
], PortfolioRevenueResolver.prototype, "margin", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => decimal_scalar_1.DecimalScalar, { nullable: true, description: 'From the row\'s sums, 2 decimals; null when recognizedRevenue is 0.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [portfolioFigures_1.PortfolioFigures, Object]),
    __metadata("design:returntype", Promise)
], PortfolioRevenueResolver.prototype, "marginPercent", null);
exports.PortfolioRevenueResolver = PortfolioRevenueResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => portfolioFigures_1.PortfolioFigures),
    __metadata("design:paramtypes", [Function])
], PortfolioRevenueResolver);
//# sourceMappingURL=portfolioFigures.resolver.js.map