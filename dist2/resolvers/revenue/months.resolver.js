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
exports.MonthsResolver = void 0;
const type_graphql_1 = require("type-graphql");
const months_1 = require("./months");
const project_1 = require("./project");
const projectMonth_1 = require("./projectMonth");
/** `Project.months` and `Query.portfolioMonths`: the figures over time, by calendar month. */
let MonthsResolver = class MonthsResolver {
    constructor(db, loadersFor) {
        this.db = db;
        this.loadersFor = loadersFor;
    }
    months(project, from, to, context) {
        return this.loadersFor(context).months.get((0, months_1.monthRange)(from, to)).load(project.id);
    }
    portfolioMonths(from, to, legalEntityId) {
        return (0, months_1.portfolioMonths)(this.db, (0, months_1.monthRange)(from, to), legalEntityId, null);
    }
};
exports.MonthsResolver = MonthsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [projectMonth_1.ProjectMonth], {
        description: 'The project’s figures per calendar month, oldest first: every month from `from` to `to` (YYYY-MM), zeros where nothing counted; a bound left out is the first or last month with a figure.',
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('from', () => String, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('to', () => String, { nullable: true })),
    __param(3, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], MonthsResolver.prototype, "months", null);
__decorate([
    (0, type_graphql_1.Query)(() => [projectMonth_1.PortfolioMonth], {
        description: 'Per calendar month and currency, the sums of the projects’ months (of one legal entity’s projects when given), oldest first, then by currency.',
    }),
    __param(0, (0, type_graphql_1.Arg)('from', () => String, { nullable: true })),
    __param(1, (0, type_graphql_1.Arg)('to', () => String, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('legalEntityId', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], MonthsResolver.prototype, "portfolioMonths", null);
exports.MonthsResolver = MonthsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => project_1.Project),
    __metadata("design:paramtypes", [Object, Function])
], MonthsResolver);
//# sourceMappingURL=months.resolver.js.map