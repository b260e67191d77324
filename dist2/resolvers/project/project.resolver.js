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
exports.ProjectResolver = void 0;
const type_graphql_1 = require("type-graphql");
const connectionArgs_1 = require("../shared/connectionArgs");
const enums_1 = require("../shared/enums");
const pagination_1 = require("../shared/pagination");
const customer_1 = require("./customer");
const project_1 = require("./project");
const projectConnection_1 = require("./projectConnection");
const projects_1 = require("./projects");
let ProjectsArgs = class ProjectsArgs extends connectionArgs_1.ConnectionArgs {
};
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Projects counting under this customer (its own and those of accounts merged into it).' }),
    __metadata("design:type", Object)
], ProjectsArgs.prototype, "customerId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.ProjectStatus, { nullable: true }),
    __metadata("design:type", Object)
], ProjectsArgs.prototype, "status", void 0);
ProjectsArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], ProjectsArgs);
let ProjectResolver = class ProjectResolver {
    constructor(deps) {
        this.deps = deps;
    }
    project(id, context) {
        return this.deps.loadersFor(context).project.load(id);
    }
    async projects({ first, after, customerId, status }) {
        const request = (0, pagination_1.pageRequest)(first, after, projects_1.projectCursor);
        const filter = { customerId, status };
        const rows = await (0, projects_1.projectsPage)(this.deps.db, filter, request);
        return (0, pagination_1.toConnection)(projectConnection_1.ProjectConnection, rows, request, { node: (p) => p, keys: (p) => [p.id], cursor: projects_1.projectCursor }, () => (0, projects_1.countProjects)(this.deps.db, filter));
    }
    customer(project) {
        return { id: project.customerId };
    }
};
exports.ProjectResolver = ProjectResolver;
__decorate([
    (0, type_graphql_1.Query)(() => project_1.Project, { nullable: true }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], ProjectResolver.prototype, "project", null);
__decorate([
    (0, type_graphql_1.Query)(() => projectConnection_1.ProjectConnection, { description: 'Projects by id, optionally of one customer or status. first: default 50, at most 500.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ProjectsArgs]),
    __metadata("design:returntype", Promise)
], ProjectResolver.prototype, "projects", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_1.Customer, { description: 'The customer the project counts under: the survivor when its account was merged.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_1.Project]),
    __metadata("design:returntype", customer_1.Customer)
], ProjectResolver.prototype, "customer", null);
exports.ProjectResolver = ProjectResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => project_1.Project),
    __metadata("design:paramtypes", [Object])
], ProjectResolver);
//# sourceMappingURL=project.resolver.js.map