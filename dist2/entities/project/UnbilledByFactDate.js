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
exports.UnbilledByFactDate = void 0;
const typeorm_1 = require("typeorm");
/**
 * project.unbilled_by_fact_date: the unbilled approved amount (work in
 * progress) per project currency, legal entity and day of the fact (workDate,
 * expenseDate, a milestone's approval day), for the unbilled aging. `facts`
 * counts the facts behind the row: it is deleted at 0.
 */
let UnbilledByFactDate = class UnbilledByFactDate {
};
exports.UnbilledByFactDate = UnbilledByFactDate;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], UnbilledByFactDate.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'legal_entity_id', collation: 'C' }),
    __metadata("design:type", String)
], UnbilledByFactDate.prototype, "legalEntityId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'date', name: 'fact_date' }),
    __metadata("design:type", String)
], UnbilledByFactDate.prototype, "factDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount', default: 0 }),
    __metadata("design:type", String)
], UnbilledByFactDate.prototype, "amount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', name: 'facts', default: 0 }),
    __metadata("design:type", Number)
], UnbilledByFactDate.prototype, "facts", void 0);
exports.UnbilledByFactDate = UnbilledByFactDate = __decorate([
    (0, typeorm_1.Entity)({ schema: 'project', name: 'unbilled_by_fact_date' })
], UnbilledByFactDate);
//# sourceMappingURL=UnbilledByFactDate.js.map