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
exports.PortfolioMonth = exports.ProjectMonth = void 0;
const type_graphql_1 = require("type-graphql");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const money_1 = require("../shared/money");
/** A project's figures of one calendar month, each by its date basis (docs/api.md, "Figures over time"). */
let ProjectMonth = class ProjectMonth {
};
exports.ProjectMonth = ProjectMonth;
__decorate([
    (0, type_graphql_1.Field)({ description: 'YYYY-MM' }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "month", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar, { description: 'Hours of approved (or billed) time entries with a workDate in the month.' }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "approvedHours", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ costAmount of those time entries.' }),
    __metadata("design:type", money_1.Money)
], ProjectMonth.prototype, "laborCost", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ amount of approved expenses with an expenseDate in the month.' }),
    __metadata("design:type", money_1.Money)
], ProjectMonth.prototype, "expenseCost", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ net totals of posted, not voided invoices with an invoiceDate in the month.' }),
    __metadata("design:type", money_1.Money)
], ProjectMonth.prototype, "billedAmount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ revenue events of the month’s period, not reversed.' }),
    __metadata("design:type", money_1.Money)
], ProjectMonth.prototype, "recognizedRevenue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'recognizedRevenue − laborCost − expenseCost of the month.' }),
    __metadata("design:type", money_1.Money)
], ProjectMonth.prototype, "margin", void 0);
exports.ProjectMonth = ProjectMonth = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'A project’s figures of one calendar month; the months of a project sum to its figures.' })
], ProjectMonth);
/** The portfolio's figures of one month in one currency: the sums over its projects' months. */
let PortfolioMonth = class PortfolioMonth extends ProjectMonth {
};
exports.PortfolioMonth = PortfolioMonth;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], PortfolioMonth.prototype, "currency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The legal entity asked for; null: every legal entity.' }),
    __metadata("design:type", Object)
], PortfolioMonth.prototype, "legalEntityId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Projects with a fact dated in the month.' }),
    __metadata("design:type", Number)
], PortfolioMonth.prototype, "projectCount", void 0);
exports.PortfolioMonth = PortfolioMonth = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'One month and currency of the portfolio: the sums of its projects’ months.' })
], PortfolioMonth);
//# sourceMappingURL=projectMonth.js.map