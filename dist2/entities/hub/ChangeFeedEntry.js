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
exports.ChangeFeedEntry = void 0;
const typeorm_1 = require("typeorm");
/** hub.change_feed: one row per read-model entity an event changed; the truth behind NOTIFY and subscriptions. */
let ChangeFeedEntry = class ChangeFeedEntry {
};
exports.ChangeFeedEntry = ChangeFeedEntry;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint', name: 'change_id' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "changeId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'bigint', name: 'event_position' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "eventPosition", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'entity_kind' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "entityKind", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'entity_id' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "entityId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'event_type' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "eventType", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'event_id' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "eventId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'event_source' }),
    __metadata("design:type", String)
], ChangeFeedEntry.prototype, "eventSource", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'changed_at', default: () => 'now()' }),
    __metadata("design:type", Date)
], ChangeFeedEntry.prototype, "changedAt", void 0);
exports.ChangeFeedEntry = ChangeFeedEntry = __decorate([
    (0, typeorm_1.Entity)({ schema: 'hub', name: 'change_feed' }),
    (0, typeorm_1.Check)('change_feed_entity_kind_check', `entity_kind IN ('invoice', 'project')`)
], ChangeFeedEntry);
//# sourceMappingURL=ChangeFeedEntry.js.map