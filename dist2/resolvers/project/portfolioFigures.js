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
exports.PortfolioFigures = void 0;
const type_graphql_1 = require("type-graphql");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const money_1 = require("../shared/money");
/**
 * One row of the executive portfolio: the projects of one currency (and
 * optionally one legal entity). An entity keyed by `id` (`EUR`, `EUR|LE-DE`),
 * so billing and revenue add their sums to the same row.
 */
let PortfolioFigures = class PortfolioFigures {
};
exports.PortfolioFigures = PortfolioFigures;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'The currency, or currency|legalEntityId ("EUR", "EUR|LE-DE").' }),
    __metadata("design:type", String)
], PortfolioFigures.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], PortfolioFigures.prototype, "currency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Null: all legal entities.' }),
    __metadata("design:type", Object)
], PortfolioFigures.prototype, "legalEntityId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Projects of every status.' }),
    __metadata("design:type", Number)
], PortfolioFigures.prototype, "projectCount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar),
    __metadata("design:type", String)
], PortfolioFigures.prototype, "approvedHours", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money),
    __metadata("design:type", money_1.Money)
], PortfolioFigures.prototype, "laborCost", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money),
    __metadata("design:type", money_1.Money)
], PortfolioFigures.prototype, "expenseCost", void 0);
exports.PortfolioFigures = PortfolioFigures = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id")'),
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Executive totals over the projects of one currency (optionally of one legal entity).' })
], PortfolioFigures);
//# sourceMappingURL=portfolioFigures.js.map