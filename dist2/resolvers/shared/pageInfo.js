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
exports.PageInfo = void 0;
const type_graphql_1 = require("type-graphql");
/** Relay's PageInfo. `@shareable`: every subgraph with a connection resolves it. */
let PageInfo = class PageInfo {
};
exports.PageInfo = PageInfo;
__decorate([
    (0, type_graphql_1.Field)({ description: 'More items follow the last edge.' }),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasNextPage", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Items precede the first edge (true whenever `after` was given).' }),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasPreviousPage", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor of the first edge; null when there is none.' }),
    __metadata("design:type", Object)
], PageInfo.prototype, "startCursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor of the last edge, for `after`; null when there is none.' }),
    __metadata("design:type", Object)
], PageInfo.prototype, "endCursor", void 0);
exports.PageInfo = PageInfo = __decorate([
    (0, type_graphql_1.Directive)('@shareable'),
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Relay cursor connection page information.' })
], PageInfo);
//# sourceMappingURL=pageInfo.js.map