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
exports.Project = void 0;
const type_graphql_1 = require("type-graphql");
const date_scalar_1 = require("../shared/date.scalar");
const dateTime_scalar_1 = require("../shared/dateTime.scalar");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const enums_1 = require("../shared/enums");
const money_1 = require("../shared/money");
/**
 * A project (PSA), owned by the project subgraph: its attributes and the
 * figures kept on its row (hours and costs). Billing and revenue add theirs.
 * Every amount is in the project's currency.
 */
let Project = class Project {
};
exports.Project = Project;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Project.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], Project.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.BillingModel),
    __metadata("design:type", String)
], Project.prototype, "billingModel", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.ProjectStatus),
    __metadata("design:type", String)
], Project.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'ISO 4217; every amount of the project is in it.' }),
    __metadata("design:type", String)
], Project.prototype, "currency", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], Project.prototype, "legalEntityId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar, { description: 'Hours of time entries approved (or billed).' }),
    __metadata("design:type", String)
], Project.prototype, "approvedHours", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar, { description: 'The same, billable only.' }),
    __metadata("design:type", String)
], Project.prototype, "billableApprovedHours", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ cost of approved (or billed) time entries.' }),
    __metadata("design:type", money_1.Money)
], Project.prototype, "laborCost", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Σ amount of approved expenses, billable or not.' }),
    __metadata("design:type", money_1.Money)
], Project.prototype, "expenseCost", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "contractValue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar, { nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "budgetHours", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "plannedStart", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "plannedEnd", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => dateTime_scalar_1.DateTimeScalar, { description: 'When the project was created in the PSA (event time).' }),
    __metadata("design:type", Date)
], Project.prototype, "createdAt", void 0);
exports.Project = Project = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id")'),
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'A project; every amount is in the project currency.' })
], Project);
//# sourceMappingURL=project.js.map