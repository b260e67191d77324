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
exports.EventLogEntry = void 0;
const typeorm_1 = require("typeorm");
/**
 * hub.event_log: every accepted event, durably, once per (source, id).
 * `position` is assigned under the ingest advisory lock, so it grows in commit order.
 */
let EventLogEntry = class EventLogEntry {
};
exports.EventLogEntry = EventLogEntry;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint', name: 'position' }),
    __metadata("design:type", String)
], EventLogEntry.prototype, "position", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'source', collation: 'C' }),
    __metadata("design:type", String)
], EventLogEntry.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'event_id', collation: 'C' }),
    __metadata("design:type", String)
], EventLogEntry.prototype, "eventId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'type' }),
    __metadata("design:type", String)
], EventLogEntry.prototype, "type", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'subject' }),
    __metadata("design:type", String)
], EventLogEntry.prototype, "subject", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'bigint', name: 'sequence', nullable: true }),
    __metadata("design:type", Object)
], EventLogEntry.prototype, "sequence", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'event_time' }),
    __metadata("design:type", Date)
], EventLogEntry.prototype, "eventTime", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'content_hash' }),
    __metadata("design:type", String)
], EventLogEntry.prototype, "contentHash", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', name: 'envelope' }),
    __metadata("design:type", Object)
], EventLogEntry.prototype, "envelope", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'received_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], EventLogEntry.prototype, "receivedAt", void 0);
exports.EventLogEntry = EventLogEntry = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'event_log' }),
    (0, typeorm_1.Unique)('event_log_source_id', ['source', 'eventId'])
], EventLogEntry);
//# sourceMappingURL=EventLogEntry.js.map