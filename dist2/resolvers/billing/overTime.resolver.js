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
exports.OverTimeResolver = void 0;
exports.utcDate = utcDate;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const date_scalar_1 = require("../shared/date.scalar");
const errors_1 = require("../shared/errors");
const pagination_1 = require("../shared/pagination");
const aging_1 = require("./aging");
const overTime_1 = require("./overTime");
const unbilledFacts_1 = require("./unbilledFacts");
let UnbilledFactsArgs = class UnbilledFactsArgs extends connectionArgs_1.ConnectionArgs {
};
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Only facts more than this many days old (ageDays > olderThanDays); 0 or more.' }),
    __metadata("design:type", Number)
], UnbilledFactsArgs.prototype, "olderThanDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => date_scalar_1.DateScalar, { nullable: true, description: 'The day ages are counted to; default today (UTC).' }),
    __metadata("design:type", Object)
], UnbilledFactsArgs.prototype, "asOf", void 0);
UnbilledFactsArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], UnbilledFactsArgs);
/** The UTC calendar day of an instant: what "today" means for every figure over time. */
function utcDate(instant) {
    return instant.toISOString().slice(0, 10);
}
/** Receivables and unbilled aging, DSO and the unbilled facts: what depends on "today" is counted at read time. */
let OverTimeResolver = class OverTimeResolver {
    /** @param clock "today" (its UTC date) for every field whose day is left out */
    constructor(db, clock) {
        this.db = db;
        this.clock = clock;
    }
    scope(legalEntityId) {
        return { legalEntityId, visible: null };
    }
    receivablesAging(asOf, legalEntityId) {
        return (0, aging_1.receivablesAging)(this.db, asOf ?? utcDate(this.clock()), this.scope(legalEntityId));
    }
    unbilledAging(asOf, legalEntityId) {
        return (0, aging_1.unbilledAging)(this.db, asOf ?? utcDate(this.clock()), this.scope(legalEntityId));
    }
    dso(legalEntityId, asOf) {
        return (0, aging_1.dso)(this.db, asOf ?? utcDate(this.clock()), this.scope(legalEntityId));
    }
    async unbilledFacts(args) {
        if (!Number.isInteger(args.olderThanDays) || args.olderThanDays < 0) {
            throw (0, errors_1.badUserInput)(`olderThanDays: expected an integer of 0 or more, got ${(0, errors_1.shown)(args.olderThanDays)}`, { argumentName: 'olderThanDays' });
        }
        const request = (0, pagination_1.pageRequest)(args.first, args.after, unbilledFacts_1.unbilledFactCursor);
        const asOf = args.asOf ?? utcDate(this.clock());
        const visible = this.scope(null).visible;
        const rows = await (0, unbilledFacts_1.unbilledFactsPage)(this.db, asOf, args.olderThanDays, visible, request);
        return (0, pagination_1.toConnection)(overTime_1.UnbilledFactConnection, rows, request, { node: (f) => f, keys: unbilledFacts_1.unbilledFactKeys, cursor: unbilledFacts_1.unbilledFactCursor }, () => (0, unbilledFacts_1.countUnbilledFacts)(this.db, asOf, args.olderThanDays, visible));
    }
};
exports.OverTimeResolver = OverTimeResolver;
__decorate([
    (0, type_graphql_1.Query)(() => [overTime_1.AgingBuckets], {
        description: 'Per currency (of one legal entity when given), the amount due of posted, not voided invoices by days past dueDate as of `asOf` (default today, UTC).',
    }),
    __param(0, (0, type_graphql_1.Arg)('asOf', () => date_scalar_1.DateScalar, { nullable: true })),
    __param(1, (0, type_graphql_1.Arg)('legalEntityId', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], OverTimeResolver.prototype, "receivablesAging", null);
__decorate([
    (0, type_graphql_1.Query)(() => [overTime_1.AgingBuckets], {
        description: 'Per currency (of one legal entity when given), the unbilled approved amount by the age of each fact as of `asOf` (default today, UTC); `current` is null.',
    }),
    __param(0, (0, type_graphql_1.Arg)('asOf', () => date_scalar_1.DateScalar, { nullable: true })),
    __param(1, (0, type_graphql_1.Arg)('legalEntityId', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], OverTimeResolver.prototype, "unbilledAging", null);
__decorate([
    (0, type_graphql_1.Query)(() => [overTime_1.Dso], { description: 'Days sales outstanding per currency (of one legal entity when given), as of `asOf` (default today, UTC).' }),
    __param(0, (0, type_graphql_1.Arg)('legalEntityId', () => String, { nullable: true })),
    __param(1, (0, type_graphql_1.Arg)('asOf', () => date_scalar_1.DateScalar, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], OverTimeResolver.prototype, "dso", null);
__decorate([
    (0, type_graphql_1.Query)(() => overTime_1.UnbilledFactConnection, {
        description: 'Approved billable facts on no posted, not voided invoice, older than `olderThanDays`, oldest first (factDate, kind, id). first: default 50, at most 500.',
    }),
    __param(0, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [UnbilledFactsArgs]),
    __metadata("design:returntype", Promise)
], OverTimeResolver.prototype, "unbilledFacts", null);
exports.OverTimeResolver = OverTimeResolver = __decorate([
    (0, type_graphql_1.Resolver)(),
    __metadata("design:paramtypes", [Object, Function])
], OverTimeResolver);
//# sourceMappingURL=overTime.resolver.js.map