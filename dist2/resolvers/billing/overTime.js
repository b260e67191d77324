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
exports.UnbilledFactConnection = exports.UnbilledFact = exports.Dso = exports.AgingBuckets = void 0;
const type_graphql_1 = require("type-graphql");
const connection_1 = require("../shared/connection");
const date_scalar_1 = require("../shared/date.scalar");
const decimal_scalar_1 = require("../shared/decimal.scalar");
const money_1 = require("../shared/money");
const customer_1 = require("./customer");
const project_1 = require("./project");
/** Amounts by age as of a date, in one currency (docs/api.md, "Figures over time"). */
let AgingBuckets = class AgingBuckets {
};
exports.AgingBuckets = AgingBuckets;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], AgingBuckets.prototype, "currency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The legal entity asked for; null: every legal entity.' }),
    __metadata("design:type", Object)
], AgingBuckets.prototype, "legalEntityId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { description: 'The day the ages are counted to.' }),
    __metadata("design:type", String)
], AgingBuckets.prototype, "asOf", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { nullable: true, description: 'Receivables not past due (dueDate on or after asOf); null in the unbilled aging.' }),
    __metadata("design:type", Object)
], AgingBuckets.prototype, "current", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: '1 to 30 days past due; unbilled: facts at most 30 days old (dated asOf or later included).' }),
    __metadata("design:type", money_1.Money)
], AgingBuckets.prototype, "days1to30", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: '31 to 60 days.' }),
    __metadata("design:type", money_1.Money)
], AgingBuckets.prototype, "days31to60", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: '61 to 90 days.' }),
    __metadata("design:type", money_1.Money)
], AgingBuckets.prototype, "days61to90", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'More than 90 days.' }),
    __metadata("design:type", money_1.Money)
], AgingBuckets.prototype, "over90", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Every bucket together: the outstanding receivables, or the unbilled approved amount.' }),
    __metadata("design:type", money_1.Money)
], AgingBuckets.prototype, "total", void 0);
exports.AgingBuckets = AgingBuckets = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Amounts by age as of a date, in one currency.' })
], AgingBuckets);
/** Days sales outstanding of one currency. */
let Dso = class Dso {
};
exports.Dso = Dso;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], Dso.prototype, "currency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The legal entity asked for; null: every legal entity.' }),
    __metadata("design:type", Object)
], Dso.prototype, "legalEntityId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar, {
        nullable: true,
        description: 'Σ amountDue ÷ Σ grossTotal of the invoices with an invoiceDate in the 90 days up to the day (today included) × 90, 1 decimal; null when none was posted then.',
    }),
    __metadata("design:type", Object)
], Dso.prototype, "days", void 0);
exports.Dso = Dso = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Days sales outstanding of one currency.' })
], Dso);
/** An approved billable fact no posted, not voided invoice names. */
let UnbilledFact = class UnbilledFact {
};
exports.UnbilledFact = UnbilledFact;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'The time entry’s, expense’s or milestone’s id.' }),
    __metadata("design:type", String)
], UnbilledFact.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'time | expense | milestone' }),
    __metadata("design:type", String)
], UnbilledFact.prototype, "kind", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => project_1.Project, { nullable: true }),
    __metadata("design:type", Object)
], UnbilledFact.prototype, "project", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => customer_1.Customer, { nullable: true, description: 'The project’s customer (the survivor when its account was merged).' }),
    __metadata("design:type", Object)
], UnbilledFact.prototype, "customer", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => money_1.Money, { description: 'Its bill amount (a milestone’s amount), in the project’s currency.' }),
    __metadata("design:type", money_1.Money)
], UnbilledFact.prototype, "amount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { description: 'workDate, expenseDate, or the UTC day of the milestone’s approval.' }),
    __metadata("design:type", String)
], UnbilledFact.prototype, "factDate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Days from factDate to the day asked (today by default).' }),
    __metadata("design:type", Number)
], UnbilledFact.prototype, "ageDays", void 0);
exports.UnbilledFact = UnbilledFact = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'An approved billable fact no posted, not voided invoice names (leakage).' })
], UnbilledFact);
let UnbilledFactConnection = class UnbilledFactConnection extends (0, connection_1.connectionOf)(UnbilledFact, 'UnbilledFact') {
};
exports.UnbilledFactConnection = UnbilledFactConnection;
exports.UnbilledFactConnection = UnbilledFactConnection = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Unbilled facts, oldest first (factDate, kind, id).' })
], UnbilledFactConnection);
//# sourceMappingURL=overTime.js.map