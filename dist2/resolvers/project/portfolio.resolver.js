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
exports.PortfolioResolver = void 0;
const type_graphql_1 = require("type-graphql");
const portfolio_1 = require("./portfolio");
const portfolioFigures_1 = require("./portfolioFigures");
let PortfolioResolver = class PortfolioResolver {
    constructor(db) {
        this.db = db;
    }
    portfolio(legalEntityId) {
        return (0, portfolio_1.portfolio)(this.db, legalEntityId ?? null);
    }
};
exports.PortfolioResolver = PortfolioResolver;
__decorate([
    (0, type_graphql_1.Query)(() => [portfolioFigures_1.PortfolioFigures], { description: 'Executive totals: one row per project currency, of all projects or of one legal entity.' }),
    __param(0, (0, type_graphql_1.Arg)('legalEntityId', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], PortfolioResolver.prototype, "portfolio", null);
exports.PortfolioResolver = PortfolioResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => portfolioFigures_1.PortfolioFigures),
    __metadata("design:paramtypes", [Object])
], PortfolioResolver);
//# sourceMappingURL=portfolio.resolver.js.map