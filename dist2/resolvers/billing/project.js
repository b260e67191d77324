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
/** Key stub of the project subgraph's `Project`, to which billing adds its figures and `invoices`. */
let Project = class Project {
};
exports.Project = Project;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], Project.prototype, "id", void 0);
exports.Project = Project = __decorate([
    (0, type_graphql_1.Directive)('@key(fields: "id")'),
    (0, type_graphql_1.ObjectType)('Project', { simpleResolvers: true })
], Project);
//# sourceMappingURL=project.js.map