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
exports.IngestStatus = void 0;
const type_graphql_1 = require("type-graphql");
/** The ingest counts of docs/api.md#ingest-over-http, the same as `GET /status`. */
let IngestStatus = class IngestStatus {
};
exports.IngestStatus = IngestStatus;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Distinct events accepted.' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "received", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Accepted events applied to the read model (exceptions included).' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "applied", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Accepted events waiting for an aggregate or a predecessor.' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "parked", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Duplicate answers given.' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "duplicates", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Rejected answers given (schema errors and conflicts).' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "rejected", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Applied events that became exceptions (ILLEGAL_TRANSITION, CURRENCY_MISMATCH).' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "exceptions", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Accepted, not yet applied, parked or found stale.' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "pending", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Accepted events at or below an already applied sequence (not applied again).' }),
    __metadata("design:type", Number)
], IngestStatus.prototype, "stale", void 0);
exports.IngestStatus = IngestStatus = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Ingest counts, the same as GET /status of the ingest port.' })
], IngestStatus);
//# sourceMappingURL=ingestStatus.js.map