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
exports.TimeEntry = void 0;
const typeorm_1 = require("typeorm");
/** project.time_entry: hours logged on a project; amounts derived at approval. */
let TimeEntry = class TimeEntry {
};
exports.TimeEntry = TimeEntry;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], TimeEntry.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'project_id', collation: 'C' }),
    __metadata("design:type", String)
], TimeEntry.prototype, "projectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'resource_id' }),
    __metadata("design:type", String)
], TimeEntry.prototype, "resourceId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'role', nullable: true }),
    __metadata("design:type", Object)
], TimeEntry.prototype, "role", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'work_date' }),
    __metadata("design:type", String)
], TimeEntry.prototype, "workDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'hours' }),
    __metadata("design:type", String)
], TimeEntry.prototype, "hours", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', name: 'billable' }),
    __metadata("design:type", Boolean)
], TimeEntry.prototype, "billable", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'status' }),
    __metadata("design:type", String)
], TimeEntry.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'approved_by', nullable: true }),
    __metadata("design:type", Object)
], TimeEntry.prototype, "approvedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'bill_rate', nullable: true }),
    __metadata("design:type", Object)
], TimeEntry.prototype, "billRate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'cost_rate', nullable: true }),
    __metadata("design:type", Object)
], TimeEntry.prototype, "costRate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'bill_amount', nullable: true }),
    __metadata("design:type", Object)
], TimeEntry.prototype, "billAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'cost_amount', nullable: true }),
    __metadata("design:type", Object)
], TimeEntry.prototype, "costAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true, name: 'billed_by_invoice_ids', default: () => "'{}'" }),
    __metadata("design:type", Array)
], TimeEntry.prototype, "billedByInvoiceIds", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'updated_at' }),
    __metadata("design:type", Date)
], TimeEntry.prototype, "updatedAt", void 0);
exports.TimeEntry = TimeEntry = __decorate([
    (0, typeorm_1.Entity)({ schema: 'project', name: 'time_entry' }),
    (0, typeorm_1.Check)('time_entry_status_check', `status IN ('submitted', 'approved', 'rejected')`),
    (0, typeorm_1.Index)('time_entry_project_id', ['projectId'])
    // Partial index of the unbilled approved billable facts by date (`unbilledFacts`, oldest first); declared
    // in the migration FiguresOverTime, whose predicate and expression TypeORM cannot state: left alone by the schema diff.
    ,
    (0, typeorm_1.Index)('time_entry_unbilled', { synchronize: false })
], TimeEntry);
//# sourceMappingURL=TimeEntry.js.map