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
exports.ReportingGrant = void 0;
const typeorm_1 = require("typeorm");
/**
 * hub.reporting_grant: the login roles granted the SQL reporting surface with
 * a legal-entity restriction (`servicegraph grant-reporting --legal-entities`).
 * The views of the `reporting` schema keep only the rows of these legal
 * entities for a session whose login role (`session_user`) is listed; a role
 * not listed sees every legal entity. The reporting role cannot read this table.
 */
let ReportingGrant = class ReportingGrant {
};
exports.ReportingGrant = ReportingGrant;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'role_name', collation: 'C' }),
    __metadata("design:type", String)
], ReportingGrant.prototype, "roleName", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true, name: 'legal_entities' }),
    __metadata("design:type", Array)
], ReportingGrant.prototype, "legalEntities", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'granted_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], ReportingGrant.prototype, "grantedAt", void 0);
exports.ReportingGrant = ReportingGrant = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'reporting_grant' })
], ReportingGrant);
//# sourceMappingURL=ReportingGrant.js.map