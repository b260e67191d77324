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
exports.IngestStatusResolver = void 0;
const type_graphql_1 = require("type-graphql");
const status_1 = require("../../hub/status");
const ingestStatus_1 = require("./ingestStatus");
let IngestStatusResolver = class IngestStatusResolver {
    constructor(pool) {
        this.pool = pool;
    }
    ingestStatus() {
        return (0, status_1.readIngestStatus)(this.pool);
    }
};
exports.IngestStatusResolver = IngestStatusResolver;
__decorate([
    (0, type_graphql_1.Query)(() => ingestStatus_1.IngestStatus, { description: 'Ingest counts (one snapshot), the same as GET /status of the ingest port.' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], IngestStatusResolver.prototype, "ingestStatus", null);
exports.IngestStatusResolver = IngestStatusResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => ingestStatus_1.IngestStatus),
    __metadata("design:paramtypes", [Function])
], IngestStatusResolver);
//# sourceMappingURL=ingestStatus.resolver.js.map