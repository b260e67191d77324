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
exports.HubException = void 0;
const typeorm_1 = require("typeorm");
const EventLogEntry_1 = require("./EventLogEntry");
/** hub.exception: an accepted event that changed nothing (e.g. ILLEGAL_TRANSITION), listed for operators until one dismisses it. */
let HubException = class HubException {
};
exports.HubException = HubException;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'bigint', name: 'position' }),
    __metadata("design:type", String)
], HubException.prototype, "position", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => EventLogEntry_1.EventLogEntry),
    (0, typeorm_1.JoinColumn)({ name: 'position', referencedColumnName: 'position', foreignKeyConstraintName: 'exception_position_fkey' }),
    __metadata("design:type", EventLogEntry_1.EventLogEntry)
], HubException.prototype, "event", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'code' }),
    __metadata("design:type", String)
], HubException.prototype, "code", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'message' }),
    __metadata("design:type", String)
], HubException.prototype, "message", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'raised_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], HubException.prototype, "raisedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'dismissed_at', nullable: true }),
    __metadata("design:type", Object)
], HubException.prototype, "dismissedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'dismissed_by', nullable: true }),
    __metadata("design:type", Object)
], HubException.prototype, "dismissedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'dismissed_reason', nullable: true }),
    __metadata("design:type", Object)
], HubException.prototype, "dismissedReason", void 0);
exports.HubException = HubException = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'exception' }),
    (0, typeorm_1.Index)('exception_open', ['position'], { where: 'dismissed_at IS NULL' })
], HubException);
//# sourceMappingURL=HubException.js.map