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
exports.CustomerResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const pagination_1 = require("../shared/pagination");
const accounts_1 = require("./accounts");
const customer_1 = require("./customer");
const customerConnection_1 = require("./customerConnection");
let CustomerResolver = class CustomerResolver {
    constructor(deps) {
        this.deps = deps;
    }
    customer(id, context) {
        return this.deps.loadersFor(context).customer.load(id);
    }
    async customers({ first, after }) {
        const request = (0, pagination_1.pageRequest)(first, after, accounts_1.customerCursor);
        const rows = await (0, accounts_1.survivorsPage)(this.deps.db, request);
        return (0, pagination_1.toConnection)(customerConnection_1.CustomerConnection, rows, request, { node: (c) => c, keys: (c) => [c.id], cursor: accounts_1.customerCursor }, () => (0, accounts_1.countSurvivors)(this.deps.db));
    }
    mergedInto(customer, context) {
        return customer.mergedIntoId === null ? null : this.deps.loadersFor(context).customer.load(customer.mergedIntoId);
    }
};
exports.CustomerResolver = CustomerResolver;
__decorate([
    (0, type_graphql_1.Query)(() => customer_1.Customer, { nullable: true, description: 'A customer by id; a merged account answers too (status "merged", mergedInto).' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], CustomerResolver.prototype, "customer", null);
__decorate([
    (0, type_graphql_1.Query)(() => customerConnection_1.CustomerConnection, { description: 'Customers that are not merged into another, by id. first: default 50, at most 500.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [connectionArgs_1.ConnectionArgs]),
    __metadata("design:returntype", Promise)
], CustomerResolver.prototype, "customers", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_1.Customer, { nullable: true, description: 'The survivor this account counts under, at the end of the merge chain; null unless merged.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [customer_1.Customer, Object]),
    __metadata("design:returntype", Object)
], CustomerResolver.prototype, "mergedInto", null);
exports.CustomerResolver = CustomerResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => customer_1.Customer),
    __metadata("design:paramtypes", [Object])
], CustomerResolver);
//# sourceMappingURL=customer.resolver.js.map