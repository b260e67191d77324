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
exports.AuditLogEntry = void 0;
const typeorm_1 = require("typeorm");
/** hub.audit_log: who used which door, when, from where, and what came of it (written by access/auditLog.ts). */
let AuditLogEntry = class AuditLogEntry {
};
exports.AuditLogEntry = AuditLogEntry;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint', name: 'audit_id' }),
    __metadata("design:type", String)
], AuditLogEntry.prototype, "auditId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'at' }),
    __metadata("design:type", Date)
], AuditLogEntry.prototype, "at", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'kind' }),
    __metadata("design:type", String)
], AuditLogEntry.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'door' }),
    __metadata("design:type", String)
], AuditLogEntry.prototype, "door", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'subject', nullable: true }),
    __metadata("design:type", Object)
], AuditLogEntry.prototype, "subject", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'client', nullable: true }),
    __metadata("design:type", Object)
], AuditLogEntry.prototype, "client", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'int', name: 'status' }),
    __metadata("design:type", Number)
], AuditLogEntry.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'reason', nullable: true }),
    __metadata("design:type", Object)
], AuditLogEntry.prototype, "reason", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', name: 'detail', nullable: true }),
    __metadata("design:type", Object)
], AuditLogEntry.prototype, "detail", void 0);
exports.AuditLogEntry = AuditLogEntry = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'audit_log' }),
    (0, typeorm_1.Check)('audit_log_kind_check', `kind IN ('ingest', 'refused', 'operator')`)
], AuditLogEntry);
//# sourceMappingURL=AuditLogEntry.js.map