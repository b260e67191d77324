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
exports.CustomerProjectsResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const pagination_1 = require("../shared/pagination");
const customer_1 = require("./customer");
const projectConnection_1 = require("./projectConnection");
const projects_1 = require("./projects");
/** Adds `projects` to the customer subgraph's `Customer`. */
let CustomerProjectsResolver = class CustomerProjectsResolver {
    constructor(loadersFor) {
        this.loadersFor = loadersFor;
    }
    async projects(customer, { first, after }, context) {
        const request = (0, pagination_1.pageRequest)(first, after, projects_1.projectCursor);
        const loaders = this.loadersFor(context);
        const rows = await loaders.projectPagesOfCustomer.get(request).load(customer.id);
        return (0, pagination_1.toConnection)(projectConnection_1.ProjectConnection, rows, request, { node: (p) => p, keys: (p) => [p.id], cursor: projects_1.projectCursor }, () => loaders.projectCountOfCustomer.load(customer.id));
    }
};
exports.CustomerProjectsResolver = CustomerProjectsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => projectConnection_1.ProjectConnection, {
        description: 'Projects of the customer and of every account merged into it, by id; [] for a merged account. first: default 50, at most 500.',
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [customer_1.Customer, connectionArgs_1.ConnectionArgs, Object]),
    __metadata("design:returntype", Promise)
], CustomerProjectsResolver.prototype, "projects", null);
exports.CustomerProjectsResolver = CustomerProjectsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => customer_1.Customer),
    __metadata("design:paramtypes", [Function])
], CustomerProjectsResolver);
//# sourceMappingURL=customer.resolver.js.map