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
exports.RejectedEvent = void 0;
const typeorm_1 = require("typeorm");
/** hub.rejected_event: what was refused and why, kept for operators. */
let RejectedEvent = class RejectedEvent {
};
exports.RejectedEvent = RejectedEvent;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint', name: 'rejection_id' }),
    __metadata("design:type", String)
], RejectedEvent.prototype, "rejectionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'source', collation: 'C', nullable: true }),
    __metadata("design:type", Object)
], RejectedEvent.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'event_id', collation: 'C', nullable: true }),
    __metadata("design:type", Object)
], RejectedEvent.prototype, "eventId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'reason' }),
    __metadata("design:type", String)
], RejectedEvent.prototype, "reason", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', name: 'errors' }),
    __metadata("design:type", Array)
], RejectedEvent.prototype, "errors", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', name: 'body', nullable: true }),
    __metadata("design:type", Object)
], RejectedEvent.prototype, "body", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'received_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], RejectedEvent.prototype, "receivedAt", void 0);
exports.RejectedEvent = RejectedEvent = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'rejected_event' }),
    (0, typeorm_1.Check)('rejected_event_reason_check', `reason IN ('invalid', 'conflict', 'forbidden')`),
    (0, typeorm_1.Index)('rejected_event_source_id', ['source', 'eventId'])
], RejectedEvent);
//# sourceMappingURL=RejectedEvent.js.map