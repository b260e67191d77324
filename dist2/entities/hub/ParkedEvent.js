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
exports.ParkedEvent = void 0;
const typeorm_1 = require("typeorm");
const EventLogEntry_1 = require("./EventLogEntry");
/** hub.parked_event: an event waiting for an aggregate or a predecessor (`waiting_for`). */
let ParkedEvent = class ParkedEvent {
};
exports.ParkedEvent = ParkedEvent;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'bigint', name: 'position' }),
    __metadata("design:type", String)
], ParkedEvent.prototype, "position", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => EventLogEntry_1.EventLogEntry),
    (0, typeorm_1.JoinColumn)({ name: 'position', referencedColumnName: 'position', foreignKeyConstraintName: 'parked_event_position_fkey' }),
    __metadata("design:type", EventLogEntry_1.EventLogEntry)
], ParkedEvent.prototype, "event", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'waiting_for', collation: 'C' }),
    __metadata("design:type", String)
], ParkedEvent.prototype, "waitingFor", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'reason' }),
    __metadata("design:type", String)
], ParkedEvent.prototype, "reason", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'parked_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], ParkedEvent.prototype, "parkedAt", void 0);
exports.ParkedEvent = ParkedEvent = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'parked_event' }),
    (0, typeorm_1.Index)('parked_event_waiting_for', ['waitingFor'])
], ParkedEvent);
//# sourceMappingURL=ParkedEvent.js.map