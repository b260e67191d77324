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
exports.Milestone = void 0;
const typeorm_1 = require("typeorm");
/** project.milestone: an approved milestone and its billable value. */
let Milestone = class Milestone {
};
exports.Milestone = Milestone;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], Milestone.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'project_id', collation: 'C' }),
    __metadata("design:type", String)
], Milestone.prototype, "projectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'name' }),
    __metadata("design:type", String)
], Milestone.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount' }),
    __metadata("design:type", String)
], Milestone.prototype, "amount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], Milestone.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true, name: 'billed_by_invoice_ids', default: () => "'{}'" }),
    __metadata("design:type", Array)
], Milestone.prototype, "billedByInvoiceIds", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'approved_at' }),
    __metadata("design:type", Date)
], Milestone.prototype, "approvedAt", void 0);
exports.Milestone = Milestone = __decorate([
    (0, typeorm_1.Entity)({ schema: 'project', name: 'milestone' }),
    (0, typeorm_1.Index)('milestone_project_id', ['projectId'])
    // Partial index of the unbilled approved billable facts by date (`unbilledFacts`, oldest first); declared
    // in the migration FiguresOverTime, whose predicate and expression TypeORM cannot state: left alone by the schema diff.
    ,
    (0, typeorm_1.Index)('milestone_unbilled', { synchronize: false })
], Milestone);
//# sourceMappingURL=Milestone.js.map