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
exports.RevenueEvent = void 0;
const typeorm_1 = require("typeorm");
/** revenue.revenue_event: revenue recognized by the ERP for a project and period; counts until reversed. */
let RevenueEvent = class RevenueEvent {
};
exports.RevenueEvent = RevenueEvent;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], RevenueEvent.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'project_id', collation: 'C' }),
    __metadata("design:type", String)
], RevenueEvent.prototype, "projectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 7, name: 'period' }),
    __metadata("design:type", String)
], RevenueEvent.prototype, "period", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount' }),
    __metadata("design:type", String)
], RevenueEvent.prototype, "amount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], RevenueEvent.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'method' }),
    __metadata("design:type", String)
], RevenueEvent.prototype, "method", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', name: 'reversed', default: false }),
    __metadata("design:type", Boolean)
], RevenueEvent.prototype, "reversed", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'recognized_at' }),
    __metadata("design:type", Date)
], RevenueEvent.prototype, "recognizedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'reversed_at', nullable: true }),
    __metadata("design:type", Object)
], RevenueEvent.prototype, "reversedAt", void 0);
exports.RevenueEvent = RevenueEvent = __decorate([
    (0, typeorm_1.Entity)({ schema: 'revenue', name: 'revenue_event' }),
    (0, typeorm_1.Index)('revenue_event_project_id', ['projectId'])
], RevenueEvent);
//# sourceMappingURL=RevenueEvent.js.map